"""Search-as-you-type, filters, tags (autocomplete, rename), trash, action points."""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.models.checkin import StressZone
from desktop.ui.common.messages import Button
from desktop.ui.debriefs.list_model import IdRole, SnippetHtmlRole
from desktop.ui.shell.places import Place
from tests.ui.helpers import new_from, settle


def _ids_shown(page) -> list[str]:
    model = page.list_view.model()
    return [model.index(row).data(IdRole) for row in range(model.rowCount())]


def test_ctrl_f_search_as_you_type_with_escaped_snippets(qtbot, view, vault):
    burnout = vault.debriefs.add("Night shift", "talked about burnout <b>and</b> & rest")
    vault.debriefs.add("Family meeting", "calm conversation")
    page = view.debriefs
    page.reload_list()
    settle(qtbot, view)
    view.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    qtbot.keyClick(view.debriefs.list_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_box.hasFocus()
    qtbot.keyClicks(page.search_box, "burn")  # prefix finds "burnout"
    qtbot.waitUntil(lambda: page.list_view.model() is page.results_model, timeout=5_000)
    settle(qtbot, view)
    assert _ids_shown(page) == [burnout.id]
    snippet = page.results_model.index(0).data(SnippetHtmlRole)
    assert "<b>and</b>" not in snippet.replace("<b style", "")  # note text escaped
    assert html.escape("<b>and</b>") in snippet
    assert ">burnout</b>" in snippet  # the match is highlighted
    # Hostile input never raises; Escape returns to the full list.
    page.search_box.setText('"unclosed AND (*')
    qtbot.waitUntil(lambda: page.search_runner.last_query == '"unclosed AND (*', timeout=5_000)
    settle(qtbot, view)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.list_view.model() is page.list_model, timeout=5_000)
    assert len(_ids_shown(page)) == 2


def test_newer_search_supersedes_older(qtbot, view, vault):
    vault.debriefs.add("Alpha", "alpha words")
    vault.debriefs.add("Beta", "beta words")
    page = view.debriefs
    page.search_runner.search("alpha", None)
    page.search_runner.search("beta", None)
    settle(qtbot, view)
    assert [h.summary.title for h in page.results_model.hits] == ["Beta"]


def test_filters_by_tag_template_and_zone(qtbot, view, vault):
    from desktop.resources import builtin_templates

    stop5 = next(t for t in builtin_templates() if t.id == "stop5")
    tagged = vault.debriefs.add("Tagged", "x", tags=["night"])
    templated = vault.debriefs.add(template=stop5, fields={"summarise": "y"})
    zoned = vault.debriefs.add("Zoned", "z")
    vault.checkins.add(StressZone.INJURED, debrief_id=zoned.id)
    page = view.debriefs
    page.refresh_tags()
    page.reload_list()
    view.go_to_place(Place.DEBRIEFS)
    settle(qtbot, view)
    qtbot.mouseClick(page.filters_button, Qt.MouseButton.LeftButton)
    assert page.filter_bar.isVisible()
    bar = page.filter_bar
    bar.tag.setCurrentIndex(bar.tag.findData("night"))
    settle(qtbot, view)
    assert _ids_shown(page) == [tagged.id]
    bar.reset()
    bar.template.setCurrentIndex(bar.template.findData("stop5"))
    settle(qtbot, view)
    assert _ids_shown(page) == [templated.id]
    bar.reset()
    bar.zone.setCurrentIndex(bar.zone.findData("injured"))
    settle(qtbot, view)
    assert _ids_shown(page) == [zoned.id]
    assert "check-in: Injured" in page.list_model.index(0).data()
    assert not page.list_view.grab().isNull()  # rows with a zone swatch paint
    bar.reset()
    settle(qtbot, view)
    assert len(_ids_shown(page)) == 3


