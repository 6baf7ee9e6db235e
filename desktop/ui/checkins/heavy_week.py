"""The gentle "It has been a heavy week" card: suggests, once, and is easy to dismiss.

Shown when the core reports 3 or more orange/red check-ins within 7 days (and the
signal is on and not dismissed). It never blocks anything: two calm suggestions, a
Dismiss button and a way to turn it off.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from desktop.ui.common.look import emphasise
from desktop.ui.common.widgets import button, label
from desktop.ui.peers.peer_links import CallWhenHard

if TYPE_CHECKING:
    from desktop.ui.common.ops import VaultOps
    from desktop.vault import Vault

TITLE = "It has been a heavy week"
TURNED_OFF = "Heavy-week cards are off. Turn them on again under Check-ins."


class HeavyWeekCard(QFrame):
    """A card with the facts and three choices; hidden until ``show_signal``."""

    crisis_requested = Signal()
    peer_requested = Signal(str)  # a peer marked "I can call them when it is hard"
    dismissed = Signal()
    turned_off = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setAccessibleName(TITLE)
        self.text = label("")
        self.crisis_button = button("See support lines", "See crisis and support lines")
        self.dismiss_button = button("Dismiss", "Dismiss this card")
        self.off_button = button("Don't show these cards", "Turn off heavy-week cards", link=True)
        self.peers = CallWhenHard()
        self.peers.peer_requested.connect(self.peer_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.crisis_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        buttons.addWidget(self.off_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(emphasise(label(TITLE, "CardTitle"), 1))
        layout.addWidget(self.text)
        layout.addWidget(self.peers)
        layout.addLayout(buttons)
        self.crisis_button.clicked.connect(self.crisis_requested.emit)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.off_button.clicked.connect(self._turn_off)
        self.hide()

    def show_signal(self, signal: Any) -> None:
        """Show the card for the core's ``HeavyWeek`` facts, or hide it for None."""
        if signal is None:
            self.hide()
            return
        self.text.setText(
            f"You checked in as orange or red {signal.count} times in the last 7 days. "
            "It can help to talk it through with a peer or someone you trust. "
            "Support lines are there too, if you want them."
        )
        self.show()

    def show_peers(self, peers: list[Any]) -> None:
        """Link to the peers marked "I can call them when it is hard" (none: no row)."""
        self.peers.show_peers(peers)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def _turn_off(self) -> None:
        self.hide()
        self.turned_off.emit()


def follow_heavy_week_choices(
    ops: VaultOps, cards: list[HeavyWeekCard], say: Callable[[str], None]
) -> None:
    """Dismiss or turn off from any of the cards (Today, Check-ins): all of them hide."""

    def dismiss() -> None:
        for card in cards:
            card.hide()
        ops.run(lambda v: v.checkins.dismiss_heavy_week(), write=True)

    def turn_off_signal(v: Vault) -> None:
        v.checkins.heavy_week_signal_enabled = False

    def turn_off() -> None:
        dismiss()
        ops.run(turn_off_signal, lambda _: say(TURNED_OFF), write=True)

    for card in cards:
        card.dismissed.connect(dismiss)
        card.turned_off.connect(turn_off)
