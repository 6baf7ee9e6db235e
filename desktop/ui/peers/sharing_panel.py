"""The sharing partner on the Peers page: not set up, or paired (verified or not).

One paragraph of state and the actions that fit it: "Share notes with a colleague…"
when there is no partner (or the relay lost the pairing); "Compare safety number…"
while the number is not verified or has changed; "Stop sharing…" (unpair) when paired.
The channel's state and when the partner was last heard from come with it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from desktop.ui.common.widgets import button, label

NOT_PAIRED = "Sharing partner: none yet. Pair with one colleague to exchange notes you choose."
CHANNEL_WORDS = {
    "waiting for the relay": "Waiting for the relay: notes wait in the outbox.",
    "re-pair needed": "Re-pair needed: the relay no longer knows this pairing.",
}


def state_text(
    summary: Any, channel: str, last_heard_days: int | None, name: str | None = None
) -> str:
    """One paragraph: paired or not, verified or not, and how the channel is doing."""
    if summary is None:
        return NOT_PAIRED
    parts = [f"Paired with your sharing partner{', ' + name if name else ''}."]
    if summary.identity_changed:
        parts.append("Safety number changed: compare it before you share anything.")
    elif summary.verified:
        parts.append("Safety number compared: verified.")
    else:
        parts.append("Safety number not verified: compare it before you share anything.")
    if channel in CHANNEL_WORDS:
        parts.append(CHANNEL_WORDS[channel])
    if last_heard_days is None:
        parts.append("Nothing received from your partner yet.")
    elif last_heard_days == 0:
        parts.append("Partner last seen today.")
    else:
        plural = "s" if last_heard_days != 1 else ""
        parts.append(f"Partner last seen {last_heard_days} day{plural} ago.")
    return " ".join(parts)


class SharingPanel(QFrame):
    """State and actions for the one sharing partner."""

    pair_requested = Signal()
    compare_requested = Signal()
    unpair_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setAccessibleName("Sharing partner")
        self.state = label(NOT_PAIRED)
        self.state.setAccessibleName("Sharing partner state")
        self.pair_button = button("Share notes with a &colleague…")
        self.compare_button = button("Compare safety &number…")
        self.unpair_button = button("Stop sharing…", "Stop sharing with my partner")
        # Text beside its buttons: the panel stays a short band above the peer list.
        actions = QVBoxLayout()
        actions.setSpacing(6)
        for widget in (self.pair_button, self.compare_button, self.unpair_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(16)
        layout.addWidget(self.state, 1)
        layout.addLayout(actions)
        self.pair_button.clicked.connect(self.pair_requested.emit)
        self.compare_button.clicked.connect(self.compare_requested.emit)
        self.unpair_button.clicked.connect(self.unpair_requested.emit)
        self.show_state(None)

    def show_state(
        self,
        summary: Any,
        channel: str = "",
        last_heard_days: int | None = None,
        name: str | None = None,
    ) -> None:
        """``summary`` is a PairingSummary or None; ``channel`` the runner's state word."""
        paired = summary is not None
        compare = paired and (not summary.verified or summary.identity_changed)
        self.state.setText(state_text(summary, channel, last_heard_days, name))
        self.pair_button.setVisible(not paired or channel == "re-pair needed")
        self.compare_button.setVisible(compare)
        self.unpair_button.setVisible(paired)
