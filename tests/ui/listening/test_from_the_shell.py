"""From the Go menu to the reflection: set-up, a lock behind the session, the debrief."""

from __future__ import annotations

import gc
import logging

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.common.messages import Button
from desktop.ui.listening import words
from desktop.ui.listening.reflection import REFLECTION_TAG
from desktop.ui.listening.session_window import ListeningWindow
from desktop.ui.listening.setup_dialog import SetupDialog
from desktop.vault import Vault

from ..helpers import any_widget_holds, settle, wait_idle

NAMES = ("Asha", "Ben", "Cai")


def open_setup(qtbot, view) -> SetupDialog:
    shell = view.window()
    action = shell.chrome.listening_action
    assert action.shortcut().toString() == "Ctrl+Shift+L"
    assert action in shell.menus["go"].actions()
    qtbot.keyClick(
        shell, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: bool(view.findChildren(SetupDialog)))
    dialog = view.findChildren(SetupDialog)[0]
    settle(qtbot, view)
    return dialog


def start_session(qtbot, view, names=NAMES) -> ListeningWindow:
    dialog = open_setup(qtbot, view)
    for edit, name in zip(dialog.name_edits, names, strict=False):
        qtbot.keyClicks(edit, name)
    dialog.start_button.click()
    shell = view.window()
    qtbot.waitUntil(lambda: bool(shell.findChildren(ListeningWindow)))
    window = shell.findChildren(ListeningWindow)[0]
    qtbot.waitExposed(window)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    return window


def finish(qtbot, window: ListeningWindow) -> None:
    for _ in range(len(window.session.turns)):
        window.next_turn()
    assert window.pages.currentWidget() is window.end_page


def holds_a_vault(obj: object) -> bool:
    """Whether anything the window keeps (one level into its attributes) is a Vault."""
    for value in vars(obj).values():
        if isinstance(value, Vault):
            return True
        inner = getattr(value, "__dict__", {})
        if any(isinstance(v, Vault) for v in inner.values()):
            return True
    return False


def test_the_go_menu_sets_up_and_starts_a_session(qtbot, view, context) -> None:
    dialog = open_setup(qtbot, view)
    assert words.ROUTINE_SPACE in [
        label.text() for label in dialog.findChildren(type(dialog.message))
    ]
    assert dialog.rounds_edit.toPlainText().splitlines() == [
        "How I am feeling",
        "What I am thinking",
        "What I am hoping for",
    ]
    assert dialog.minutes.value() == 2
    qtbot.keyClicks(dialog.name_edits[0], "Asha")
    dialog.start_button.click()
    assert dialog.isVisible()  # one person is not a group
    assert dialog.message.text() == "Add at least two people, by first name or initials."
    qtbot.keyClicks(dialog.name_edits[1], "asha")
    dialog.start_button.click()
    assert "same name" in dialog.message.text()
    dialog.name_edits[1].clear()
    qtbot.keyClicks(dialog.name_edits[1], "Ben")
    dialog.minutes.setValue(3)
    dialog.start_button.click()
    shell = view.window()
    qtbot.waitUntil(lambda: bool(shell.findChildren(ListeningWindow)))
    window = shell.findChildren(ListeningWindow)[0]
    assert window.isWindow()
    assert window.run_page.countdown.text() == "3:00"
    assert window.run_page.speaker_label.text() == "Asha"
    assert window.windowTitle() == "Listening session"
    assert all(edit.text() == "" for edit in dialog.name_edits)  # the names left the set-up
    context.messages.set_next_answer(Button.Yes)
    window.close()


def test_a_saved_format_is_offered_next_time(qtbot, view, vault) -> None:
    dialog = open_setup(qtbot, view)
    dialog.rounds_edit.setPlainText("Right now\nThis week")
    dialog.minutes.setValue(4)
    qtbot.keyClicks(dialog.format_name, "Tuesday team")
    dialog.save_format_button.click()
    settle(qtbot, view)
    assert [f.name for f in vault.listening_formats.list()] == ["Tuesday team"]
    dialog.reject()
    again = open_setup(qtbot, view)
    qtbot.waitUntil(lambda: again.format_combo.count() == 2)
    assert again.format_combo.itemText(1) == "Tuesday team"
    again.format_combo.setCurrentIndex(1)
    again.format_combo.activated.emit(1)
    assert again.rounds_edit.toPlainText() == "Right now\nThis week"
    assert again.minutes.value() == 4


