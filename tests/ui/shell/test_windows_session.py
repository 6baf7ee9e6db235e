"""Windows' session messages mapped to lock reasons (the plain-Python half of
windows_session.py; the ctypes registration itself runs only on Windows, untested here:
docs/shared-pc.md)."""

from __future__ import annotations

from desktop.ui.shell.windows_session import (
    PBT_APMSUSPEND,
    WM_POWERBROADCAST,
    WM_WTSSESSION_CHANGE,
    reason_for,
    watch_session,
)

WTS_SESSION_UNLOCK = 0x8
WTS_SESSION_LOGON = 0x5
PBT_APMRESUMEAUTOMATIC = 0x12


def test_lock_disconnect_and_suspend_lock_the_vault_unlock_and_resume_do_not():
    assert reason_for(WM_WTSSESSION_CHANGE, 0x7) == "screen_locked"  # WTS_SESSION_LOCK
    assert reason_for(WM_WTSSESSION_CHANGE, 0x2) == "screen_locked"  # switched user
    assert reason_for(WM_WTSSESSION_CHANGE, 0x4) == "screen_locked"  # remote disconnect
    assert reason_for(WM_POWERBROADCAST, PBT_APMSUSPEND) == "suspend"
    assert reason_for(WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK) is None
    assert reason_for(WM_WTSSESSION_CHANGE, WTS_SESSION_LOGON) is None
    assert reason_for(WM_POWERBROADCAST, PBT_APMRESUMEAUTOMATIC) is None
    assert reason_for(0x0100, 0x7) is None  # WM_KEYDOWN with the same number


def test_elsewhere_than_windows_nothing_is_registered(qtbot):
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    assert watch_session(widget, lambda _: None) is None
