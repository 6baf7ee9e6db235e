"""Copies out of the app are marked for clipboard managers and cleared: after a while and
on lock."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QKeySequence

from desktop.ui.common.clipboard import KDE_HINT_FORMAT, OURS
from tests.ui.helpers import new_from, wait_idle

CANARY = "Clipboard canary Marrowgate"


def test_a_copy_from_a_debrief_is_marked_secret_and_cleared(qtbot, view):
    window = view.window()
    guard = window.clipboard
    new_from(qtbot, view, "free_note")
    box = view.debriefs.editor.body_edit
    qtbot.keyClicks(box, CANARY)
    box.selectAll()
    qtbot.keySequence(box, QKeySequence.StandardKey.Copy)
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.mimeData().hasFormat(OURS))
    data = clipboard.mimeData()
    assert data.text() == CANARY
    assert bytes(data.data(KDE_HINT_FORMAT)) == b"secret"  # managers and history skip it
    assert window.status.text.text() == "Copied; clears in 30 s"
    guard.clear_after_s = 0  # the real wait is 30 s (View setting); here: at once
    box.selectAll()
    qtbot.keySequence(box, QKeySequence.StandardKey.Copy)
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3_000)


def test_locking_clears_our_copy(qtbot, view):
    window = view.window()
    new_from(qtbot, view, "free_note")
    box = view.debriefs.editor.body_edit
    qtbot.keyClicks(box, CANARY)
    box.selectAll()
    qtbot.keySequence(box, QKeySequence.StandardKey.Copy)
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: CANARY in clipboard.text())
    window.lock("manual")
    wait_idle(qtbot, window.context)
    assert CANARY not in clipboard.text()
