"""Tab order follows reading order: top to bottom, and left to right along a row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.shell.places import Place
from tests.ui.helpers import settle

ROW = 12  # widgets whose tops are this close sit on one line


def tab_walk(qtbot, page: QWidget, steps: int = 40) -> list[QWidget]:
    """Focus the page's first control, then press Tab until focus leaves the page."""
    first = page.nextInFocusChain()
    while first is not page and not (
        page.isAncestorOf(first)
        and first.isVisible()
        and first.isEnabled()
        and first.focusPolicy() & Qt.FocusPolicy.TabFocus
    ):
        first = first.nextInFocusChain()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    for _ in range(steps):
        widget = QApplication.focusWidget()
        if widget is None or not page.isAncestorOf(widget) or widget in seen:
            break
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return seen


def out_of_order(page: QWidget, walked: list[QWidget]) -> list[str]:
    """Pairs where Tab goes up the page, or backwards along a line."""
    spots = [w.mapTo(page, QPoint(0, 0)) for w in walked]
    wrong = []
    for (a, spot_a), (b, spot_b) in zip(
        zip(walked, spots, strict=True), list(zip(walked, spots, strict=True))[1:], strict=False
    ):
        up = spot_b.y() < spot_a.y() - ROW
        back = abs(spot_b.y() - spot_a.y()) <= ROW and spot_b.x() < spot_a.x()
        if up or back:
            names = [w.accessibleName() or type(w).__name__ for w in (a, b)]
            wrong.append(" -> ".join(names))
    return wrong


@pytest.mark.parametrize("place", [Place.TODAY, Place.CHECKINS, Place.ACTIONS, Place.DEBRIEFS])
def test_tab_follows_reading_order(qtbot, view, vault, place):
    view.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    view.go_to_place(place)
    settle(qtbot, view)
    page = view.pages.currentWidget()
    walked = tab_walk(qtbot, page)
    assert len(walked) >= 2
    assert out_of_order(page, walked) == []
