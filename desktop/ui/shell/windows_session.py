"""Windows: lock the vault on a session lock or suspend (WTS and power notifications).

``WTSRegisterSessionNotification`` asks Windows to send the main window
``WM_WTSSESSION_CHANGE`` (``WTS_SESSION_LOCK`` on Win+L, a switch of user, a remote
disconnect); ``WM_POWERBROADCAST`` with ``PBT_APMSUSPEND`` comes before sleep without
asking. A native event filter on the application sees both before Qt does. Reached only
through ctypes (no pywin32 in the bundle). Written to Microsoft's documentation but NOT
run by our tests, which run on Linux (docs/shared-pc.md).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger("alongside.lock_signals")

WM_WTSSESSION_CHANGE = 0x02B1
WTS_CONSOLE_DISCONNECT = 0x2
WTS_REMOTE_DISCONNECT = 0x4
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x0004
NOTIFY_FOR_THIS_SESSION = 0
LOCKING_SESSION_CHANGES = {
    WTS_SESSION_LOCK: "screen_locked",
    WTS_CONSOLE_DISCONNECT: "screen_locked",  # switched to another user
    WTS_REMOTE_DISCONNECT: "screen_locked",
}


def reason_for(message: int, w_param: int) -> str | None:
    """The reason to lock a window message carries, or None."""
    if message == WM_WTSSESSION_CHANGE:
        return LOCKING_SESSION_CHANGES.get(w_param)
    if message == WM_POWERBROADCAST and w_param == PBT_APMSUSPEND:
        return "suspend"
    return None


class SessionEventFilter(QAbstractNativeEventFilter):
    """Reads each Windows MSG and reports the ones that mean "lock now"."""

    def __init__(self, on_lock: Callable[[str], None]) -> None:
        super().__init__()
        self._on_lock = on_lock

    def nativeEventFilter(
        self, eventType: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> object:
        kind = eventType.data() if isinstance(eventType, QByteArray) else bytes(eventType)
        if kind == b"windows_generic_MSG" and sys.platform == "win32":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            reason = reason_for(msg.message, int(msg.wParam or 0))
            if reason is not None:
                log.info("lock_signals.heard reason=%s", reason)
                self._on_lock(reason)
        return False, 0  # never swallow the message: Qt and Windows still need it


def watch_session(window: QWidget, on_lock: Callable[[str], None]) -> SessionEventFilter | None:
    """Register ``window`` for session notifications and install the filter."""
    app = QCoreApplication.instance()
    if sys.platform == "win32" and app is not None:
        import ctypes

        event_filter = SessionEventFilter(on_lock)
        app.installNativeEventFilter(event_filter)
        hwnd = int(window.winId())
        registered = ctypes.windll.wtsapi32.WTSRegisterSessionNotification(
            ctypes.c_void_p(hwnd), NOTIFY_FOR_THIS_SESSION
        )
        log.info("lock_signals.listening wts=%s", bool(registered))
        return event_filter
    return None
