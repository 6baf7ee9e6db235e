"""Through the UI: keep a watch list, write a debrief naming a patient with an NHS
number, export; the preview highlights both, Go back writes nothing, Export anyway
writes the file. Nothing found ever reaches the log."""

from __future__ import annotations

import logging
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.privacy.identifiers import IdentifierCheck
from desktop.ui.common.identifier_check import CheckSettings
from desktop.ui.common.identifier_preview import EXPORT_CAVEAT
from desktop.ui.common.messages import Button
from desktop.ui.export.export_flow import WARNING_TITLE, WENT_BACK
from tests.ui.helpers import any_widget_holds, new_from, save_now, settle

CTRL = Qt.KeyboardModifier.ControlModifier
NAME = "Quillfeather"
NHS = "943 476 5919"


def vault_menu_action(view, text: str):
    menu = view.window().menus["vault"]
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def add_names_through_the_dialog(qtbot, view, *names: str):
    vault_menu_action(view, "Names to watch for…").trigger()
    dialog = view.watch_list_dialog
    qtbot.waitExposed(dialog)
    settle(qtbot, view)
    first, *others = names
    assert dialog.name_edit.hasFocus() or not dialog.isActiveWindow()
    qtbot.keyClicks(dialog.name_edit, first)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter adds
    settle(qtbot, view)
    for name in others:
        qtbot.keyClicks(dialog.name_edit, name)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        settle(qtbot, view)
    return dialog


def write_debrief(qtbot, view, summary: str) -> None:
    new_from(qtbot, view, "stop5")
    qtbot.keyClicks(view.debriefs.editor.field_edits["summarise"], summary)
    save_now(qtbot, view)


def export_to(view, target: Path) -> None:
    view.export_flow.choose_path = lambda *args: target


def activate(qtbot, view) -> None:
    """After a dialog closes a window manager activates the window below it; the
    offscreen platform has none, so the test does."""
    view.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())


def open_preview(qtbot, view):
    activate(qtbot, view)
    qtbot.keyClick(view.debriefs.editor.field_edits["summarise"], Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(
        lambda: view.export_flow.preview is not None and view.export_flow.preview.isVisible(),
        timeout=10_000,
    )
    return view.export_flow.preview


def test_watch_list_name_and_nhs_number_are_shown_before_export(
    qtbot, view, vault, tmp_path, caplog
):
    caplog.set_level(logging.DEBUG)
    dialog = add_names_through_the_dialog(qtbot, view, NAME, "Somebody Else")
    assert dialog.names() == [NAME, "Somebody Else"]
    assert vault.watch_list.names() == [NAME, "Somebody Else"]
    dialog.names_list.setCurrentRow(1)
    dialog.names_list.setFocus()
    qtbot.keyClick(dialog.names_list, Qt.Key.Key_Delete)  # Delete removes the chosen name
    settle(qtbot, view)
    assert vault.watch_list.names() == [NAME]
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)  # Close
    qtbot.waitUntil(lambda: not dialog.isVisible())
    activate(qtbot, view)

    write_debrief(qtbot, view, f"Mr {NAME.upper()} (NHS {NHS}) was calmer by the evening.")
    target = tmp_path / "exports" / "checked.md"
    target.parent.mkdir()
    export_to(view, target)

    preview = open_preview(qtbot, view)
    shown = preview.preview
    # Twice each: the debrief's title is its first line.
    assert shown.highlighted_texts() == [NAME.upper(), NHS] * 2
    items = [shown.findings_list.item(i).text() for i in range(shown.findings_list.count())]
    assert items == [f"Name on your watch list: {NAME.upper()}", f"NHS number: {NHS}"] * 2
    assert shown.caveat.text() == EXPORT_CAVEAT
    assert "found 4 things" in shown.summary.text()
    # Choosing a finding (with the keyboard) selects it in the text.
    shown.findings_list.setFocus()
    shown.findings_list.setCurrentRow(0)
    qtbot.keyClick(shown.findings_list, Qt.Key.Key_Down)
    assert shown.text_view.textCursor().selectedText() == NHS
    # Go back, with the mouse: nothing is written.
    qtbot.mouseClick(preview.back_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert not target.exists()
    assert view.window().status.text.text() == WENT_BACK
    assert view.export_flow.preview is None
    assert preview.preview.text_view.toPlainText() == ""  # its text went with it

    # Export anyway: the file is written, with what was previewed.
    preview = open_preview(qtbot, view)
    assert preview.preview.highlighted_texts() == [NAME.upper(), NHS] * 2
    qtbot.mouseClick(preview.proceed_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.export_flow.last_written == target, timeout=10_000)
    text = target.read_text(encoding="utf-8")
    assert f"Mr {NAME.upper()} (NHS {NHS})" in text
    # No box asked again about encryption: the preview said it.
    assert WARNING_TITLE not in [title for title, _ in view.context.messages.history]

    logged = caplog.text + " ".join(repr(r.args) for r in caplog.records)
    assert NAME.casefold() not in logged.casefold()
    assert "5919" not in logged
    assert "export.checked findings=4" in logged


def test_keyboard_escape_and_enter_go_back(qtbot, view, vault, tmp_path):
    vault.watch_list.add(NAME)
    write_debrief(qtbot, view, f"{NAME} again")
    target = tmp_path / "never.md"
    export_to(view, target)
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return):
        preview = open_preview(qtbot, view)
        preview.back_button.setFocus()
        qtbot.keyClick(preview.back_button if key == Qt.Key.Key_Return else preview, key)
        qtbot.waitUntil(lambda: view.export_flow.preview is None)
        settle(qtbot, view)
        assert not target.exists()


