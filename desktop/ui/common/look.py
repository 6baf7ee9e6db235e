"""Small look-and-feel helpers shared by the debrief pages: emphasis, roomy rows, dates."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QWidget

from desktop.ui.common.widgets import SomeWidget

EMPHASIS = "alongside_emphasis"  # the widget property that remembers the size step
ROOMY = "alongside_roomy"  # a list whose rows follow the text size (``roomy``)
EM_WIDTHS = "alongside_em_widths"  # "min_em,min_px,max_em,max_px" (``column_in_ems``)


def emphasise(widget: SomeWidget, points_more: float = 0.0) -> SomeWidget:
    """Semi-bold and optionally larger text (titles, headings), from the app's font.

    Remembered on the widget, so a change of text size (View > Text size) re-applies it.
    """
    widget.setProperty(EMPHASIS, float(points_more))
    _apply_emphasis(widget, QApplication.font(), points_more)
    return widget


def _apply_emphasis(widget: QWidget, base: QFont, points_more: float) -> None:
    font = QFont(base)
    font.setWeight(QFont.Weight.DemiBold)
    if points_more:
        font.setPointSizeF(font.pointSizeF() + points_more)
    widget.setFont(font)


def refresh_emphasis(app: QApplication) -> None:
    """After the app's text size changed: emphasised widgets, roomy rows and columns
    measured in ems follow it."""
    base = app.font()
    for widget in app.allWidgets():
        points_more = widget.property(EMPHASIS)
        if isinstance(points_more, float):
            _apply_emphasis(widget, base, points_more)
        elif isinstance(widget.property(EM_WIDTHS), str):
            _apply_em_widths(widget)
        elif widget.property(ROOMY) is True and isinstance(widget, QListWidget):
            height = _roomy_height(widget)
            for row in range(widget.count()):
                widget.item(row).setSizeHint(QSize(0, height))


def column_in_ems(
    widget: SomeWidget, minimum: tuple[int, int], maximum: tuple[int, int]
) -> SomeWidget:
    """A side column as wide as ``(ems, at most px)`` of its text, following a change of
    text size: wide enough for a name and a role, never the whole page."""
    widget.setProperty(EM_WIDTHS, ",".join(str(n) for n in (*minimum, *maximum)))
    _apply_em_widths(widget)
    return widget


def _apply_em_widths(widget: QWidget) -> None:
    min_em, min_px, max_em, max_px = (int(n) for n in str(widget.property(EM_WIDTHS)).split(","))
    em = widget.fontMetrics().horizontalAdvance("m")
    widget.setMinimumWidth(min(min_em * em, min_px))
    widget.setMaximumWidth(min(max_em * em, max_px))


def _roomy_height(widget: QWidget) -> int:
    return widget.fontMetrics().height() + 16


def roomy(item: QListWidgetItem, widget: QWidget) -> QListWidgetItem:
    """Give a list row breathing room that follows the font size (as the shell does).

    ``widget`` is the list (or a widget with its font); a list is marked so its rows
    follow a later change of text size (``refresh_emphasis``).
    """
    if isinstance(widget, QListWidget):
        widget.setProperty(ROOMY, True)
    item.setSizeHint(QSize(0, _roomy_height(widget)))
    return item


def friendly_time(moment: datetime, today: date) -> str:
    """ "today, 21:03", "yesterday, 08:10", "Tue 14 Nov, 21:03" (year only if not this).

    ``today`` comes from the injected clock (``desktop.clock.local_today``).
    """
    local = moment.astimezone()
    clock = f"{local:%H:%M}"
    if local.date() == today:
        return f"today, {clock}"
    if (today - local.date()).days == 1:
        return f"yesterday, {clock}"
    year = f" {local.year}" if local.year != today.year else ""
    return f"{local:%a} {local.day} {local:%b}{year}, {clock}"


UNTITLED = "Untitled debrief"


def day_label(moment: datetime) -> str:
    """ "Tue 14 Nov 2026" in local time (dates in lists of actions and the trash)."""
    local = moment.astimezone()
    return f"{local:%a} {local.day} {local:%b %Y}"


def list_day(moment: datetime, today: date) -> str:
    """ "Today", "Yesterday", or "Tue 14 Nov" (with the year if not this year)."""
    local = moment.astimezone()
    if local.date() == today:
        return "Today"
    if (today - local.date()).days == 1:
        return "Yesterday"
    year = f" {local.year}" if local.year != today.year else ""
    return f"{local:%a} {local.day} {local:%b}{year}"


def shorten(text: str, limit: int = 48) -> str:
    """At most ``limit`` characters, cut at a word with an ellipsis (never mid-word)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:·–-")
    return f"{cut or text[: limit - 1]}…"
