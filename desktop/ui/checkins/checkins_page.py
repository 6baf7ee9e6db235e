"""The Check-ins place: check in now, and the trend as a chart and as a table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.checkin import TrendSpan
from desktop.ui.checkins.heavy_week import HeavyWeekCard
from desktop.ui.checkins.trend_chart import TrendChart, TrendTable
from desktop.ui.common.look import emphasise, friendly_time
from desktop.ui.common.messages import Button
from desktop.ui.common.notices import follow_changes
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label, vertical_scroller
from desktop.ui.common.zones import ZONE_SWATCH, swatch_icon
from desktop.ui.peers.talked_with import TalkedWith
from desktop.vault.changes import Changed

if TYPE_CHECKING:
    from desktop.vault import Vault

RECENT = 30
SPANS = (("week", "&Week"), ("month", "&Month"), ("year", "&Year"))


class CheckInsPage(QWidget):
    """Span buttons, the chart, the table with the same data, and the heavy-week card."""

    checkin_requested = Signal()

    def __init__(self, ops: VaultOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self.span: TrendSpan = "week"
        self._quiet = False
        self.card = HeavyWeekCard()
        self.checkin_button = button("Check in now…", "Check in now", primary=True)
        self.checkin_button.setToolTip("Quick check-in (Ctrl+Shift+K)")
        self.span_group = QButtonGroup(self)
        self.span_buttons: dict[str, QPushButton] = {}
        spans = QHBoxLayout()
        spans.addWidget(label("Show the last", "Muted", wrap=False))
        for value, text in SPANS:
            span_button = button(text, f"Show the last {value}")
            span_button.setCheckable(True)
            self.span_group.addButton(span_button)
            self.span_buttons[value] = span_button
            spans.addWidget(span_button)
            span_button.clicked.connect(lambda _=False, v=value: self.set_span(v))
        spans.addStretch(1)
        spans.addWidget(self.checkin_button)
        self.span_buttons["week"].setChecked(True)
        self.signal_box = QCheckBox("Show a gentle card after a heavy week")
        self.signal_box.setToolTip(
            "After 3 or more orange or red check-ins within 7 days, Today shows a calm card"
        )
        self.signal_box.setAccessibleName("Show the heavy-week card")
        self.signal_box.toggled.connect(self._signal_toggled)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent check-ins")
        self.recent.setMaximumHeight(150)
        self.delete_button = button("Delete check-in…", "Delete the chosen check-in", link=True)
        self.delete_button.clicked.connect(self.delete_selected)
        self.talked_with = TalkedWith(self._ops, checkins=True)  # issue 14
        self.talked_with.show_checkin(None)
        self.recent.currentItemChanged.connect(
            lambda item, _: self.talked_with.show_checkin(
                None if item is None else str(item.data(Qt.ItemDataRole.UserRole))
            )
        )
        self.chart = TrendChart()
        self.table = TrendTable()
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(label("Check-ins", "ScreenTitle"))
        layout.addWidget(
            label(
                "A check-in records where you are on the Stress Continuum, with energy and "
                "sleep if you like. The chart shows how the days have gone.",
                "Muted",
            )
        )
        layout.addWidget(self.card)
        layout.addLayout(spans)
        layout.addWidget(self.chart, 3)
        layout.addWidget(self.table, 2)
        recent_row = QHBoxLayout()
        recent_row.addWidget(emphasise(label("Recent check-ins", "SectionTitle", wrap=False)))
        recent_row.addSpacing(12)
        # The chosen check-in's peers sit in this row: the chart needs the height.
        recent_row.addWidget(self.talked_with, 1)
        recent_row.addWidget(self.delete_button)
        layout.addLayout(recent_row)
        layout.addWidget(self.recent, 1)
        layout.addWidget(self.signal_box)
        vertical_scroller(content, self)
        self.checkin_button.clicked.connect(self.checkin_requested.emit)
        follow_changes(
            self, self._ops.notices, (Changed.CHECKINS, Changed.PREFERENCES), self.refresh
        )

    def set_span(self, span: TrendSpan) -> None:
        self.span = span
        self.span_buttons[span].setChecked(True)
        self.refresh()

    def refresh(self) -> None:
        span = self.span
        self._ops.run(
            lambda v: (
                v.checkins.trend(span),
                v.checkins.heavy_week_signal_enabled,
                v.checkins.heavy_week(),
                v.checkins.recent(RECENT),
                v.peers.call_when_hard(),
            ),
            lambda loaded: self._show(span, *loaded),
        )

    def _signal_toggled(self, enabled: bool) -> None:
        if self._quiet:
            return

        def store(v: Vault) -> None:
            v.checkins.heavy_week_signal_enabled = enabled

        self._ops.run(store, write=True)

    def _show(
        self,
        span: str,
        buckets: list[Any],
        signal_enabled: bool = True,
        heavy: Any = None,
        recent: list[Any] | None = None,
        call_when_hard: list[Any] | None = None,
    ) -> None:
        self.card.show_signal(heavy)
        self.card.show_peers(call_when_hard or [])
        self._show_recent(recent or [])
        self._quiet = True
        self.signal_box.setChecked(signal_enabled)
        self._quiet = False
        if span != self.span:
            return
        self.chart.set_buckets(buckets, span)
        self.table.set_buckets(buckets, span)

    def _show_recent(self, checkins: list[Any]) -> None:
        self.recent.clear()
        for checkin in checkins:
            parts = [
                friendly_time(checkin.at, self._ops.today()),
                f"{checkin.zone.label} ({checkin.zone.colour})",
            ]
            if checkin.energy is not None:
                parts.append(f"energy {checkin.energy}/10")
            if checkin.sleep is not None:
                parts.append(f"sleep {checkin.sleep}/10")
            text = "  ·  ".join(parts) + (f"\n{checkin.note}" if checkin.note else "")
            item = QListWidgetItem(swatch_icon(ZONE_SWATCH[str(checkin.zone)]), text)
            item.setData(Qt.ItemDataRole.UserRole, checkin.id)
            self.recent.addItem(item)
        self.delete_button.setEnabled(bool(checkins))

    def delete_selected(self) -> None:
        item: QListWidgetItem | None = self.recent.currentItem()
        if item is None:
            return
        checkin_id = item.data(Qt.ItemDataRole.UserRole)
        answer = self._ops.context.messages.ask(
            self.window(),
            "Delete this check-in?",
            "The check-in will be removed. A debrief it was kept with keeps its text.",
            Button.Yes | Button.Cancel,
            Button.Cancel,
        )
        if answer == Button.Yes:
            self._ops.run(
                lambda v: v.checkins.delete(checkin_id), lambda _: self._deleted(), write=True
            )

    def _deleted(self) -> None:
        self.refresh()

    def clear_content(self) -> None:
        self.talked_with.clear()
        self.recent.clear()
        self.chart.set_buckets([], self.span)
        self.table.setRowCount(0)
