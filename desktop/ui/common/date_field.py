"""A date people may set or leave unset: empty means "no date".

A bare QDateEdit always holds some date (the usual trick, a far-past minimum shown as
"No date", opens its calendar in January 2000), and typing into its sections is fiddly.
Here the date is a text box in the system's date format with a four-digit year: empty is
"no date", typing "5/1/2027", "05.01.27" or "05012027" works in the order the system's
format gives day, month and year, the calendar button opens on today (by the injected
clock) or on the date shown, and one click on × clears it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop.ui.common.widgets import mark_sensitive


def locale_date_format() -> str:
    """The system's short date format, with a four-digit year ("dd/MM/yyyy", "M/d/yyyy")."""
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def _field_order(pattern: str) -> list[str]:
    """ "dd/MM/yyyy" -> ["d", "M", "y"]: the order the system writes a date in."""
    order: list[str] = []
    for letter in re.findall(r"[dMy]", pattern):
        if letter not in order:
            order.append(letter)
    return order if len(order) == 3 else ["d", "M", "y"]


def parse_date(text: str, pattern: str) -> date | None:
    """A typed date in the order of `pattern`, with any separators or none; else None."""
    numbers = re.findall(r"\d+", text)
    order = _field_order(pattern)
    if len(numbers) == 1 and len(numbers[0]) in (6, 8):
        digits = numbers[0]
        widths = {"d": 2, "M": 2, "y": len(digits) - 4}
        numbers, start = [], 0
        for letter in order:
            numbers.append(digits[start : start + widths[letter]])
            start += widths[letter]
    if len(numbers) != 3:
        return None
    parts = dict(zip(order, numbers, strict=True))
    year = int(parts["y"])
    if len(parts["y"]) <= 2:
        year += 2000
    try:
        return date(year, int(parts["M"]), int(parts["d"]))
    except ValueError:
        return None


# Qt's own parts of a calendar, named for screen readers (Qt leaves them unnamed).
CALENDAR_PARTS = {
    "qt_calendar_calendarview": "Days of the month",
    "qt_calendar_prevmonth": "Previous month",
    "qt_calendar_nextmonth": "Next month",
    "qt_calendar_monthbutton": "Choose month",
    "qt_calendar_yearbutton": "Choose year",
    "qt_calendar_yearedit": "Year",
}


def name_calendar_parts(calendar: QCalendarWidget) -> None:
    for part in calendar.findChildren(QWidget):
        name = CALENDAR_PARTS.get(part.objectName())
        if name:
            part.setAccessibleName(name)


class OptionalDate(QWidget):
    """No date, or one date; ``changed`` whenever that changes."""

    changed = Signal()

    def __init__(
        self,
        name: str,
        empty_text: str,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._pattern = locale_date_format()
        self._value: date | None = None
        self.edit = mark_sensitive(QLineEdit())
        self.edit.setAccessibleName(name)
        self.edit.setPlaceholderText(empty_text)
        self.edit.setToolTip(f"{name}: type it ({self._pattern.lower()}) or pick it; empty is none")
        width = self.edit.fontMetrics().horizontalAdvance(
            max(empty_text, QDate(2027, 12, 28).toString(self._pattern), key=len)
        )
        self.edit.setMinimumWidth(width + 16)
        self.pick_button = QToolButton()
        self.pick_button.setText("▾")
        self.pick_button.setAccessibleName(f"Pick {name.lower()} from a calendar")
        self.pick_button.setToolTip("Pick from a calendar")
        self.pick_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(f"{name} calendar")
        name_calendar_parts(self.calendar)
        menu = QMenu(self.pick_button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._open_calendar)
        self.pick_button.setMenu(menu)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setAccessibleName(f"Clear {name.lower()}")
        self.clear_button.setToolTip(f"No {name.lower()}")
        for small in (self.pick_button, self.clear_button):
            small.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pick_button)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.clear_button.clicked.connect(self.clear)
        self.edit.editingFinished.connect(self._typed)
        self.edit.textEdited.connect(self._typing)
        self._show_value()

    def value(self) -> date | None:
        return self._value

    def set_value(self, value: date | None) -> None:
        changed = value != self._value
        self._value = value
        self._show_value()
        if changed:
            self.changed.emit()

    def clear(self) -> None:
        """Back to "no date" — one action."""
        self.set_value(None)
        self.edit.setFocus()

    def _open_calendar(self) -> None:
        shown = self._value or self._today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _picked(self, picked: QDate) -> None:
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        menu = self.pick_button.menu()
        if menu is not None:
            menu.close()
        self.edit.setFocus()

    def _typing(self, text: str) -> None:
        """Take a complete date as soon as it is typed; say nothing while it is partial."""
        parsed = parse_date(text, self._pattern) if text.strip() else None
        if parsed is not None and parsed != self._value:
            self._value = parsed
            self.clear_button.setEnabled(True)
            self.changed.emit()
        elif not text.strip() and self._value is not None:
            self._value = None
            self.clear_button.setEnabled(False)
            self.changed.emit()

    def _typed(self) -> None:
        """Leaving the box: show what was understood (or go back to the last date)."""
        self._show_value()

    def _show_value(self) -> None:
        value = self._value
        text = (
            ""
            if value is None
            else QDate(value.year, value.month, value.day).toString(self._pattern)
        )
        if self.edit.text() != text:
            self.edit.setText(text)
        self.clear_button.setEnabled(value is not None)


__all__ = ["OptionalDate", "locale_date_format", "parse_date"]
