"""The session window and the set-up hold at 1024×700 with 100% and 150% text.

Set ALONGSIDE_SHOTS=<folder> to also save what the test looked at (light and dark).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from desktop.models.listening import DEFAULT_FORMAT, SessionPlan
from desktop.ui.common.context import AppContext
from desktop.ui.common.messages import Button
from desktop.ui.common.theme import apply_theme
from desktop.ui.common.widgets import SENSITIVE_HINTS
from desktop.ui.listening.session_window import ListeningWindow
from desktop.ui.listening.setup_dialog import SetupDialog

from ..helpers import settle
from ..layout_check import layout_problems

SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")


@pytest.fixture(params=[100, 150], ids=["100%", "150%"])
def text_size(request, qapp: QApplication, context: AppContext) -> Iterator[int]:
    """The app's own text size (View > Text size), as the shell applies it."""
    apply_theme(qapp, "light", request.param)
    yield request.param
    apply_theme(qapp, "light", 100)


def problems(top: QWidget) -> list[str]:
    """The house's layout check, and text cut off inside a scroll area that has no sideways
    scrollbar (the set-up dialog's form)."""
    found = list(layout_problems(top))
    for area in top.findChildren(QScrollArea):
        content = area.widget()
        if content is not None and content.minimumSizeHint().width() > area.viewport().width():
            found.append(f"{area.accessibleName() or 'a scroll area'} runs off the side")
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.width() <= 0:
            continue
        if isinstance(widget, QAbstractButton) and widget.width() < widget.sizeHint().width():
            found.append(f"button {widget.accessibleName()!r} squeezed")
        if isinstance(widget, QLabel) and widget.text():
            needed = (
                widget.heightForWidth(widget.width())
                if widget.wordWrap()
                else widget.sizeHint().height()
            )
            if widget.height() + 1 < needed or (
                not widget.wordWrap() and widget.width() < widget.sizeHint().width()
            ):
                found.append(f"label {widget.accessibleName() or widget.text()[:20]!r} cut off")
    return found


def save(widget: QWidget, name: str, text_size: int, qapp: QApplication) -> None:
    if not SHOTS:
        return
    for theme in ("light", "dark"):
        apply_theme(qapp, theme, text_size)
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"{name}-{text_size}-{theme}.png"))
    apply_theme(qapp, "light", text_size)


def test_a_turn_and_the_end_hold_at_1024_by_700(qtbot, context, clock, text_size, qapp) -> None:
    plan = SessionPlan.make(["Robin", "Sam", "Alex"], DEFAULT_FORMAT)
    window = ListeningWindow(plan, context.clock, context.messages)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    clock.advance(seconds=110)
    window.refresh()
    QApplication.processEvents()
    assert window.size().width() == 1024
    assert problems(window) == []
    countdown = window.run_page.countdown
    assert countdown.height() >= countdown.sizeHint().height()
    assert countdown.font().pointSizeF() >= 4 * QApplication.font().pointSizeF()  # room-sized
    before = countdown.font().pointSizeF()
    apply_theme(qapp, "light", text_size + 50)  # View > Text size changed mid-session
    QApplication.processEvents()
    assert countdown.font().pointSizeF() != before
    assert problems(window) == []
    apply_theme(qapp, "light", text_size)
    QApplication.processEvents()
    save(window, "listening-turn", text_size, qapp)
    for _ in window.session.turns:
        window.next_turn()
    QApplication.processEvents()
    assert problems(window) == []
    save(window, "listening-end", text_size, qapp)
    window.close()


def test_the_set_up_holds_at_1024_by_700(qtbot, view, text_size, qapp) -> None:
    view.window().resize(1024, 700)
    dialog = SetupDialog(view.ops, view)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, view)
    QApplication.processEvents()
    assert dialog.height() <= 700
    assert problems(dialog) == []
    save(dialog, "listening-setup", text_size, qapp)
    view.context.messages.set_next_answer(Button.Yes)
    dialog.reject()


def test_every_control_is_named_and_text_boxes_are_sensitive(qtbot, view, context) -> None:
    dialog = SetupDialog(view.ops, view)
    dialog.show()
    plan = SessionPlan.make(["Robin", "Sam"], DEFAULT_FORMAT)
    window = ListeningWindow(plan, context.clock, context.messages)
    window.show()
    for top in (dialog, window):
        for widget in top.findChildren(QWidget):
            if isinstance(widget, (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox)):
                if isinstance(widget.parent(), (QLineEdit, QAbstractSpinBox, QComboBox)):
                    continue  # Qt's own parts of a named control
                text = widget.text() if isinstance(widget, QAbstractButton) else ""
                assert widget.accessibleName() or text, type(widget).__name__
            if isinstance(widget, (QLineEdit, QPlainTextEdit)) and not isinstance(
                widget.parent(), (QAbstractSpinBox, QComboBox)
            ):
                assert widget.inputMethodHints() & SENSITIVE_HINTS == SENSITIVE_HINTS
    dialog.reject()
    for _ in window.session.turns:
        window.next_turn()
    window.close()