def test_the_session_goes_on_when_the_vault_idle_locks_behind_it(
    qtbot, view, vault, context, clock
) -> None:
    vault.debriefs.add("Night shift on Ward 7", "Something to protect")
    shell = view.window()
    window = start_session(qtbot, view)
    assert not holds_a_vault(window)
    clock.advance(seconds=30)
    wait_idle(qtbot, context)  # the vault's auto-lock minutes (5) are read: watching
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    clock.advance(minutes=4)
    qtbot.keyClick(window, Qt.Key.Key_Space)  # the facilitator pauses and carries on:
    qtbot.keyClick(window, Qt.Key.Key_Space)  # not activity in the vault
    clock.advance(minutes=1, seconds=1)
    with qtbot.waitSignal(shell.locked):
        shell.idle_lock.check()  # the idle lock's own timer would call this
    wait_idle(qtbot, context)
    assert shell.vault is None
    assert shiboken6.isValid(window)
    assert window.isVisible()
    assert not view_is_alive(shell)
    window.refresh()
    assert window.run_page.countdown.text() == "0:00"  # Asha's turn ran out meanwhile
    window.next_turn()
    clock.advance(seconds=45)
    window.refresh()
    assert window.run_page.countdown.text() == "1:15"
    assert window.run_page.speaker_label.text() == "Ben"
    texts = " ".join(label.text() for label in window.findChildren(type(window.run_page.countdown)))
    assert "Night shift" not in texts
    gc.collect()
    assert not holds_a_vault(window)
    finish(qtbot, window)
    window.end_page.reflect_button.click()  # the vault is locked: nothing is written
    assert window.end_page.message.text() == words.REFLECTION_LOCKED
    window.end_page.close_button.click()


def view_is_alive(shell) -> bool:
    return shell.vault_view is not None


def test_the_reflection_becomes_a_free_note_debrief(qtbot, view, vault, context) -> None:
    window = start_session(qtbot, view)
    finish(qtbot, window)
    window.end_page.with_names.setChecked(True)
    window.end_page.reflect_button.click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: view.debriefs.editor.handle is not None)
    [summary] = vault.debriefs.page().rows
    debrief = vault.debriefs.get(summary.id)
    assert debrief.template_id == "free_note"
    assert debrief.title == "Listening session, Mon 16 Nov 2026"  # the session's date
    assert debrief.fields == {"note": "Present: Asha, Ben, Cai\n\n"}
    assert debrief.tags == (REFLECTION_TAG,)
    assert view.debriefs.editor.handle.id == debrief.id  # open in the main window


def test_a_reflection_without_names_holds_none(qtbot, view, vault) -> None:
    window = start_session(qtbot, view)
    finish(qtbot, window)
    window.end_page.reflect_button.click()
    settle(qtbot, view)
    [summary] = vault.debriefs.page().rows
    assert vault.debriefs.get(summary.id).fields == {"note": ""}


def test_names_never_reach_the_log(qtbot, view, caplog, context) -> None:
    caplog.set_level(logging.DEBUG)
    window = start_session(qtbot, view)
    window.give_back()
    window.next_turn()
    context.messages.set_next_answer(Button.Yes)
    window.leave()
    window.end_page.with_names.setChecked(True)
    window.end_page.reflect_button.click()
    settle(qtbot, view)
    logged = caplog.text + " ".join(repr(r.args) for r in caplog.records)
    assert "listening.ended" in logged
    for name in NAMES:
        assert name not in logged


def test_set_up_and_start_by_keyboard_alone(qtbot, view, context) -> None:
    dialog = open_setup(qtbot, view)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name_edits[0])
    for name in NAMES:
        qtbot.keyClicks(QApplication.focusWidget(), name)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    shell = view.window()
    qtbot.waitUntil(lambda: bool(shell.findChildren(ListeningWindow)))
    window = shell.findChildren(ListeningWindow)[0]
    assert [t.speaker for t in window.session.turns[:3]] == list(NAMES)
    context.messages.set_next_answer(Button.Yes)
    window.close()


def test_a_lock_takes_the_set_up_and_its_names_with_it(qtbot, view, context) -> None:
    shell = view.window()
    dialog = open_setup(qtbot, view)
    qtbot.keyClicks(dialog.name_edits[0], "Zephyrine")
    shell.lock("idle")
    wait_idle(qtbot, context)
    assert not shiboken6.isValid(dialog)
    assert not any_widget_holds("Zephyrine")


def test_a_saved_format_can_be_forgotten(qtbot, view, vault) -> None:
    dialog = open_setup(qtbot, view)
    assert not dialog.forget_format_button.isVisibleTo(dialog)  # the suggested one stays
    qtbot.keyClicks(dialog.format_name, "Short")
    dialog.rounds_edit.setPlainText("Right now")
    dialog.save_format_button.click()
    settle(qtbot, view)
    assert dialog.format_combo.currentText() == "Short"
    assert dialog.forget_format_button.isVisibleTo(dialog)
    dialog.forget_format_button.click()
    settle(qtbot, view)
    assert vault.listening_formats.list() == []
    assert [dialog.format_combo.itemText(i) for i in range(dialog.format_combo.count())] == [
        "Three rounds"
    ]
    assert dialog.rounds_edit.toPlainText().startswith("How I am feeling")
    dialog.reject()
