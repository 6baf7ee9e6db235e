"""macOS notifications mapped to lock reasons (the plain-Python half of macos_session.py;
the PyObjC observer itself runs only on a Mac, untested here: docs/shared-pc.md)."""

from __future__ import annotations

from desktop.ui.shell.macos_session import reason_for, watch_workspace


def test_sleep_screen_lock_and_user_switch_lock_the_vault_waking_does_not():
    assert reason_for("NSWorkspaceWillSleepNotification") == "suspend"
    assert reason_for("NSWorkspaceScreensDidSleepNotification") == "screen_locked"
    assert reason_for("com.apple.screenIsLocked") == "screen_locked"
    assert reason_for("NSWorkspaceSessionDidResignActiveNotification") == "screen_locked"
    for waking in (
        "NSWorkspaceDidWakeNotification",
        "NSWorkspaceScreensDidWakeNotification",
        "com.apple.screenIsUnlocked",
        "NSWorkspaceSessionDidBecomeActiveNotification",
    ):
        assert reason_for(waking) is None


def test_elsewhere_than_macos_nothing_is_observed():
    heard: list[str] = []
    assert watch_workspace(heard.append) is None
    assert heard == []
