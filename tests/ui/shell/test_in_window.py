"""The debrief view inside the real window: shortcuts, menus, crisis resources while
locked, and locking that saves and clears what was typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.resources.crisis_view import CrisisResourcesDialog
from desktop.ui.shell.places import Place
from desktop.vault import open_vault
from tests.ui.helpers import any_widget_holds, unlock, wait_idle

CANARY = "Canary-Ottoline-Brackenbury"
CTRL = Qt.KeyboardModifier.ControlModifier


def _focus(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_crisis_resources_from_the_unlock_screen_without_unlocking(qtbot, window, made_vault):
    window.show_unlock()
    qtbot.mouseClick(window.unlock_screen.crisis_button, Qt.MouseButton.LeftButton)
    dialogs = [d for d in window.findChildren(CrisisResourcesDialog) if d.isVisible()]
    assert dialogs
    view = dialogs[0].view
    assert view.notice.text() == "If you are in immediate danger, call your local emergency number."
    assert view.lines_text
    assert window.vault is None  # still locked
    dialogs[0].close()


def test_keyboard_flow_in_the_window_and_lock_clears(qtbot, window, made_vault):
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    view = window.vault_view
    assert view.current_place is Place.TODAY
    _focus(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    assert view.current_place is Place.CHECKINS
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    page = view.debriefs
    assert view.current_place is Place.DEBRIEFS
    assert page.right.currentWidget() is page.picker
    qtbot.keyClick(page.picker.list, Qt.Key.Key_Down)
    qtbot.keyClick(page.picker.list, Qt.Key.Key_Return)
    assert page.editor.template.id == "stop5"
    qtbot.keyClicks(page.editor.body_edit, CANARY)
    qtbot.keyClick(page.editor.body_edit, Qt.Key.Key_F, CTRL)
    assert page.search_box.hasFocus()
    qtbot.keyClicks(page.search_box, CANARY)
    menu_texts = [a.text() for a in window.menus["vault"].actions()]
    assert {"Quick &check-in…", "&Search debriefs", "&Export…"} <= set(menu_texts)
    shortcuts = {a.text(): a.shortcut().toString() for a in window.menus["vault"].actions()}
    assert shortcuts["Quick &check-in…"] == "Ctrl+Shift+K"
    assert shortcuts["&Export…"] == "Ctrl+E"
    assert CANARY not in window.windowTitle()
    with qtbot.waitSignal(window.locked):
        qtbot.keyClick(page.search_box, Qt.Key.Key_L, CTRL)
    assert not any_widget_holds(CANARY)
    wait_idle(qtbot, window.context)
    with open_vault(made_vault.folder, made_vault.passphrase) as vault:
        assert any(d.title == CANARY for d in vault.debriefs.list())  # saved on lock


def test_date_range_filter(qtbot, window, made_vault):
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    page = window.vault_view.debriefs
    window.vault_view.go_to_place(Place.DEBRIEFS)
    wait_idle(qtbot, window.context)
    assert page.list_model.rowCount() == 1
    bar = page.filter_bar
    bar.setVisible(True)
    today = window.vault_view.ops.today()
    assert bar.date_from.value() is None  # "Any date" until one is picked
    bar.date_from.pick_button.menu().aboutToShow.emit()
    assert bar.date_from.calendar.selectedDate() == QDate(today.year, today.month, today.day)
    bar.date_from.calendar.clicked.emit(QDate(today.year, today.month, today.day).addDays(1))
    qtbot.waitUntil(lambda: page.list_model.fully_loaded and page.list_model.rowCount() == 0)
    qtbot.mouseClick(bar.date_from.clear_button, Qt.MouseButton.LeftButton)  # one action
    assert bar.date_from.value() is None
    qtbot.waitUntil(lambda: page.list_model.fully_loaded and page.list_model.rowCount() == 1)
    bar.date_to.calendar.clicked.emit(QDate(today.year, today.month, today.day).addDays(-1))
    qtbot.waitUntil(lambda: page.list_model.fully_loaded and page.list_model.rowCount() == 0)


def test_help_menu_f1_and_ctrl_e_in_the_window(qtbot, window, made_vault):
    from desktop.ui.common.messages import Button

    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    help_actions = {a.text(): a for a in window.menus["help"].actions()}
    assert help_actions["Alongside &help"].shortcut().toString() == "F1"
    crisis = help_actions["&Crisis resources"]
    assert crisis.shortcut().toString() == "Shift+F1"
    crisis.trigger()
    view = window.vault_view
    # Unlocked, F1 shows the Resources place: the shipped lines and the user's own.
    assert view.current_place is Place.RESOURCES
    assert not [d for d in window.findChildren(CrisisResourcesDialog) if d.isVisible()]
    page = view.debriefs
    view.go_to_place(Place.DEBRIEFS)
    qtbot.waitUntil(lambda: page.list_model.rowCount() == 1)
    page.list_view.setCurrentIndex(page.list_model.index(0))
    wait_idle(qtbot, window.context)
    _focus(qtbot, window)
    window.context.messages.set_next_answer(Button.Cancel)
    qtbot.keyClick(page.list_view, Qt.Key.Key_E, CTRL)
    wait_idle(qtbot, window.context)  # the identifier check runs first, on the long lane
    assert window.context.messages.history[-1][0] == "The exported file is not encrypted"


def test_ctrl_e_works_while_writing(qtbot, window, made_vault):
    from desktop.ui.common.messages import Button

    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    view = window.vault_view
    view.new_debrief("stop5")
    qtbot.keyClicks(view.body_edit, "words")
    _focus(qtbot, window)
    for box in (view.title_edit, view.body_edit):
        before = len(window.context.messages.history)
        window.context.messages.set_next_answer(Button.Cancel)
        qtbot.keyClick(box, Qt.Key.Key_E, CTRL)
        wait_idle(qtbot, window.context)  # a new debrief is saved first
        assert len(window.context.messages.history) == before + 1
        assert window.context.messages.history[-1][0] == "The exported file is not encrypted"


def test_closing_the_window_saves_what_was_typed(qtbot, window, made_vault):
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    view = window.vault_view
    view.new_debrief("what_so_what_now_what")
    qtbot.keyClicks(view.body_edit, "Closing canary Hollowmere")
    window.close()  # no pause, no second passed: close saves it
    wait_idle(qtbot, window.context)
    assert not any_widget_holds("Hollowmere")
    with open_vault(made_vault.folder, made_vault.passphrase) as vault:
        assert [d.title for d in vault.debriefs.list() if "Hollowmere" in d.title] == [
            "Closing canary Hollowmere"
        ]


def _type_while_the_disk_is_full(qtbot, window, made_vault, monkeypatch, words):
    from desktop.vault import DiskFull

    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    view = window.vault_view
    view.new_debrief("free_note")
    qtbot.keyClicks(view.body_edit, words)

    def full_disk(*args, **kwargs):
        raise DiskFull("disk-full")

    monkeypatch.setattr(window.vault.debriefs, "add", full_disk)
    view.debriefs.editor.autosave.flush()
    wait_idle(qtbot, window.context)
    assert view.has_failed_save()
    return view


def test_lock_while_a_save_is_failing_asks_first(qtbot, window, made_vault, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    view = _type_while_the_disk_is_full(qtbot, window, made_vault, monkeypatch, "Unsaved Fenwick")
    window.context.messages.set_next_answer(QMessageBox.StandardButton.Cancel)
    assert window.lock("shortcut") is False
    title, text = window.context.messages.history[-1]
    assert title == "Your latest changes are not saved"
    assert "disk may be full" in text
    assert window.vault is not None
    assert view.body_edit.toPlainText() == "Unsaved Fenwick"  # still on screen

    window.context.messages.set_next_answer(QMessageBox.StandardButton.Discard)
    assert window.lock("shortcut") is True
    assert window.vault is None
    assert not any_widget_holds("Fenwick")


def test_closing_while_a_save_is_failing_can_be_cancelled(qtbot, window, made_vault, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    _type_while_the_disk_is_full(qtbot, window, made_vault, monkeypatch, "Unsaved Ashdown")
    window.context.messages.set_next_answer(QMessageBox.StandardButton.Cancel)
    window.close()
    assert window.isVisible()
    assert window.vault is not None
    window.context.messages.set_next_answer(QMessageBox.StandardButton.Discard)


def test_idle_lock_during_a_failing_save_says_so_at_the_unlock_screen(
    qtbot, window, made_vault, monkeypatch, clock
):
    _type_while_the_disk_is_full(qtbot, window, made_vault, monkeypatch, "Unsaved Thistlecombe")
    clock.advance(6 * 60)
    window.idle_lock.check()
    wait_idle(qtbot, window.context)
    assert window.vault is None
    assert not any_widget_holds("Thistlecombe")
    assert "could not be saved" in window.unlock_screen.error.text()


def test_every_place_has_its_shortcut_in_the_go_menu_and_the_sidebar(qtbot, window, made_vault):
    """Ctrl+1 … Ctrl+8 in sidebar order (UI.md), shown in the Go menu and the tooltips."""
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    view = window.vault_view
    _focus(qtbot, window)
    go_menu = {
        a.text().replace("&", ""): a.shortcut().toString() for a in window.menus["go"].actions()
    }
    keys = [
        Qt.Key.Key_1,
        Qt.Key.Key_2,
        Qt.Key.Key_3,
        Qt.Key.Key_4,
        Qt.Key.Key_5,
        Qt.Key.Key_6,
        Qt.Key.Key_7,
        Qt.Key.Key_8,
    ]
    for index, (place, key) in enumerate(zip(Place, keys, strict=True)):
        assert go_menu[place.title] == f"Ctrl+{index + 1}"
        assert view.places.item(index).toolTip() == f"{place.title} (Ctrl+{index + 1})"
        qtbot.keyClick(window, key, CTRL)
        assert view.current_place is place
    wait_idle(qtbot, window.context)


def test_text_size_from_the_view_menu_scales_text_and_is_remembered(qtbot, window, made_vault):
    from desktop.startup_settings import load_settings

    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    app = QApplication.instance()
    normal = app.font().pointSizeF()
    title = window.vault_view.today.heading  # an emphasised heading, with its own font
    title_normal = title.font().pointSizeF()
    try:
        window.chrome.text_size_actions[150].trigger()
        QApplication.processEvents()  # let the style sheet re-polish what is on screen
        assert app.font().pointSizeF() == pytest.approx(normal * 1.5)
        assert title.font().pointSizeF() > title_normal * 1.3  # headings follow
        saved = load_settings(window.context.locations.settings_file)
        assert saved.text_scale == 150  # remembered on this computer
        _focus(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_0, CTRL)  # back to normal
        assert app.font().pointSizeF() == pytest.approx(normal)
    finally:
        window.computer.set_text_scale(100)


def test_f1_opens_help_with_every_place_zone_and_shortcut_and_the_crisis_lines(
    qtbot, window, made_vault
):
    from desktop.models.checkin import StressZone
    from desktop.ui.help.help_dialog import HelpDialog

    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    _focus(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    helps = [d for d in window.findChildren(HelpDialog) if d.isVisible()]
    assert len(helps) == 1
    text = helps[0].page.toPlainText()
    for place in Place:
        assert place.title in text
        assert place.shortcut in text
    for zone in StressZone:
        assert zone.description in text
    for shortcut in ("Ctrl+L", "Ctrl+N", "Ctrl+F", "Ctrl+E", "Ctrl+Shift+K", "Shift+F1"):
        assert shortcut in text
    assert "recovery code" in text
    assert "Where your data lives" in text
    qtbot.mouseClick(helps[0].crisis_button, Qt.MouseButton.LeftButton)  # one click away
    assert window.vault_view.current_place is Place.RESOURCES  # shipped lines and my own
