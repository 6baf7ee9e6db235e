"""What a person sees as broken, computed from geometry and size hints (no pixels):
text cut off, widgets on top of each other, a sideways scrollbar.

Word-wrapped labels may be narrow as long as they are tall enough for their text;
labels that elide on purpose set the property ``elides``.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

TOLERANCE = 2  # pixels of rounding


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text()[:30]
    return f"{type(widget).__name__}({widget.accessibleName() or widget.objectName()}|{text!r})"


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def clipped(window: QWidget) -> list[str]:
    """Visible labels, buttons and boxes smaller than their text needs."""
    found = []
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window) or widget.property("elides"):
            continue
        if isinstance(widget, QLabel):
            if not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
                continue
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + TOLERANCE:
                    found.append(f"{_name(widget)} needs {needed}px high, has {widget.height()}")
            elif widget.minimumSizeHint().width() > widget.width() + TOLERANCE:
                found.append(
                    f"{_name(widget)} needs {widget.minimumSizeHint().width()}px, "
                    f"has {widget.width()}"
                )
        elif isinstance(widget, (QAbstractButton, QComboBox)):
            if widget.sizeHint().width() > widget.width() + TOLERANCE:
                found.append(
                    f"{_name(widget)} needs {widget.sizeHint().width()}px, has {widget.width()}"
                )
        elif isinstance(widget, QLineEdit) and widget.minimumSizeHint().width() > widget.width():
            found.append(f"{_name(widget)} narrower than its minimum")
    return found


def overlapping(window: QWidget) -> list[str]:
    """Visible siblings laid out on top of each other."""
    found = []
    for parent in [window, *window.findChildren(QWidget)]:
        if not _shown(parent, window) and parent is not window:
            continue
        children = [
            child
            for child in parent.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if _shown(child, window) and not child.isWindow()
        ]
        for index, first in enumerate(children):
            for second in children[index + 1 :]:
                shared: QRect = first.geometry().intersected(second.geometry())
                if shared.width() > TOLERANCE and shared.height() > TOLERANCE:
                    found.append(f"{_name(first)} overlaps {_name(second)}")
    return found


def sideways_scrolling(window: QWidget) -> list[str]:
    found = [
        f"{_name(area)} scrolls sideways"
        for area in window.findChildren(QAbstractScrollArea)
        if _shown(area, window)
        and area.horizontalScrollBar().isVisible()
        and not area.property("scrolls_sideways")
    ]
    # With its sideways scroll bar turned off, content wider than the pane is cut off.
    found += [
        f"{_name(area)} holds content wider than itself"
        for area in window.findChildren(QScrollArea)
        if _shown(area, window)
        and area.widget() is not None
        and area.widget().width() > area.viewport().width() + TOLERANCE
    ]
    return found


def layout_problems(window: QWidget) -> list[str]:
    return [*clipped(window), *overlapping(window), *sideways_scrolling(window)]
