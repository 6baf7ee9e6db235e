"""The editable crisis directory: own lines, country order, import/export, and the lock
screen showing the shipped lines only."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from desktop.ui.resources.crisis_directory import CrisisDirectoryPage
from desktop.ui.resources.crisis_view import CrisisResourcesDialog
from desktop.ui.shell.places import Place
from desktop.vault.crisis_directory import crisis_line

from ..helpers import any_widget_holds, settle, unlock

EMERGENCY = "If you are in immediate danger, call your local emergency number."
CLINIC = {
    "country": "South Africa",
    "service": "Riverside staff support",
    "how": "call 021 555 0100",
    "hours": "weekdays 9:00-17:00",
    "source": "clinic intranet",
    "checked": "2026-11",
}


def test_this_computers_country_comes_first_mine_before_the_shipped(qtbot, view):
    page = CrisisDirectoryPage(view.ops, country="South Africa")
    qtbot.addWidget(page)
    assert page.notice.text() == EMERGENCY
    assert page.lines_text[0].startswith("SADAG Suicide Crisis Line — South Africa")
    assert page.lines_text[3].startswith("988 Suicide & Crisis Lifeline — United States")
    view.ops.run(lambda v: v.crisis_lines.add(crisis_line(**CLINIC)))
    settle(qtbot, view)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.lines_text[0].startswith("Riverside staff support"))
    assert page.lines_text[1].startswith("SADAG")
    uk = CrisisDirectoryPage(view.ops, country="United Kingdom")
    qtbot.addWidget(uk)
    assert [t.split(" — ")[0] for t in uk.lines_text[:2]] == ["Samaritans", "Lifeline"]


def test_add_edit_and_remove_my_own_line(qtbot, view):
    view.go_to_place(Place.RESOURCES)
    page = view.resources
    settle(qtbot, view)
    page.add_button.click()
    assert page.form.isVisible()
    assert page.form.edits["checked"].text() == "2026-11"  # this month, by the app's clock
    for field, text in CLINIC.items():
        page.form.edits[field].setText(text)
    page.form.save_button.click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: any(t.startswith("Riverside staff support") for t in page.lines_text))
    assert not page.form.isVisible()
    ((line_id, (edit, _remove)),) = page.own_buttons.items()
    edit.click()
    page.form.edits["hours"].setText("24/7")
    page.form.save_button.click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: any("call 021 555 0100 · 24/7" in t for t in page.lines_text))
    page.own_buttons[line_id][1].click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: not page.own_buttons)
    assert view.ops.vault.crisis_lines.list() == []


def test_a_line_missing_its_service_is_refused_in_the_form(qtbot, view):
    view.go_to_place(Place.RESOURCES)
    page = view.resources
    page.add_button.click()
    page.form.save_button.click()
    assert page.form.error.isVisible()
    assert page.form.error.text().startswith("A line needs a service")


def test_import_a_valid_file_then_refuse_bad_ones_changing_nothing(qtbot, view, tmp_path):
    view.go_to_place(Place.RESOURCES)
    page = view.resources
    good = tmp_path / "clinic.json"
    good.write_text(
        json.dumps({"format": "alongside-crisis-lines", "version": 1, "lines": [CLINIC]})
    )
    page.import_from(good)
    settle(qtbot, view)
    qtbot.waitUntil(lambda: page.outcome.text() == "Imported 1 line.")
    qtbot.waitUntil(lambda: len(page.own_buttons) == 1)
    bad_files = {
        "not-json.json": (b"{{{", "it is not JSON"),
        "wrong-schema.json": (
            json.dumps({"lines": [CLINIC], "kind": "x"}).encode(),
            "it has a field Alongside doesn't know (kind)",
        ),
        "wrong-types.json": (
            json.dumps(
                {
                    "format": "alongside-crisis-lines",
                    "version": 1,
                    "lines": [{**CLINIC, "how": ["call", 1]}],
                }
            ).encode(),
            "line 1's how should be text",
        ),
        "huge.json": (b" " * 1_100_000, "it is larger than 1 MB"),
    }
    for name, (raw, problem) in bad_files.items():
        path = tmp_path / name
        path.write_bytes(raw)
        page.import_from(path)
        settle(qtbot, view)
        sentence = f"This file can't be imported: {problem}. Nothing was changed."
        qtbot.waitUntil(lambda s=sentence: page.outcome.text() == s)
        assert page.outcome.objectName() == "Error"
    assert [line.service for line in view.ops.vault.crisis_lines.list()] == [CLINIC["service"]]


def test_export_writes_the_published_format(qtbot, view, tmp_path):
    view.ops.run(lambda v: v.crisis_lines.add(crisis_line(**CLINIC)))
    view.go_to_place(Place.RESOURCES)
    page = view.resources
    settle(qtbot, view)
    qtbot.waitUntil(lambda: page.export_button.isEnabled())
    target = tmp_path / "out.json"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.outcome.text() == "Exported 1 line.")
    written = json.loads(target.read_text("utf-8"))
    assert written == {"format": "alongside-crisis-lines", "version": 1, "lines": [CLINIC]}


def test_the_lock_screen_shows_the_shipped_lines_and_no_vault_content(qtbot, window, made_vault):
    canary = "Kestrel staff line 7731"
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    view = window.vault_view
    view.ops.run(lambda v: v.crisis_lines.add(crisis_line(**{**CLINIC, "service": canary})))
    view.go_to_place(Place.RESOURCES)
    settle(qtbot, view)
    qtbot.waitUntil(lambda: any(canary in t for t in view.resources.lines_text))
    window.lock("manual")
    qtbot.waitUntil(lambda: window.vault is None, timeout=10_000)
    qtbot.mouseClick(window.unlock_screen.crisis_button, Qt.MouseButton.LeftButton)
    dialogs = [d for d in window.findChildren(CrisisResourcesDialog) if d.isVisible()]
    assert dialogs
    shown = dialogs[0].view
    assert shown.notice.text() == EMERGENCY
    assert any("Samaritans" in text for text in shown.lines_text)
    assert not any(canary in text for text in shown.lines_text)
    assert not any_widget_holds(canary)
    assert not any_widget_holds("added by you")
    dialogs[0].close()


def test_escape_leaves_the_line_form_without_saving(qtbot, view):
    view.go_to_place(Place.RESOURCES)
    page = view.resources
    page.add_button.click()
    qtbot.keyClicks(page.form.edits["service"], "Half typed")
    qtbot.keyClick(page.form.edits["service"], Qt.Key.Key_Escape)
    assert not page.form.isVisible()
    settle(qtbot, view)
    assert view.ops.vault.crisis_lines.list() == []


def test_the_user_can_choose_which_country_comes_first_and_it_is_kept(qtbot, view):
    page = CrisisDirectoryPage(view.ops, country="Japan")
    qtbot.addWidget(page)
    page.show()
    assert page.country_box.currentText() == "This computer's country (Japan)"
    assert page.lines_text[0].startswith("988 Suicide & Crisis Lifeline")
    index = page.country_box.findText("New Zealand")
    page.country_box.setCurrentIndex(index)
    page.country_box.activated.emit(index)
    assert page.lines_text[0].startswith("Need to talk? — New Zealand")
    settle(qtbot, view)
    again = CrisisDirectoryPage(view.ops, country="Japan")
    qtbot.addWidget(again)
    again.show()
    again.refresh()
    qtbot.waitUntil(lambda: again.lines_text[0].startswith("Need to talk?"))
    assert again.country_box.currentText() == "New Zealand"
