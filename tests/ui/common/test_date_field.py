"""A date people may leave unset: no date until picked, calendar on today, typed dates."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale, Qt

from desktop.ui.common.date_field import OptionalDate, locale_date_format, parse_date

TODAY = date(2026, 11, 16)


@pytest.fixture
def british():
    """A clinic PC set to English (UK): dates like 05/01/2027."""
    before = QLocale()
    QLocale.setDefault(QLocale("en_GB"))
    yield
    QLocale.setDefault(before)


def make(qtbot) -> OptionalDate:
    field = OptionalDate("Due date", "No due date", lambda: TODAY)
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    return field


def test_no_date_until_one_is_picked_and_the_calendar_opens_on_today(qtbot, british):
    field = make(qtbot)
    assert field.value() is None
    assert field.edit.text() == ""  # nothing like 1 Jan 2000 anywhere
    assert field.edit.placeholderText() == "No due date"
    menu = field.pick_button.menu()
    menu.aboutToShow.emit()  # what opening the calendar does
    assert field.calendar.selectedDate() == QDate(2026, 11, 16)
    with qtbot.waitSignal(field.changed):
        field.calendar.clicked.emit(QDate(2026, 11, 20))  # a click on the 20th
    assert field.value() == date(2026, 11, 20)
    assert field.edit.text() == "20/11/2026"


def test_dates_show_in_the_systems_format_with_a_four_digit_year(qtbot, british):
    field = make(qtbot)
    field.set_value(date(2027, 3, 4))
    assert field.edit.text() == "04/03/2027"


def test_a_two_digit_year_format_gets_four_digits():
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    try:
        assert locale_date_format() == "M/d/yyyy"
    finally:
        QLocale.setDefault(before)


@pytest.mark.parametrize("typed", ["05/01/2027", "5/1/2027", "05.01.27", "05012027", "5-1-27"])
def test_a_date_can_be_typed(qtbot, british, typed):
    field = make(qtbot)
    field.edit.setFocus()
    with qtbot.waitSignal(field.changed):
        qtbot.keyClicks(field.edit, typed)
    assert field.value() == date(2027, 1, 5)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.edit.text() == "05/01/2027"  # shown as understood


def test_typing_follows_the_systems_order():
    assert parse_date("1/5/2027", "M/d/yyyy") == date(2027, 1, 5)
    assert parse_date("2027-01-05", "yyyy-MM-dd") == date(2027, 1, 5)
    assert parse_date("31/02/2027", "dd/MM/yyyy") is None
    assert parse_date("soon", "dd/MM/yyyy") is None


def test_clearing_is_one_click(qtbot, british):
    field = make(qtbot)
    field.set_value(date(2027, 1, 5))
    with qtbot.waitSignal(field.changed):
        qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    assert field.value() is None
    assert field.edit.text() == ""
    assert not field.clear_button.isEnabled()