def test_tags_autocomplete_add_remove_and_rename(qtbot, view, vault):
    vault.debriefs.add("Older", "x", tags=["night shift"])
    page = view.debriefs
    page.refresh_tags()
    settle(qtbot, view)
    new_from(qtbot, view, "free_note")
    editor = page.editor
    qtbot.keyClicks(editor.body_edit, "Tagged note")
    row = editor.tag_row
    assert row.known.stringList() == ["night shift"]
    row.completer.setCompletionPrefix("nig")
    assert row.completer.currentCompletion() == "night shift"
    qtbot.keyClicks(row.input, "night shift")
    qtbot.keyClick(row.input, Qt.Key.Key_Return)
    settle(qtbot, view)
    assert row.tags == ["night shift"]
    saved = next(d for d in vault.debriefs.list() if d.title == "Tagged note")
    assert saved.tags == ("night shift",)
    # Rename everywhere from the filter bar's tag list.
    view.rename_tag("night shift", "nights")
    settle(qtbot, view)
    assert {d.tags for d in vault.debriefs.list()} == {("nights",)}
    assert page.filter_bar.tag.findData("nights") >= 0
    qtbot.mouseClick(row.chips[0], Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    saved = next(d for d in vault.debriefs.list() if d.title == "Tagged note")
    assert saved.tags == ()


def test_trash_restore_and_delete_forever(qtbot, view, vault):
    keep = vault.debriefs.add("Keep me", "kept")
    gone = vault.debriefs.add("Remove me", "gone text")
    page = view.debriefs
    page.reload_list()
    settle(qtbot, view)
    page.open_debrief(gone.id)
    settle(qtbot, view)
    page.list_view.setFocus()
    qtbot.mouseClick(page.trash_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert _ids_shown(page) == [keep.id]
    view.go_to_place(Place.TRASH)
    settle(qtbot, view)
    trash = view.trash
    assert trash.list.count() == 1
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert trash.list.count() == 0
    assert sorted(_ids_shown(page)) == sorted([keep.id, gone.id])
    vault.debriefs.delete(gone.id)
    trash.refresh()
    settle(qtbot, view)
    view.context.messages.set_next_answer(Button.Cancel)
    qtbot.mouseClick(trash.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert trash.list.count() == 1  # cancelled: nothing removed
    view.context.messages.set_next_answer(Button.Yes)
    qtbot.mouseClick(trash.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert trash.list.count() == 0
    assert view.context.messages.history[-1][0] == "Delete forever?"
    assert [t.summary.id for t in vault.trash.list()] == []
    assert [d.id for d in vault.debriefs.list()] == [keep.id]


def test_action_points_add_tick_and_open_actions_view(qtbot, view, vault):
    new_from(qtbot, view, "stop5")
    editor = view.debriefs.editor
    checklist = editor.checklists["actions"]
    qtbot.keyClicks(checklist.new_text, "Call the ward manager")
    qtbot.keyClick(checklist.new_text, Qt.Key.Key_Return)  # saves the new debrief first
    settle(qtbot, view)
    assert len(checklist.boxes) == 1
    debrief_id = editor.current_id
    assert [a.text for a in vault.actions.of(debrief_id)] == ["Call the ward manager"]
    view.go_to_place(Place.ACTIONS)
    settle(qtbot, view)
    page = view.actions_page
    assert len(page.boxes) == 1
    box = next(iter(page.boxes.values()))
    on_indicator = QPoint(8, box.height() // 2)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=on_indicator)
    settle(qtbot, view)
    assert vault.actions.open() == []
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=on_indicator)  # undo
    settle(qtbot, view)
    assert len(vault.actions.open()) == 1
    view.go_to_place(Place.TODAY)
    settle(qtbot, view)
    assert view.today.actions_list.count() == 1


def test_trashing_a_new_draft_leaves_nothing_behind(qtbot, view, vault):
    new_from(qtbot, view, "free_note")
    qtbot.keyClicks(view.debriefs.editor.body_edit, "draft to throw away")
    qtbot.mouseClick(view.debriefs.trash_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert vault.debriefs.list() == []
    assert [t.summary.title for t in vault.trash.list()] == ["draft to throw away"]
    assert view.debriefs.list_model.rowCount() == 0


def test_any_field_can_hold_action_points(qtbot, view, vault):
    new_from(qtbot, view, "gibbs")
    editor = view.debriefs.editor
    assert list(editor.checklists) == ["action_plan"]  # the field made for actions
    field_id = next(iter(editor.field_edits))  # "Description": it offers one quietly
    assert field_id in editor.action_offers
    editor.field_edits[field_id].setFocus()
    qtbot.waitUntil(lambda: editor.action_offers[field_id].isVisible())
    qtbot.mouseClick(editor.action_offers[field_id], Qt.MouseButton.LeftButton)
    checklist = editor.checklists[field_id]
    assert checklist.new_text.hasFocus() or not view.isActiveWindow()
    qtbot.keyClicks(checklist.new_text, "Book supervision")
    qtbot.keyClick(checklist.new_text, Qt.Key.Key_Return)
    settle(qtbot, view)
    assert [(a.field_id, a.text) for a in vault.actions.of(editor.current_id)] == [
        (field_id, "Book supervision")
    ]


def test_search_highlight_follows_a_theme_switch(qtbot, view, vault, qapp):
    from desktop.ui.common.theme import apply_theme, load_colours

    vault.debriefs.add("Gamma", "gamma words")
    page = view.debriefs
    page.search_runner.search("gamma", None)
    settle(qtbot, view)
    for theme in ("dark", "light"):
        apply_theme(qapp, theme)
        snippet = page.results_model.index(0).data(SnippetHtmlRole)
        assert f"color:{load_colours(theme)['accent'].lower()}" in snippet.lower()


def test_a_search_that_does_not_match_the_open_debrief_clears_the_editor(qtbot, view, vault):
    vault.debriefs.add("Handover on ward 7", "A quiet handover")
    page = view.debriefs
    view.go_to_place(Place.DEBRIEFS)
    page.reload_list()
    settle(qtbot, view)
    page.list_view.setCurrentIndex(page.list_model.index(0))
    settle(qtbot, view)
    assert page.editor.body_edit.toPlainText() == "A quiet handover"
    qtbot.keyClicks(page.search_box, "zebrafinch")
    qtbot.waitUntil(lambda: page.right.currentWidget() is page.empty_state, timeout=5_000)
    assert page.results_model.rowCount() == 0
    assert page.editor.current_id is None


def test_done_action_points_can_be_shown_and_reopened(qtbot, view, vault):
    from desktop.resources import builtin_templates

    stop5 = next(t for t in builtin_templates() if t.id == "stop5")
    debrief = vault.debriefs.add(template=stop5, fields={"summarise": "Supervision notes"})
    action = vault.actions.add(debrief.id, "actions", "Book supervision")
    vault.actions.set_done(action.id, True)  # ticked by mistake
    view.go_to_place(Place.ACTIONS)
    settle(qtbot, view)
    page = view.actions_page
    assert page.boxes == {}  # only open ones by default
    page.show_done.setFocus()
    qtbot.keyClick(page.show_done, Qt.Key.Key_Space)  # by keyboard
    settle(qtbot, view)
    assert page.show_done.isChecked()
    assert len(vault.actions.done()) == 1, vault.actions.done()
    box = page.boxes[action.id]
    assert box.isChecked()
    assert "done" in box.text()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)  # untick: reopened
    settle(qtbot, view)
    assert [entry.action.id for entry in vault.actions.open()] == [action.id]


def test_a_debrief_opened_from_elsewhere_is_marked_in_the_list(qtbot, view, vault):
    """From Today's link (or a peer, or on unlock): the list shows which one is open."""
    first = vault.debriefs.add("Handover that went wrong", "Body")
    vault.debriefs.add("Quiet evening", "Body")
    view.go_to_place(Place.DEBRIEFS)
    settle(qtbot, view)
    view.go_to_place(Place.TODAY)
    view.open_debrief(first.id)  # what Today's link does
    settle(qtbot, view)
    assert view.current_place is Place.DEBRIEFS
    assert view.debriefs.editor.current_id == first.id
    selected = view.debriefs.list_view.selectionModel().selectedRows()
    assert [index.data(IdRole) for index in selected] == [first.id]
    assert view.debriefs.selected_ids() == [first.id]


def _many(vault, count):
    return [vault.debriefs.add(f"Shift note {n}", "Body") for n in range(count)]


def test_a_debrief_not_among_the_loaded_rows_leaves_no_other_row_highlighted(qtbot, view, vault):
    """Export and Delete must act on the open debrief, never on a row left from before."""
    made = _many(vault, 105)  # newest first: the oldest is on the second page
    view.go_to_place(Place.DEBRIEFS)
    settle(qtbot, view)
    view.open_debrief(made[-1].id)  # the newest: first row, marked
    settle(qtbot, view)
    assert view.debriefs.selected_ids() == [made[-1].id]
    view.open_debrief(made[0].id)  # the oldest: not loaded yet
    settle(qtbot, view)
    assert view.debriefs.editor.current_id == made[0].id
    assert view.debriefs.list_view.selectionModel().selectedRows() == []
    assert view.debriefs.selected_ids() == [made[0].id]


def test_scrolling_to_the_next_page_never_jumps_back_to_the_open_row(qtbot, view, vault):
    made = _many(vault, 130)
    view.go_to_place(Place.DEBRIEFS)
    settle(qtbot, view)
    debriefs = view.debriefs
    view.open_debrief(made[-1].id)
    settle(qtbot, view)
    debriefs.search_box.setText("Shift")  # a search, then cleared: a fresh list
    settle(qtbot, view)
    debriefs.search_box.setText("")
    settle(qtbot, view)
    assert debriefs.selected_ids() == [made[-1].id]
    bar = debriefs.list_view.verticalScrollBar()
    debriefs.list_view.scrollToBottom()  # the view asks for the next page
    qtbot.waitUntil(lambda: debriefs.list_model.rowCount() == 130, timeout=10_000)
    settle(qtbot, view)
    QApplication.processEvents()
    assert bar.value() > bar.maximum() // 2  # still down where the user scrolled
