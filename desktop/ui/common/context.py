"""What the UI needs from the outside world, in one object that tests build themselves.

Tests pass a fake clock, a temporary data folder and the floor KDF parameters here, so
UI tests are fast and exact without any switch that could weaken a real install.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from desktop.clock import Clock, SystemClock
from desktop.startup_settings import StartupSettings, save_settings
from desktop.ui.common.locations import Locations
from desktop.ui.common.messages import MessageBoxes
from desktop.ui.common.work import WorkRunner

if TYPE_CHECKING:
    from desktop.vault import KdfParams, Vault

log = logging.getLogger("alongside.ui")


class AppContext:
    """Locations, settings, clock, KDF choice, modal boxes and the background runner.

    A plain class, not a dataclass: start-up pays ~0.5 ms for each dataclass
    (startup_settings.py).
    """

    def __init__(
        self,
        locations: Locations,
        settings: StartupSettings,
        kdf: KdfParams | None = None,
        clock: Clock | None = None,
        messages: MessageBoxes | None = None,
        runner: WorkRunner | None = None,
        idle_check_interval_ms: int = 5_000,
        lock_signal_buses: tuple[str, str] | None = ("SESSION", "SYSTEM"),
    ) -> None:
        self.locations = locations
        self.settings = settings
        # desktop.vault.KdfParams, or None for the shipped parameters (desktop.vault is
        # imported only after the first window is shown).
        self.kdf = kdf
        self.clock: Clock = SystemClock() if clock is None else clock
        self.messages = MessageBoxes() if messages is None else messages
        self.runner = WorkRunner() if runner is None else runner
        self.idle_check_interval_ms = idle_check_interval_ms
        # The (session, system) D-Bus addresses heard for screen lock and suspend on
        # Linux: jeepney's "SESSION"/"SYSTEM" read the environment; tests pass a private
        # bus, or None to listen nowhere.
        self.lock_signal_buses = lock_signal_buses

    def kdf_kwargs(self) -> dict[str, Any]:
        """``{"kdf": ...}`` for vault calls when a KDF was injected, else nothing."""
        return {} if self.kdf is None else {"kdf": self.kdf}

    def store_settings(self) -> bool:
        """Write the start-up settings; False (and logged) if the folder is not writable."""
        try:
            save_settings(self.locations.settings_file, self.settings)
        except OSError as exc:
            log.warning("settings.write_failed %s", type(exc).__name__)
            return False
        return True


def close_vault(context: AppContext, vault: Vault) -> None:
    """Close a vault (drop its key, release its lock) on the worker thread that opened it.

    Queued behind any running job; the UI has already cleared its content by then.
    """

    def closed(_: object) -> None:
        log.info("vault.closed")

    def failed(exc: BaseException) -> None:
        log.warning("vault.close_failed %s", type(exc).__name__)

    vault.stop_long_jobs()  # a backup stops at its next step instead of holding the key
    context.runner.run(vault.close, owner=None, on_success=closed, on_failure=failed)
