"""One peer at a glance: how to reach them, when, notes, and catching up with them.

Phone and e-mail are buttons that hand a ``tel:``/``mailto:`` address to the system's
handler (``QDesktopServices``): Alongside never calls or sends anything itself.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.models.peer import HANDLE_SCHEMES, CatchUpWay
from desktop.ui.common.look import emphasise, friendly_time, list_day
from desktop.ui.common.widgets import button, label, mark_sensitive
from desktop.ui.peers.peer_form import rhythm_label
from desktop.ui.peers.peer_links import shortened

SHOWN_CATCH_UPS = 10
CATCH_UP_DAYS_BACK = 30


def open_contact_link(url: str) -> bool:
    """Open a ``tel:``, ``mailto:`` or messaging address in the system's handler (we send
    nothing ourselves)."""
    if not url.startswith(("tel:", "mailto:", *HANDLE_SCHEMES)):
        return False
    return bool(QDesktopServices.openUrl(QUrl(url)))


class PeerCard(QWidget):
    """The selected peer; edit, delete, and log a catch-up from here."""

    edit_requested = Signal()
    delete_requested = Signal()
    partner_marked = Signal(str)  # this peer's id: they are the sharing partner
    catch_up_logged = Signal(str, str, object)  # way value, note, the day (a date)
    debrief_requested = Signal(str)  # open a debrief linked to this peer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.peer: Any | None = None
        self.name = label("", "ScreenTitle")  # the style sheet sizes titles; no emphasise
        self.name.setAccessibleName("Peer")
        self.role = label("", "Muted")
        self.call_button = button("Call", "Call", link=True)
        self.email_button = button("E-mail", "E-mail", link=True)
        self.message_button = button("Message", "Open in your messaging app", link=True)
        for widget in (self.call_button, self.email_button, self.message_button):
            widget.setStyleSheet("text-align: left;")
        self.details = label("")
        self.details.setAccessibleName("Details")
        self.notes = label("")
        self.notes.setAccessibleName("Private notes")
        self.catch_up_state = label("", "Muted")
        self.catch_up_state.setAccessibleName("Catching up")
        # A list of recent days rather than a date field: one Tab stop, and it can
        # never be set ahead of today.
        self.when = QComboBox()
        self.when.setAccessibleName("When you caught up")
        self.way = QComboBox()
        self.way.setAccessibleName("How you caught up")
        for way in CatchUpWay:
            self.way.addItem(way.label, way.value)
        self.catch_up_note = mark_sensitive(QLineEdit())
        self.catch_up_note.setAccessibleName("Catch-up note")
        self.catch_up_note.setPlaceholderText("A short private note (optional)")
        self.catch_up_note.setMaxLength(1000)
        self.log_button = button("&Log catch-up", "Log that you caught up today")
        self.history = QVBoxLayout()
        self.history.setSpacing(4)
        self.links_title = emphasise(label("Talked it through", "SectionTitle"), 1)
        self.linked = QVBoxLayout()
        self.linked.setSpacing(0)
        self.partner_line = label("Your sharing partner: the colleague your shared notes go to.")
        self.partner_line.setAccessibleName("Sharing partner")
        self.partner_button = button(
            "This is my sharing &partner", "Mark this peer as my sharing partner", link=True
        )
        self.edit_button = button("&Edit", "Edit peer")
        self.delete_button = button("&Delete", "Move peer to the trash")

        links = QVBoxLayout()
        links.setSpacing(0)
        links.addWidget(self.call_button)
        links.addWidget(self.email_button)
        links.addWidget(self.message_button)
        # Two short rows, so the card never needs a sideways scrollbar at 150% text.
        log_row = QHBoxLayout()
        log_row.addWidget(self.when)
        log_row.addWidget(self.way)
        log_row.addStretch(1)
        log_button_row = QHBoxLayout()
        log_button_row.addWidget(self.log_button)
        log_button_row.addStretch(1)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(8)
        column.addWidget(self.name)
        column.addWidget(self.role)
        column.addLayout(links)
        column.addWidget(self.partner_line)
        column.addWidget(self.partner_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.details)
        column.addWidget(self.notes)
        column.addSpacing(6)
        column.addWidget(emphasise(label("Catching up", "SectionTitle"), 1))
        column.addWidget(self.catch_up_state)
        column.addWidget(self.catch_up_note)
        column.addLayout(log_row)
        column.addLayout(log_button_row)
        column.addLayout(self.history)
        column.addSpacing(6)
        column.addWidget(self.links_title)
        column.addLayout(self.linked)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.call_button.clicked.connect(lambda: self._open("phone_link"))
        self.email_button.clicked.connect(lambda: self._open("email_link"))
        self.message_button.clicked.connect(lambda: self._open("handle_link"))
        self.partner_button.clicked.connect(
            lambda: self.partner_marked.emit(self.peer.id) if self.peer is not None else None
        )
        self.edit_button.clicked.connect(self.edit_requested.emit)
        self.delete_button.clicked.connect(self.delete_requested.emit)
        # Tab follows reading order: the note, when and how, then the button.
        for first, second in (
            (self.catch_up_note, self.when),
            (self.when, self.way),
            (self.way, self.log_button),
        ):
            QWidget.setTabOrder(first, second)
        self.log_button.clicked.connect(self._log)
        self.catch_up_note.returnPressed.connect(self._log)

    def _open(self, link: str) -> None:
        if self.peer is not None:
            open_contact_link(getattr(self.peer, link))

    def _log(self) -> None:
        self.catch_up_logged.emit(
            str(self.way.currentData()), self.catch_up_note.text(), self.when.currentData()
        )

    def show_links(self, links: Any, today: Any) -> None:
        """The debriefs (links that open them) and check-ins linked to this peer."""
        self._clear(self.linked)
        for debrief in links.debriefs:
            # A button does not wrap: a short title and the day fit at 150% text.
            title = shortened(debrief.title or "Untitled debrief", 28)
            link = button(
                f"{title} · {list_day(debrief.created, today)}", "Open this debrief", link=True
            )
            link.setStyleSheet("text-align: left;")
            link.clicked.connect(lambda _=False, d=debrief.id: self.debrief_requested.emit(d))
            self.linked.addWidget(link)
        for checkin in links.checkins:
            self.linked.addWidget(
                label(f"Check-in: {checkin.zone.text}, {friendly_time(checkin.at, today)}", "Muted")
            )
        if not (links.debriefs or links.checkins):
            self.linked.addWidget(
                label(
                    "No debriefs or check-ins linked yet. Link them from a debrief or a check-in.",
                    "Muted",
                )
            )

    def show_partner(self, paired: bool, is_partner: bool) -> None:
        """Whether this peer is the sharing partner (issue 11), and the way to say so."""
        self.partner_line.setVisible(paired and is_partner)
        self.partner_button.setVisible(paired and not is_partner)

    def show_peer(self, peer: Any, catch_ups: list[Any], today: Any) -> None:
        self.peer = peer
        self.name.setText(peer.name)
        self.role.setText(" · ".join(part for part in (peer.role, peer.organisation) if part))
        self.role.setVisible(bool(peer.role or peer.organisation))
        self.call_button.setText(f"Call {peer.phone}")
        self.call_button.setVisible(bool(peer.phone))
        self.email_button.setText(shortened(f"E-mail {peer.email}", 50))
        self.email_button.setVisible(bool(peer.email))
        self.message_button.setText("Open in your messaging app")
        self.message_button.setVisible(bool(peer.handle_link))
        lines = []
        if peer.handle:
            lines.append(f"Messaging: {peer.handle}")
        if peer.availability:
            lines.append(f"Usually available: {peer.availability}")
        if peer.tags:
            lines.append(f"Tags: {', '.join(peer.tags)}")
        if peer.call_when_hard:
            lines.append("You can call them when it is hard.")
        self.details.setText("\n".join(lines))
        self.details.setVisible(bool(lines))
        self.notes.setText(peer.notes)
        self.notes.setVisible(bool(peer.notes))
        last = (
            f"Last caught up {friendly_time(peer.last_caught_up, today)}."
            if peer.last_caught_up
            else "No catch-ups logged yet."
        )
        rhythm = f" Reminder: {rhythm_label(peer.rhythm_days).lower()}." if peer.rhythm_days else ""
        self.catch_up_state.setText(last + rhythm)
        self.catch_up_note.clear()
        self.show_partner(False, False)
        # Today by the app's clock; a catch-up can be logged late, never ahead.
        self.when.clear()
        for days in range(CATCH_UP_DAYS_BACK + 1):
            day = today - timedelta(days=days)
            text = (
                "Today"
                if days == 0
                else "Yesterday"
                if days == 1
                else f"{day:%a} {day.day} {day:%b}"
            )
            self.when.addItem(text, day)
        self._clear_history()
        self._clear(self.linked)
        for entry in catch_ups[:SHOWN_CATCH_UPS]:
            text = f"{friendly_time(entry.at, today)} · {entry.way.label}"
            if entry.note:
                text += f" — {entry.note}"
            self.history.addWidget(label(text, "Muted"))

    def _clear_history(self) -> None:
        self._clear(self.history)

    @staticmethod
    def _clear(layout: QVBoxLayout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if isinstance(widget, (QLabel, QPushButton)):
                widget.setText("")
                widget.hide()
                widget.deleteLater()

    def clear(self) -> None:
        self.peer = None
        for widget in (self.name, self.role, self.details, self.notes, self.catch_up_state):
            widget.setText("")
        self.call_button.setText("Call")
        self.email_button.setText("E-mail")
        self.catch_up_note.clear()
        self._clear_history()
        self._clear(self.linked)
