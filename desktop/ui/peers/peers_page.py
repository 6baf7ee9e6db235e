"""The Peers place, until peer contacts and pairing arrive: one sentence on what it is for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.ui.common.widgets import label

COMING_TEXT = (
    "Peers: pair with one colleague you trust to share the notes you choose. "
    "This comes in a later version of Alongside."
)


def peers_placeholder() -> QLabel:
    """The Peers page's empty home."""
    placeholder = label(COMING_TEXT, "Muted")
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return placeholder