def test_nothing_found_says_the_check_can_miss_identifiers(qtbot, view, vault, tmp_path):
    write_debrief(qtbot, view, "A quiet handover; 10 mg at 08:00, BP 120/80, ward 7-12.")
    target = tmp_path / "plain.md"
    export_to(view, target)
    view.context.messages.set_next_answer(Button.Yes)
    view.export()
    qtbot.waitUntil(lambda: view.export_flow.last_written == target, timeout=10_000)
    title, text = view.context.messages.history[-1]
    assert title == WARNING_TITLE
    assert "found none" in text
    assert "This check can miss identifiers; read what you export." in text
    assert view.export_flow.preview is None


def test_a_lock_while_the_preview_is_open_drops_it_and_writes_nothing(qtbot, view, vault, tmp_path):
    vault.watch_list.add(NAME)
    write_debrief(qtbot, view, f"{NAME}, DOB 12/03/85")
    target = tmp_path / "locked.md"
    export_to(view, target)
    preview = open_preview(qtbot, view)
    assert preview.preview.highlighted_texts() == [NAME, "12/03/85"] * 2
    window = view.window()
    window.lock()
    qtbot.waitUntil(lambda: window.vault is None)
    QApplication.processEvents()
    assert not any_widget_holds("12/03/85")
    assert not target.exists()


def test_the_check_runs_off_the_ui_thread(qtbot, view, vault, tmp_path, monkeypatch):
    threads: list[threading.Thread] = []
    real_find = IdentifierCheck.find

    def find(self, text):
        threads.append(threading.current_thread())
        return real_find(self, text)

    monkeypatch.setattr(IdentifierCheck, "find", find)
    write_debrief(qtbot, view, "Nothing to find here")
    export_to(view, tmp_path / "x.md")
    view.context.messages.set_next_answer(Button.Cancel)
    view.export()
    settle(qtbot, view)
    assert threads
    assert threading.main_thread() not in threads


@pytest.mark.parametrize(
    ("country", "number", "found"),
    [("United States", "(212) 555-0147", True), ("Germany", "030 1234567", True)],
)
def test_national_numbers_follow_the_crisis_lines_country(
    qtbot, view, vault, tmp_path, country, number, found
):
    from desktop.vault.crisis_directory import COUNTRY_PREFERENCE

    vault.set_preference(COUNTRY_PREFERENCE, country)
    write_debrief(qtbot, view, f"Sister on {number}")
    export_to(view, tmp_path / "x.md")
    preview = open_preview(qtbot, view)
    assert preview.preview.highlighted_texts() == [number] * 2
    preview.reject()
    settle(qtbot, view)


def test_country_names_become_phone_regions(qapp):
    settings = CheckSettings(date(2026, 11, 16))
    assert settings.region_for("United States") == "US"
    assert settings.region_for("united kingdom") == "GB"
    assert settings.region_for("Germany") == "DE"
    assert settings.region_for("Australia") == "AU"
    assert settings.region_for("India") == "IN"
    assert settings.region_for("Narnia") == settings.fallback
    assert settings.region_for("") == settings.fallback


def test_tab_to_export_anyway_and_enter_writes_the_file(qtbot, view, vault, tmp_path):
    vault.watch_list.add(NAME)
    write_debrief(qtbot, view, f"{NAME} once more")
    target = tmp_path / "by-keyboard.md"
    export_to(view, target)
    preview = open_preview(qtbot, view)
    assert preview.preview.findings_list.hasFocus() or not preview.isActiveWindow()
    order = []
    widget = preview.preview.findings_list
    for _ in range(6):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
        if widget is preview.proceed_button:
            break
    # Reading order: the list, the text, then the buttons.
    assert order.index(preview.preview.text_view) < order.index(preview.proceed_button)
    preview.proceed_button.setFocus()
    qtbot.keyClick(preview.proceed_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.export_flow.last_written == target, timeout=10_000)
    assert NAME in target.read_text(encoding="utf-8")


def test_the_open_watch_list_follows_changes_made_elsewhere(qtbot, view, vault):
    dialog = view.show_watch_list()
    qtbot.waitExposed(dialog)
    settle(qtbot, view)
    assert dialog.names() == []
    assert dialog.empty.isVisible()
    vault.watch_list.add("Added Elsewhere")  # behind the dialog's back: a change notice
    qtbot.waitUntil(lambda: dialog.names() == ["Added Elsewhere"])
    assert not dialog.empty.isVisible()
    assert dialog.count.text() == "1 name"


def test_a_name_without_letters_is_refused_in_words_and_kept_in_the_box(qtbot, view, vault):
    dialog = view.show_watch_list()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name_edit, "1234")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    settle(qtbot, view)
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == (
        "A name to watch for needs at least one letter and at most 100 characters."
    )
    assert dialog.name_edit.text() == "1234"  # nothing typed is lost
    assert vault.watch_list.names() == []
    assert dialog.isVisible()  # Enter never closes the dialog
