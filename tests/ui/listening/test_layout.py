"""The session window and the set-up hold at 1024×700 with 100% and 150% text.

Set ALONGSIDE_SHOTS=<folder> to also save what the test looked at (light and dark).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

from desktop.models.listening import DEFAULT_FORMAT, SessionPlan
from desktop.ui.common.context import AppContext
from desktop.ui.common.messages import Button
from desktop.ui.common.theme import apply_theme
from desktop.ui.listening.session_window import ListeningWindow
from desktop.ui.listening.setup_dialog import SetupDialog

from ..helpers import settle

SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")


@pytest.fixture(params=[1.0, 1.5], ids=["100%", "150%"])
def text_size(request, qapp: QApplication, context: AppContext) -> Iterator[float]:
    base = QFont(qapp.font())
    larger = QFont(base)
    larger.setPointSizeF(base.pointSizeF() * request.param)
    qapp.setFont(larger)
    apply_theme(qapp, "light")
    yield request.param
    qapp.setFont(base)
    apply_theme(qapp, "light")


def problems(top: QWidget) -> list[str]:
    """Visible text that is cut off: a button narrower than its text, a label too short."""
    found = []
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


def save(widget: QWidget, name: str, text_size: float, qapp: QApplication) -> None:
    if not SHOTS:
        return
    for theme in ("light", "dark"):
        apply_theme(qapp, theme)
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"{name}-{int(text_size * 100)}-{theme}.png"))
    apply_theme(qapp, "light")


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
