"""Vault calls from the debrief UI, run through the one background runner.

Every vault call blocks on the vault's database thread, so the UI hands it to the
app's background runner and gets the result on the UI thread. ``VaultOps`` adds one
thing: once the view is closed (on lock), late results are dropped, so a callback
never touches a widget that has been destroyed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from desktop.ui.common.context import AppContext

log = logging.getLogger("alongside.ui")


class VaultOps:
    """Runs ``work(vault)`` off the UI thread; reports to callbacks while still open."""

    def __init__(
        self, context: AppContext, vault: Any, on_error: Callable[[BaseException], None]
    ) -> None:
        self.context = context
        self.vault = vault
        self._on_error = on_error
        self._open = True
        self.pending = 0

    @property
    def is_open(self) -> bool:
        return self._open

    def close(self) -> None:
        """Drop every later result (the view is being cleared and destroyed)."""
        self._open = False
        self.vault = None

    def report(self, exc: BaseException) -> None:
        """Hand an error to the view's handler (if the view is still open)."""
        if self._open:
            self._on_error(exc)

    def run(
        self,
        work: Callable[[Any], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        busy_text: str = "",
    ) -> None:
        """Run ``work(vault)`` on the runner; ``on_done(result)`` back on the UI thread."""
        if not self._open:
            return
        vault = self.vault
        self.pending += 1

        def done(result: Any) -> None:
            self.pending -= 1
            if self._open and on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self.pending -= 1
            if not self._open:
                log.info("vault.late_failure %s", type(exc).__name__)
                return
            (on_error or self._on_error)(exc)

        self.context.runner.run(
            lambda: work(vault), on_success=done, on_failure=failed, busy_text=busy_text
        )
