"""The vault locks when the computer does: screen lock and suspend, where reported.

Linux: D-Bus signals heard on background threads (``dbus_lock_signals``); Windows: the
WTS session and power notifications through a native event filter
(``windows_session``); macOS: the workspace and distributed notifications through PyObjC
(``macos_session``). Whatever the platform says reaches the UI thread as the
queued ``lock_requested`` signal, and the window locks through its one lock path, as
for Ctrl+L and the idle lock. Started after the window shows, so start-up pays nothing.
docs/shared-pc.md has the table of what works where and what was tested.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.shell.dbus_lock_signals import BusAddresses, LockSignalListener
    from desktop.ui.shell.macos_session import WorkspaceWatch

log = logging.getLogger("alongside.ui")


class ComputerLockWatch(QObject):
    """Emits ``lock_requested(reason)`` on the UI thread when the computer locks."""

    lock_requested = Signal(str)
    _heard = Signal(str)  # emitted from listener threads; queued to the UI thread

    def __init__(self, window: QWidget, buses: BusAddresses | None) -> None:
        super().__init__(window)
        self._window = window
        self._buses = buses
        self.listener: LockSignalListener | None = None
        self._native_filter: object | None = None
        self._workspace: WorkspaceWatch | None = None
        self._heard.connect(self.lock_requested, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        """Begin listening where this platform can tell (never raises)."""
        try:
            if sys.platform.startswith("linux") and self._buses is not None:
                from desktop.ui.shell.dbus_lock_signals import LockSignalListener

                self.listener = LockSignalListener(self._buses, self._heard.emit)
                self.listener.start()
            elif sys.platform == "win32":
                from desktop.ui.shell.windows_session import watch_session

                self._native_filter = watch_session(self._window, self._heard.emit)
            elif sys.platform == "darwin":
                from desktop.ui.shell.macos_session import watch_workspace

                self._workspace = watch_workspace(self._heard.emit)
        except Exception as exc:  # locking by hand and on idle still work
            log.warning("lock_signals.start_failed %s", type(exc).__name__)

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()
        if self._workspace is not None:
            self._workspace.stop()
            self._workspace = None
