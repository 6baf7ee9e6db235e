"""The vault's auto-lock: its minutes are stored in the vault, ticked in Vault > Auto-lock,
and the idle lock fires after them — unless a key change is under way.

Locking in the middle of a key change would lose a new recovery code the user has not
written down yet, so the idle lock waits another period then.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.ui.shell.idle_lock import IdleLock

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from desktop.ui.common.context import AppContext
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")


class AutoLock(QObject):
    """Idle lock with the open vault's own minutes; the menu follows them."""

    def __init__(
        self,
        context: AppContext,
        window: QWidget,
        lock: Callable[[str], object],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(window)
        self._context = context
        self._window = window
        self._lock = lock
        self._on_error = on_error
        self.menu_actions: dict[int, QAction] = {}
        self.idle = IdleLock(context.clock, context.idle_check_interval_ms, self)
        self.idle.timed_out.connect(self._timed_out)

    def follow_vault(self, vault: Vault, owner: QObject) -> None:
        """Start watching with the vault's stored minutes (read on the database lane)."""
        self._context.runner.run_on_vault(
            vault,
            lambda v: v.auto_lock_minutes,
            owner=owner,
            on_success=self._apply,
            on_failure=self._on_error,
        )

    def change(
        self, vault: Vault, owner: QObject, minutes: int, status: Callable[[str], None]
    ) -> None:
        """Vault > Auto-lock: store the minutes in the vault, then watch with them."""

        def store(v: Vault) -> None:
            v.auto_lock_minutes = minutes

        def stored(_: object) -> None:
            log.info("vault.auto_lock_changed")
            self._apply(minutes)
            status("Auto-lock: never" if minutes == 0 else f"Locks after {minutes} min idle")

        self._context.runner.run_on_vault(
            vault, store, owner=owner, on_success=stored, on_failure=self._on_error, write=True
        )

    def stop(self) -> None:
        self.idle.stop()

    def _apply(self, minutes: int) -> None:
        self.idle.follow(minutes)
        action = self.menu_actions.get(minutes)
        if action is not None:
            action.setChecked(True)

    def _timed_out(self) -> None:
        if key_change_under_way(self._window):
            log.info("vault.idle_lock_deferred")
            self.idle.start(self.idle.minutes)
            return
        self._lock("idle")

    def computer_locked(self, reason: str) -> None:
        """The screen locked or the computer is about to sleep: lock now, unless a key
        change would lose its new recovery code (the computer's own lock covers the screen;
        the idle lock follows once the change is done)."""
        if key_change_under_way(self._window):
            log.info("vault.computer_lock_deferred reason=%s", reason)
            return
        self._lock(reason)


def key_change_under_way(window: QWidget) -> bool:
    """A passphrase change is running or showing its new recovery code."""
    from desktop.ui.unlock.change_passphrase import ChangePassphraseDialog

    return any(
        dialog.isVisible() and (dialog.working or dialog.pages.currentIndex() == 1)
        for dialog in window.findChildren(ChangePassphraseDialog)
    )
