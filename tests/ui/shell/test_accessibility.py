"""Every control in the debrief UI has an accessible name; every text box that can hold
content is marked sensitive; the list works by keyboard; the window title stays neutral."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
)
from PySide6.QtWidgets import QWidget as QWidgetBase

from desktop.ui.common.widgets import SENSITIVE_HINTS
from desktop.ui.shell.places import Place
from tests.ui.helpers import new_from, settle

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QAbstractSpinBox,
)


def _all_places(qtbot, view) -> None:
    for place in Place:
        view.go_to_place(place)
        settle(qtbot, view)


def test_every_control_is_named_and_text_boxes_are_sensitive(qtbot, view, vault):
    vault.debriefs.add("Named", "text", tags=["a tag"])
    new_from(qtbot, view, "stop5")
    view.check_in(for_debrief=True)
    _all_places(qtbot, view)
    widgets = [*view.findChildren(QWidgetBase)]
    dialog = view.checkin_flow.dialog
    widgets += dialog.findChildren(QWidgetBase)
    unnamed = []
    for widget in widgets:
        if not isinstance(widget, CONTROLS) or isinstance(widget, QScrollBar):
            continue
        if isinstance(widget.parent(), (QAbstractSpinBox, QLineEdit, QAbstractItemView)):
            continue  # Qt's own parts of a named control (clear button, header)
        if widget.parent().metaObject().className() == "QComboBoxPrivateContainer":
            continue  # a combo box's popup list
        if isinstance(widget, QAbstractItemView) and isinstance(widget.parent(), QComboBox):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text.replace("&", "").strip()):
            unnamed.append(f"{type(widget).__name__}:{type(widget.parent()).__name__}")
        if isinstance(widget, (QLineEdit, QPlainTextEdit)) and not isinstance(
            widget.parent(), (QAbstractSpinBox, QComboBox)
        ):
            assert widget.inputMethodHints() & SENSITIVE_HINTS == SENSITIVE_HINTS, (
                widget.accessibleName()
            )
    assert sorted(set(unnamed)) == [], "\n".join(sorted(set(unnamed)))
    dialog.close()


def test_list_by_keyboard_and_neutral_window_title(qtbot, view, vault):
    first = vault.debriefs.add("Older one", "older")
    second = vault.debriefs.add("Newer one", "newer")
    page = view.debriefs
    view.go_to_place(Place.DEBRIEFS)
    page.reload_list()
    settle(qtbot, view)
    page.list_view.setFocus()
    qtbot.keyClick(page.list_view, Qt.Key.Key_Down)
    settle(qtbot, view)
    assert page.editor.current_id in (first.id, second.id)
    opened = page.editor.current_id
    qtbot.keyClick(page.list_view, Qt.Key.Key_Up if opened == first.id else Qt.Key.Key_Down)
    settle(qtbot, view)
    assert page.editor.current_id != opened
    qtbot.keyClick(page.list_view, Qt.Key.Key_Return)  # Enter: start writing in it
    settle(qtbot, view)
    assert page.editor.body_edit.hasFocus()
    assert view.window() is not view  # the real main window, which has a title
    assert view.window().windowTitle() == "Alongside"
    assert "one" not in view.window().windowTitle()


def test_text_boxes_cannot_swallow_ctrl_e(qtbot, view):
    """Some platforms bind Ctrl+E in text boxes (end of line); export must still run."""
    from PySide6.QtCore import QEvent

    class Greedy(QLineEdit):
        def event(self, event):
            if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_E:
                event.accept()  # as a text box with an Emacs-style binding would
                return True
            return super().event(event)

    greedy = Greedy()
    view.today.layout().addWidget(greedy)
    greedy.show()
    view.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    said: list[str] = []
    view.status.connect(said.append)
    qtbot.keyClick(greedy, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert said == ["Choose a debrief to export first."]


def test_dialogs_open_on_their_first_field_and_lock_is_reachable_by_tab(qtbot, view):
    from PySide6.QtCore import Qt as QtNames

    from desktop.ui.debriefs.template_editor import TemplateEditor

    window = view.window()
    dialog = window.change_passphrase()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.current)
    dialog.reject()
    editor = TemplateEditor(window)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: editor.focusWidget() is editor.name)
    editor.reject()
    lock_button = window.chrome.toolbar.widgetForAction(window.chrome.lock_action)
    assert lock_button.focusPolicy() & QtNames.FocusPolicy.TabFocus
