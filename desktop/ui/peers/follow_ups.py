"""Follow-ups on screen: the quiet offer under a hard debrief or check-in just saved
(never a dialog), and the follow-ups due on Today.

The offer shows once per debrief or check-in and not while others are pending (the
vault decides: ``vault.follow_ups.should_offer``). A due follow-up shows a sentence
that never repeats the debrief's words, with three ways to clear it: check in, go to a
peer, or dismiss.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from desktop.models.follow_up import FollowUpSource
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label

OFFER_TEXT = (
    "That sounded hard. Would a reminder help? In about 3 days, and again in about a "
    "month, Today will ask how you are doing."
)
ACCEPTED_TEXT = "Today will ask in about 3 days and again in about a month."


class FollowUpOffer(QWidget):
    """One quiet line with "Remind me" and "No, thanks"; hidden unless offered."""

    status = Signal(str)

    def __init__(self, ops: VaultOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self._source: tuple[FollowUpSource, str] | None = None
        self.text = label(OFFER_TEXT, "Muted")
        self.text.setAccessibleName("Follow-up offer")
        self.accept_button = button("Remind me", "Remind me to look back later", link=True)
        self.decline_button = button("No, thanks", "No follow-up reminders", link=True)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.decline_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.accept_button.clicked.connect(self.accept)
        self.decline_button.clicked.connect(self.decline)
        self.hide()

    def offer(self, source: FollowUpSource, source_id: str) -> None:
        """Show the offer if the vault says this one may be offered."""

        def answered(allowed: bool) -> None:
            if allowed:
                self._source = (source, source_id)
                self.show()

        self._ops.run(lambda v: v.follow_ups.should_offer(source, source_id), answered)

    def accept(self) -> None:
        if self._source is None:
            return
        source, source_id = self._source
        self._source = None
        self.hide()
        self._ops.run(
            lambda v: v.follow_ups.accept(source, source_id),
            lambda _: self.status.emit(ACCEPTED_TEXT),
            write=True,
        )

    def decline(self) -> None:
        if self._source is None:
            return
        source, source_id = self._source
        self._source = None
        self.hide()
        self._ops.run(lambda v: v.follow_ups.decline(source, source_id), write=True)

    def clear(self) -> None:
        self._source = None
        self.hide()


class FollowUpsDue(QWidget):
    """Today's due follow-ups: a sentence each, and Check in · A peer · Dismiss."""

    checkin_requested = Signal()
    peers_requested = Signal()

    def __init__(self, ops: VaultOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self.rows: list[tuple[Any, QWidget]] = []
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self.hide()

    def show_due(self, due: list[Any]) -> None:
        self.clear()
        for entry in due:
            row = QWidget()
            text = label(entry.sentence)
            text.setAccessibleName("Follow-up")
            checkin = button("Check in", "Check in now", link=True)
            peer = button("Talk to a peer", "See your peers", link=True)
            dismiss = button("Dismiss", "Dismiss this follow-up", link=True)
            buttons = QHBoxLayout()
            buttons.setContentsMargins(0, 0, 0, 0)
            for widget in (checkin, peer, dismiss):
                buttons.addWidget(widget)
            buttons.addStretch(1)
            layout = QVBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 4)
            layout.setSpacing(0)
            layout.addWidget(text)
            layout.addLayout(buttons)
            checkin.clicked.connect(lambda _=False, e=entry.id: self._close(e, "checkin"))
            peer.clicked.connect(lambda _=False, e=entry.id: self._close(e, "peers"))
            dismiss.clicked.connect(lambda _=False, e=entry.id: self._close(e, ""))
            self._column.addWidget(row)
            self.rows.append((entry, row))
        self.setVisible(bool(due))

    def _close(self, follow_up_id: str, then: str) -> None:
        """Doing or dismissing a follow-up clears it."""
        for entry, row in self.rows:
            if entry.id == follow_up_id:
                row.hide()
        self.setVisible(any(row.isVisibleTo(self) for _, row in self.rows))
        self._ops.run(lambda v: v.follow_ups.close(follow_up_id), write=True)
        if then == "checkin":
            self.checkin_requested.emit()
        elif then == "peers":
            self.peers_requested.emit()

    def clear(self) -> None:
        for _, row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        self.hide()
