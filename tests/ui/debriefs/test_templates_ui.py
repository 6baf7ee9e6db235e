"""Your own templates from the picker: new, use, edit (old debriefs keep their version),
duplicate a shipped one, retire."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.common.messages import Button
from tests.ui.helpers import save_now, settle


def _picker(view):
    view.new_debrief()
    return view.debriefs.picker


def test_make_use_and_edit_a_template(qtbot, view, vault):
    picker = _picker(view)
    qtbot.mouseClick(picker.new_template_button, Qt.MouseButton.LeftButton)
    editor = view.debriefs.templates_flow.editor
    qtbot.keyClicks(editor.name, "Supervision prep")
    qtbot.keyClicks(editor.rows[0].heading, "What to bring")
    second = editor.add_field()
    qtbot.keyClicks(second.heading, "Next steps")
    second.actions.setChecked(True)
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    settle(qtbot, view)
    assert [t.name for t in picker.templates][-1] == "Supervision prep"
    assert picker.current().name == "Supervision prep"
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    page = view.debriefs
    assert [b.accessibleName() for b in page.editor.field_edits.values()] == [
        "What to bring",
        "Next steps",
    ]
    assert len(page.editor.checklists) == 1
    qtbot.keyClicks(page.editor.body_edit, "the hard case")
    save_now(qtbot, view)
    written = vault.debriefs.list()[0]
    # Edit the template: the debrief keeps the version it was written with.
    picker = _picker(view)
    qtbot.mouseClick(picker.edit_button, Qt.MouseButton.LeftButton)
    editor = view.debriefs.templates_flow.editor
    editor.rows[0].heading.setText("What to bring along")
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    settle(qtbot, view)
    assert vault.templates.get(written.template_id).version == 2
    assert vault.debriefs.get(written.id).template_version == 1


def test_duplicate_shipped_and_retire(qtbot, view, vault):
    picker = _picker(view)
    picker.list.setCurrentRow(1)  # STOP5
    assert not picker.edit_button.isVisibleTo(picker)  # shipped: duplicate, no dead link
    qtbot.mouseClick(picker.duplicate_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    editor = view.debriefs.templates_flow.editor
    assert editor.name.text() == "STOP5 hot debrief (copy)"
    editor.reject()
    assert "STOP5 hot debrief (copy)" in [t.name for t in picker.templates]
    picker.list.setCurrentRow([t.name for t in picker.templates].index("Free note"))
    view.context.messages.set_next_answer(Button.Yes)
    qtbot.mouseClick(picker.retire_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert "Free note" not in [t.name for t in picker.templates]
    assert "Free note" not in [t.name for t in vault.templates.list()]


def test_retiring_can_be_undone_and_retired_templates_brought_back(qtbot, view, vault):
    window = view.window()
    picker = _picker(view)
    assert not picker.restore_button.isVisibleTo(picker)
    names = [t.name for t in picker.templates]
    picker.list.setCurrentRow(names.index("Free note"))
    view.context.messages.set_next_answer(Button.Yes)
    qtbot.mouseClick(picker.retire_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert "Free note" not in [t.name for t in picker.templates]
    assert window.status.undo_button.isVisible()
    qtbot.mouseClick(window.status.undo_button, Qt.MouseButton.LeftButton)  # a slip undone
    settle(qtbot, view)
    assert "Free note" in [t.name for t in picker.templates]
    picker.list.setCurrentRow([t.name for t in picker.templates].index("Gibbs reflective cycle"))
    view.context.messages.set_next_answer(Button.Yes)
    qtbot.mouseClick(picker.retire_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    window.status.forget_undo()  # later: the undo offer has passed
    assert picker.restore_button.isVisibleTo(picker)
    qtbot.mouseClick(picker.restore_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert "Gibbs reflective cycle" in [t.name for t in picker.templates]
    assert not picker.restore_button.isVisibleTo(picker)
