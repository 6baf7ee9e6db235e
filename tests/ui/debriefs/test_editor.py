"""The heart of issue 3's UI: pick a template, write, autosave, list with paging."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.resources import builtin_templates
from desktop.ui.common.widgets import SENSITIVE_HINTS
from desktop.ui.debriefs.list_model import PAGE_SIZE
from desktop.ui.shell.places import Place
from tests.ui.helpers import new_from, save_now, settle

TEMPLATE_IDS = [t.id for t in builtin_templates()]


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_create_from_each_template_by_keyboard(qtbot, view, vault, template_id):
    page = view.debriefs
    view.new_debrief()
    assert page.right.currentWidget() is page.picker
    index = TEMPLATE_IDS.index(template_id)
    for _ in range(index):
        qtbot.keyClick(page.picker.list, Qt.Key.Key_Down)
    qtbot.keyClick(page.picker.list, Qt.Key.Key_Return)
    editor = page.editor
    assert editor.template.id == template_id
    template = next(t for t in builtin_templates() if t.id == template_id)
    assert [b.accessibleName() for b in editor.field_edits.values()] == [
        f.heading for f in template.fields
    ]
    first = editor.body_edit
    qtbot.keyClicks(first, "Long night on the ward")
    qtbot.keyClick(first, Qt.Key.Key_Return)
    qtbot.keyClicks(first, "more detail")
    save_now(qtbot, view)
    saved = vault.debriefs.list()
    assert len(saved) == 1
    assert saved[0].template_id == template_id
    assert saved[0].title == "Long night on the ward"  # title defaults from the first field
    assert page.list_model.rowCount() == 1
    assert "Long night on the ward" in page.list_model.index(0).data()
    assert editor.word_count.text() == "7 words"


def test_template_picker_by_mouse_and_escape(qtbot, view):
    page = view.debriefs
    view.new_debrief()
    qtbot.keyClick(page.picker.list, Qt.Key.Key_Escape)
    assert page.right.currentWidget() is page.empty_state
    view.new_debrief()
    page.picker.list.setCurrentRow(1)
    qtbot.mouseClick(page.picker.start_button, Qt.MouseButton.LeftButton)
    assert page.editor.template.id == TEMPLATE_IDS[1]
    assert page.picker.attribution.text()  # attribution shown before choosing


def test_autosave_after_pause_and_while_typing(qtbot, view, vault, clock):
    new_from(qtbot, view, "stop5")
    editor = view.debriefs.editor
    autosave = editor.autosave
    box = editor.field_edits["summarise"]
    qtbot.keyClicks(box, "First words")
    autosave.check()
    assert autosave.saves_started == 0  # no pause yet, not a second yet
    clock.advance(0.7)  # a pause in typing
    autosave.check()
    assert autosave.saves_started == 1
    settle(qtbot, view)
    assert vault.debriefs.list()[0].fields["summarise"] == "First words"
    # Continuous typing: an edit every 0.3 s still saves at least once a second.
    for word in [" and", " more", " words", " again", " still"]:  # 1.5 s of typing
        clock.advance(0.3)
        qtbot.keyClicks(box, word)
        autosave.check()
    assert autosave.saves_started == 2
    settle(qtbot, view)
    assert vault.debriefs.list()[0].fields["summarise"].startswith("First words and more")
    assert not autosave.has_unsaved_changes or autosave.policy.seconds_until_due() is not None


def test_switching_debriefs_saves_and_manual_title(qtbot, view, vault):
    new_from(qtbot, view, "free_note")
    editor = view.debriefs.editor
    qtbot.keyClicks(editor.title_edit, "My own title")
    qtbot.keyClicks(editor.body_edit, "one")
    new_from(qtbot, view, "gibbs")  # switching saves the first at once
    qtbot.keyClicks(editor.body_edit, "two")
    view.debriefs.list_view.setFocus()
    settle(qtbot, view)
    titles = sorted(d.title for d in vault.debriefs.list())
    assert titles == ["My own title"]
    # Select the first row by keyboard: the Gibbs draft is saved on the way.
    page = view.debriefs
    qtbot.waitUntil(lambda: page.list_model.rowCount() == 1)
    page.list_view.setCurrentIndex(page.list_model.index(0))
    settle(qtbot, view)
    assert sorted(d.title for d in vault.debriefs.list()) == ["My own title", "two"]
    assert editor.title_edit.text() in ("My own title", "")


def test_list_pages_and_never_loads_everything(qtbot, view, vault):
    for number in range(PAGE_SIZE * 2 + 5):
        vault.debriefs.add(f"Debrief {number}", "text")
    page = view.debriefs
    page.reload_list()
    settle(qtbot, view)
    model = page.list_model
    assert model.rowCount() == PAGE_SIZE or model.rowCount() == 2 * PAGE_SIZE
    assert not model.fully_loaded
    page.list_view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() >= 2 * PAGE_SIZE, timeout=10_000)
    while model.canFetchMore():
        model.fetchMore()
        settle(qtbot, view)
    assert model.rowCount() == 2 * PAGE_SIZE + 5
    assert model.index(0).data().endswith(f"Debrief {2 * PAGE_SIZE + 4}")  # newest first


def test_open_existing_and_sensitive_widgets(qtbot, view, vault):
    vault.debriefs.add("Plain one", "plain body")
    page = view.debriefs
    page.reload_list()
    settle(qtbot, view)
    page.list_view.setCurrentIndex(page.list_model.index(0))
    settle(qtbot, view)
    editor = page.editor
    assert editor.body_edit.toPlainText() == "plain body"
    qtbot.keyClicks(editor.body_edit, " and more")
    save_now(qtbot, view)
    assert vault.debriefs.list()[0].body == "plain body and more"
    for widget in (editor.title_edit, editor.body_edit, page.search_box, editor.tag_row.input):
        assert widget.inputMethodHints() & SENSITIVE_HINTS == SENSITIVE_HINTS
    assert view.window() is not view  # the real main window, which has a title
    assert view.window().windowTitle() == "Alongside"
    assert "Plain one" not in view.window().windowTitle()


def test_failed_save_shows_banner_and_keeps_text(qtbot, view, vault, clock, monkeypatch):
    from desktop.vault import DiskFull

    new_from(qtbot, view, "free_note")
    editor = view.debriefs.editor
    qtbot.keyClicks(editor.body_edit, "precious words")
    real_add = vault.debriefs.add
    calls = []

    def full_disk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise DiskFull("disk-full")
        return real_add(*args, **kwargs)

    monkeypatch.setattr(vault.debriefs, "add", full_disk)
    save_now(qtbot, view)
    page = view.debriefs
    assert page.banner.isVisible()
    assert "disk is full" in page.banner.text.text()
    assert editor.body_edit.toPlainText() == "precious words"
    assert editor.autosave.has_unsaved_changes
    clock.advance(6)  # the retry waits a few seconds so a full disk is not hammered
    editor.autosave.check()
    settle(qtbot, view)
    assert [d.body for d in vault.debriefs.list()] == ["precious words"]
    assert not page.banner.isVisible()


def test_places_and_today_is_landing(qtbot, view):
    assert view.current_place is Place.TODAY
    view.go_to_place(1)
    assert view.current_place is Place.DEBRIEFS


def test_expected_errors_show_their_sentence_in_a_banner_anywhere(qtbot, view, vault):
    from desktop.models.tag import InvalidTag

    view.go_to_place(Place.TODAY)
    view.ops.report(InvalidTag())
    assert view.banner.isVisible()
    assert view.banner.text.text() == InvalidTag().user_message
    qtbot.mouseClick(view.banner.dismiss_button, Qt.MouseButton.LeftButton)
    assert not view.banner.isVisible()


def test_failed_save_after_switching_is_retried_not_lost(qtbot, view, vault, clock, monkeypatch):
    from desktop.vault import DiskFull

    first = vault.debriefs.add("First", "start")
    page = view.debriefs
    page.reload_list()
    settle(qtbot, view)
    page.open_debrief(first.id)
    settle(qtbot, view)
    editor = page.editor
    qtbot.keyClicks(editor.body_edit, " and the rest")
    left_behind = editor.autosave
    real_update = vault.debriefs.update
    calls = []

    def full_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise DiskFull("disk-full")
        return real_update(*args, **kwargs)

    monkeypatch.setattr(vault.debriefs, "update", full_once)
    new_from(qtbot, view, "free_note")  # switching saves the first: that save fails
    settle(qtbot, view)
    assert page.banner.isVisible()
    assert "debrief you left" in page.banner.text.text()
    assert vault.debriefs.get(first.id).body == "start"
    clock.advance(6)
    left_behind.check()
    settle(qtbot, view)
    assert vault.debriefs.get(first.id).body == "start and the rest"
