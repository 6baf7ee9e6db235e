"""Today, the landing page after unlock: one-click check-in, new debrief, open actions,
gentle reminders — and nothing else (UI.md)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.models.checkin import StressZone
from desktop.ui.checkins.heavy_week import HeavyWeekCard
from desktop.ui.common.look import UNTITLED, emphasise, friendly_time, shorten
from desktop.ui.common.notices import follow_changes
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label
from desktop.ui.common.zones import ZONE_SWATCH, swatch_icon
from desktop.ui.peers.follow_ups import FollowUpOffer, FollowUpsDue
from desktop.ui.peers.peer_links import CallWhenHard, CatchUpReminders
from desktop.vault.backup_reminder import BackupDue, backup_due
from desktop.vault.changes import Changed

SHOWN_ACTIONS = 5


class TodayPage(QWidget):
    """Quiet summary of what matters today."""

    quick_checkin = Signal(str)  # zone value
    checkin_requested = Signal()
    new_requested = Signal()
    actions_requested = Signal()
    open_requested = Signal(str)
    peer_requested = Signal(str)  # open a peer in the Peers place
    peers_place_requested = Signal()
    crisis_requested = Signal()

    def __init__(self, ops: VaultOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        today = self._ops.today()
        self.heading = label(f"Today · {today:%A} {today.day} {today:%B}", "ScreenTitle")
        self.card = HeavyWeekCard()
        self.zone_buttons: dict[str, Any] = {}
        zones = QGridLayout()
        self._zone_grid = zones
        self._zone_columns = 0
        for zone in StressZone:
            zone_button = button(zone.text, f"Check in as {zone.label}, {zone.colour}")
            zone_button.setIcon(swatch_icon(ZONE_SWATCH[zone]))
            zone_button.setToolTip(f"Record a check-in: {zone.text}")
            # Focus by Tab only: a clicked zone must not keep a ring as if it were chosen.
            zone_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            zone_button.clicked.connect(lambda _=False, v=zone.value: self.quick_checkin.emit(v))
            self.zone_buttons[zone.value] = zone_button
        self.detail_button = button("More detail…", "Check in with energy, sleep and a note")
        self.detail_button.setToolTip("Check in with energy, sleep and a note (Ctrl+Shift+K)")
        self.detail_button.setObjectName("Link")
        self._place_zones(4)
        # "More detail…" on the status line below: beside the four zones it squeezed
        # their names at 150% text.
        detail_row = QHBoxLayout()
        self.checkin_status = label("", "Muted")
        self.checkin_status.setAccessibleName("Last check-in")
        self.new_button = button("&New debrief", "New debrief", primary=True)
        self.new_button.setToolTip("New debrief (Ctrl+N)")
        self.actions_title = emphasise(label("Open action points", "SectionTitle"), 1)
        self.actions_list = QVBoxLayout()
        self.all_actions = button("See all actions", "See all open actions", link=True)
        self.all_actions.setStyleSheet("text-align: left;")
        self.reminder = label("", "Muted")
        self.reminder.setAccessibleName("Reminders")
        self.backup_reminder = label("", "Muted")
        self.backup_reminder.setAccessibleName("Backup reminder")
        # Peer support (issue 14): calm catch-up reminders, and who to call when it is
        # hard, beside the crisis lines. In the app only; nothing here is an OS notice.
        self.catch_ups = CatchUpReminders()
        self.follow_up_offer = FollowUpOffer(self._ops)
        self.follow_ups = FollowUpsDue(self._ops)
        self.call_when_hard = CallWhenHard()
        self.crisis_link = button(
            "Crisis and support lines", "See crisis and support lines", link=True
        )
        self.crisis_link.setStyleSheet("text-align: left;")

        column = QWidget()
        column.setMaximumWidth(820)
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(column, 1)
        row.addStretch(0)
        # Reminders and peers can outgrow 700 px at 150% text: scroll, never squeeze.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.card)
        layout.addWidget(
            emphasise(label("How are you right now? One click records it.", "SectionTitle"), 1)
        )
        layout.addLayout(zones)
        detail_row.addWidget(self.checkin_status, 1)
        detail_row.addWidget(self.detail_button)
        layout.addLayout(detail_row)
        layout.addWidget(self.follow_up_offer)
        layout.addSpacing(8)
        new_row = QGridLayout()
        new_row.addWidget(self.new_button, 0, 0)
        new_row.addWidget(label("A few minutes, with a structure if you want one.", "Muted"), 0, 1)
        new_row.setColumnStretch(1, 1)
        layout.addLayout(new_row)
        layout.addSpacing(8)
        layout.addWidget(self.actions_title)
        layout.addLayout(self.actions_list)
        layout.addWidget(self.all_actions)
        layout.addWidget(self.reminder)
        layout.addWidget(self.backup_reminder)
        layout.addWidget(self.follow_ups)
        layout.addWidget(self.catch_ups)
        layout.addSpacing(8)
        layout.addWidget(self.call_when_hard)
        crisis_row = QHBoxLayout()
        crisis_row.addWidget(self.crisis_link)
        crisis_row.addStretch(1)
        layout.addLayout(crisis_row)
        layout.addStretch(1)
        self.detail_button.clicked.connect(self.checkin_requested.emit)
        self.new_button.clicked.connect(self.new_requested.emit)
        self.all_actions.clicked.connect(self.actions_requested.emit)
        self.catch_ups.peer_requested.connect(self.peer_requested.emit)
        self.call_when_hard.peer_requested.connect(self.peer_requested.emit)
        self.card.peer_requested.connect(self.peer_requested.emit)
        self.crisis_link.clicked.connect(self.crisis_requested.emit)
        self.follow_ups.checkin_requested.connect(self.checkin_requested.emit)
        self.follow_ups.peers_requested.connect(self.peers_place_requested.emit)
        shown = (
            Changed.DEBRIEFS,
            Changed.CHECKINS,
            Changed.ACTIONS,
            Changed.PREFERENCES,
            Changed.PEERS,
            Changed.CATCH_UPS,
            Changed.FOLLOW_UPS,
        )
        follow_changes(self, self._ops.notices, shown, self.refresh)

    def _place_zones(self, columns: int) -> None:
        """Four zone buttons in one row, or two rows of two when one row would squeeze
        their names (150% text at 1024 px)."""
        if columns == self._zone_columns:
            return
        self._zone_columns = columns
        for index, zone_button in enumerate(self.zone_buttons.values()):
            self._zone_grid.removeWidget(zone_button)
            self._zone_grid.addWidget(zone_button, index // columns, index % columns)
        for column in range(5):
            self._zone_grid.setColumnStretch(column, 1 if column == columns else 0)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        spacing = self._zone_grid.horizontalSpacing()
        needed = sum(b.sizeHint().width() + spacing for b in self.zone_buttons.values())
        self._place_zones(4 if needed + 64 <= min(self.width(), 820) - 24 else 2)

    def refresh(self) -> None:
        today = self._ops.today()
        self.heading.setText(f"Today · {today:%A} {today.day} {today:%B}")
        now = self._ops.now()
        self._ops.run(
            lambda v: (
                v.actions.open(limit=50),
                v.checkins.recent(1),
                v.checkins.heavy_week(),
                v.peers.call_when_hard(),
                v.peers.catch_ups_due(today),
                v.follow_ups.due(),
            ),
            self._show,
        )
        self._ops.run(lambda v: backup_due(v, now), self._show_backup_due)

    def _show_backup_due(self, due: BackupDue | None) -> None:
        if due is None:
            text = ""
        elif due.days is None:
            text = "This vault has no backup yet. Vault > Back up… (Ctrl+Shift+B) keeps a copy."
        else:
            text = (
                f"It's been {due.days} days since your last backup. "
                "Vault > Back up… (Ctrl+Shift+B) keeps a fresh copy."
            )
        self.backup_reminder.setText(text)
        self.backup_reminder.setVisible(bool(text))

    def _show(
        self, loaded: tuple[list[Any], list[Any], Any, list[Any], list[Any], list[Any]]
    ) -> None:
        open_actions, recent, heavy, call_when_hard, catch_ups_due, follow_ups = loaded
        self.follow_ups.show_due(follow_ups)
        self.card.show_signal(heavy)
        self.card.show_peers(call_when_hard)
        self.call_when_hard.show_peers(call_when_hard)
        self.catch_ups.show_due(catch_ups_due)
        self._clear_actions()
        for entry in open_actions[:SHOWN_ACTIONS]:
            due_text = f" — due {entry.action.due:%a %d %b}" if entry.action.due else ""
            link = button(
                shorten(f"{entry.action.text}{due_text}  ·  {entry.debrief_title or UNTITLED}", 70),
                "Open the debrief of this action point",
                link=True,
            )
            link.setStyleSheet("text-align: left;")
            link.clicked.connect(
                lambda _=False, d=entry.action.debrief_id: self.open_requested.emit(d)
            )
            self.actions_list.addWidget(link)
        if not open_actions:
            self.actions_list.addWidget(label("Nothing open. Well done for keeping up.", "Muted"))
        today = self._ops.today()
        due = [e for e in open_actions if e.action.due is not None and e.action.due <= today]
        self.reminder.setText(
            f"{len(due)} action point{'s are' if len(due) != 1 else ' is'} due today or earlier."
            if due
            else ""
        )
        if recent:
            checkin = recent[0]
            self.checkin_status.setText(
                f"Last check-in: {checkin.zone.label} ({checkin.zone.colour}), "
                f"{friendly_time(checkin.at, self._ops.today())}"
            )
        else:
            self.checkin_status.setText("No check-ins yet.")

    def _clear_actions(self) -> None:
        while self.actions_list.count():
            item = self.actions_list.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                if hasattr(widget, "setText"):
                    widget.setText("")
                widget.hide()
                widget.deleteLater()

    def clear_content(self) -> None:
        self._clear_actions()
        self.card.hide()
        self.checkin_status.setText("")
        self.reminder.setText("")
        self.catch_ups.clear()
        self.follow_ups.clear()
        self.follow_up_offer.clear()
        self.call_when_hard.clear()
        self.card.peers.clear()
