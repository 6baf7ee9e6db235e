"""Filters for the debrief list: tag, template, date range and check-in zone.

Each choice narrows the list (and search); "Any" leaves a criterion out. The result is
the core's ``ListFilter``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from desktop.models.checkin import StressZone
from desktop.ui.common.date_field import OptionalDate
from desktop.ui.common.flow_layout import FlowLayout
from desktop.ui.common.widgets import button, label, mark_sensitive


def _local_midnight(day: date) -> datetime:
    naive = datetime.combine(day, time.min)
    return naive.astimezone()  # local midnight, with the local offset


class FilterBar(QWidget):
    """A row of combo boxes and dates; emits ``changed`` whenever one changes."""

    changed = Signal()
    rename_requested = Signal(str, str)  # old tag name, new tag name

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag = QComboBox()
        self.tag.setAccessibleName("Filter by tag")
        self.template = QComboBox()
        self.template.setAccessibleName("Filter by template")
        self.zone = QComboBox()
        self.zone.setAccessibleName("Filter by check-in")
        self.zone.addItem("Any check-in", None)
        for zone in StressZone:
            self.zone.addItem(zone.text, zone.value)
        self.date_from = OptionalDate("Written from", "Any date", today)
        self.date_to = OptionalDate("Written until", "Any date", today)
        self.reset_button = button("Clear filters", link=True)
        self.rename_edit = QLineEdit()
        self.rename_edit.setPlaceholderText("Rename this tag to…")
        self.rename_edit.setAccessibleName("New name for the chosen tag")
        self.rename_edit.setToolTip("Renames the tag on every debrief (Enter)")
        self.rename_edit.setMaximumWidth(180)
        mark_sensitive(self.rename_edit)
        for combo in (self.tag, self.template, self.zone):
            # As wide as a usual name, not the longest one: long names elide in the box
            # and show whole in its list.
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        # The filters wrap onto a second line in a narrow window instead of squeezing.
        layout = FlowLayout(self, spacing=10)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        for text, widget in (
            ("Tag", self.tag),
            ("Template", self.template),
            ("Check-in", self.zone),
            ("From", self.date_from),
            ("Until", self.date_to),
        ):
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(label(text, "Muted", wrap=False, buddy=widget))
            row.addWidget(widget)
            layout.addWidget(pair)
        layout.addWidget(self.rename_edit)
        layout.addWidget(self.reset_button)
        self.rename_edit.returnPressed.connect(self._rename)
        self._quiet = False
        self.set_choices([], [])
        self.rename_edit.hide()
        for combo in (self.tag, self.template, self.zone):
            combo.currentIndexChanged.connect(self._emit)
        for edit in (self.date_from, self.date_to):
            edit.changed.connect(self._emit)
        self.reset_button.clicked.connect(self.reset)

    def _emit(self, *_: object) -> None:
        self.rename_edit.setVisible(self.tag.currentIndex() > 0)
        if not self._quiet:
            self.changed.emit()

    def _rename(self) -> None:
        old, new = self.tag.currentData(), " ".join(self.rename_edit.text().split())
        self.rename_edit.setText("")
        if old and new and new != old:
            self.rename_requested.emit(old, new)

    def select_tag(self, name: str) -> None:
        index = self.tag.findData(name)
        if index >= 0:
            self.tag.setCurrentIndex(index)

    def set_choices(self, templates: list[Any], tags: list[str]) -> None:
        """Refill the tag and template lists, keeping the current choices."""
        self._quiet = True
        chosen_tag, chosen_template = self.tag.currentData(), self.template.currentData()
        self.tag.clear()
        self.tag.addItem("Any tag", None)
        for name in tags:
            self.tag.addItem(name, name)
        self.template.clear()
        self.template.addItem("Any template", None)
        for template in templates:
            self.template.addItem(template.name, template.id)
        for combo, value in ((self.tag, chosen_tag), (self.template, chosen_template)):
            index = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(0, index))
        self._quiet = False

    def current(self) -> Any:
        """The ``ListFilter`` for the current choices."""
        from desktop.models.listing import ListFilter

        start, until = self.date_from.value(), self.date_to.value()
        zone = self.zone.currentData()
        return ListFilter(
            tag=self.tag.currentData(),
            template_id=self.template.currentData(),
            zone=None if zone is None else StressZone(zone),
            created_from=None if start is None else _local_midnight(start),
            created_before=None if until is None else _local_midnight(until) + timedelta(days=1),
        )

    def is_active(self) -> bool:
        return any(
            (
                self.tag.currentIndex() > 0,
                self.template.currentIndex() > 0,
                self.zone.currentIndex() > 0,
                self.date_from.value() is not None,
                self.date_to.value() is not None,
            )
        )

    def reset(self) -> None:
        self._quiet = True
        for combo in (self.tag, self.template, self.zone):
            combo.setCurrentIndex(0)
        for edit in (self.date_from, self.date_to):
            edit.set_value(None)
        self._quiet = False
        self.changed.emit()

    def clear(self) -> None:
        """Forget tag names (content) on lock."""
        self._quiet = True
        self.rename_edit.setText("")
        self.tag.clear()
        self.template.clear()
        self._quiet = False
