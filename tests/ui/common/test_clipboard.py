"""Copies out of the app are marked for clipboard managers and cleared: after the chosen
time on the app's clock, on lock and on quit — and only while the copy is still ours."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QKeySequence

from desktop.ui.common.clipboard import KDE_HINT_FORMAT, OURS
from tests.ui.helpers import new_from, wait_idle

CANARY = "Clipboard canary Marrowgate"


def copy_canary(qtbot, view) -> None:
    new_from(qtbot, view, "free_note")
    box = view.debriefs.editor.body_edit
    qtbot.keyClicks(box, CANARY)
    box.selectAll()
    qtbot.keySequence(box, QKeySequence.StandardKey.Copy)
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.mimeData().hasFormat(OURS))


def test_a_copy_is_marked_secret_and_cleared_after_30_s_on_the_clock(qtbot, view, clock):
    window = view.window()
    copy_canary(qtbot, view)
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    assert data.text() == CANARY
    assert bytes(data.data(KDE_HINT_FORMAT)) == b"secret"  # managers and history skip it
    assert window.status.text.text() == "Copied; clears in 30 s"
    clock.advance(29)
    window.clipboard.check()
    assert clipboard.text() == CANARY  # not yet
    clock.advance(1.5)
    window.clipboard.check()
    assert clipboard.text() == ""
    assert not window.clipboard.pending


def test_the_view_setting_changes_the_wait(qtbot, view, clock):
    window = view.window()
    window.computer.set_clipboard_seconds(10)
    copy_canary(qtbot, view)
    assert window.status.text.text() == "Copied; clears in 10 s"
    clock.advance(10)
    window.clipboard.check()
    assert QGuiApplication.clipboard().text() == ""
    assert window.context.settings.clipboard_seconds == 10  # remembered in settings.json


def test_another_programs_copy_is_never_cleared(qtbot, view, clock):
    window = view.window()
    copy_canary(qtbot, view)
    clipboard = QGuiApplication.clipboard()
    # Another program takes the clipboard (the guard is not told: nothing of ours changed).
    theirs = QMimeData()
    theirs.setText("someone else's text")
    clipboard.blockSignals(True)
    clipboard.setMimeData(theirs)
    clipboard.blockSignals(False)
    clock.advance(60)
    window.clipboard.check()
    window.lock("manual")
    wait_idle(qtbot, window.context)
    assert clipboard.text() == "someone else's text"


def test_locking_clears_our_copy(qtbot, view):
    window = view.window()
    copy_canary(qtbot, view)
    window.lock("manual")
    wait_idle(qtbot, window.context)
    assert CANARY not in QGuiApplication.clipboard().text()


def test_quitting_clears_our_copy(qtbot, view):
    window = view.window()
    copy_canary(qtbot, view)
    window.close()
    wait_idle(qtbot, window.context)
    assert CANARY not in QGuiApplication.clipboard().text()
