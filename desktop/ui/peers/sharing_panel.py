"""The sharing partner on the Peers page: not set up, or paired (verified or not).

One line of state and the actions that fit it: "Share notes with a colleague…" when
there is no partner; "Compare safety number…" while the number is not verified; "Stop
sharing…" (unpair) always when paired.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from desktop.ui.common.flow_layout import FlowLayout
from desktop.ui.common.widgets import button, label

NOT_PAIRED = "No sharing partner yet. Only notes you choose would be shared, end to end encrypted."
VERIFIED = "Sharing notes with your partner. Safety number compared: verified."
NOT_VERIFIED = (
    "Sharing notes with your partner. Safety number not verified: compare it before you "
    "share anything sensitive."
)


class SharingState(Protocol):
    """What the panel shows (from the vault's pairing record)."""

    paired: bool
    verified: bool


class SharingPanel(QFrame):
    """State line and actions for the one sharing partner."""

    pair_requested = Signal()
    compare_requested = Signal()
    unpair_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setAccessibleName("Sharing partner")
        self.state = label(NOT_PAIRED)
        self.state.setAccessibleName("Sharing partner state")
        self.pair_button = button("Share notes with a &colleague…", primary=True)
        self.compare_button = button("Compare safety &number…")
        self.unpair_button = button("Stop sharing…", "Stop sharing with my partner")
        actions = QWidget()
        flow = FlowLayout(actions)
        for widget in (self.pair_button, self.compare_button, self.unpair_button):
            flow.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.state)
        layout.addWidget(actions)
        self.pair_button.clicked.connect(self.pair_requested.emit)
        self.compare_button.clicked.connect(self.compare_requested.emit)
        self.unpair_button.clicked.connect(self.unpair_requested.emit)
        self.show_state(None)

    def show_state(self, state: SharingState | None) -> None:
        paired = state is not None and state.paired
        verified = paired and state is not None and state.verified
        self.state.setText(VERIFIED if verified else NOT_VERIFIED if paired else NOT_PAIRED)
        self.pair_button.setVisible(not paired)
        self.compare_button.setVisible(paired and not verified)
        self.unpair_button.setVisible(paired)
