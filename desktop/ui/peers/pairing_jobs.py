"""The pairing dialog's blocking calls, bound to one vault and the app's clock."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.clock import Clock
    from desktop.vault import Vault


class VaultPairingJobs:
    """desktop.sync.pairing for one vault (run on the long-job lane by the dialog)."""

    def __init__(self, vault: Vault, clock: Clock) -> None:
        self._vault = vault
        self._clock = clock

    def show_code(
        self, relay: str, cancel: threading.Event, progress: Callable[[Any], None]
    ) -> Any:
        from desktop.sync.pairing import show_code

        return show_code(self._vault, relay, clock=self._clock, cancel=cancel, progress=progress)

    def enter_code(
        self, relay: str, code: str, cancel: threading.Event, progress: Callable[[Any], None]
    ) -> Any:
        from desktop.sync.pairing import enter_code

        return enter_code(
            self._vault, relay, code, clock=self._clock, cancel=cancel, progress=progress
        )

    def mark_verified(self) -> Any:
        from desktop.sync.partner import mark_verified

        return mark_verified(self._vault)
