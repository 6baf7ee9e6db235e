"""How Stress Continuum zones look: a text label always, a colour swatch beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

# (value, label, colour name, swatch, a few words in our own voice; never a diagnosis)
ZONES: tuple[tuple[str, str, str, str, str], ...] = (
    ("ready", "Ready", "green", "#3f8f5a", "Steady; coping much as usual."),
    ("reacting", "Reacting", "yellow", "#c9a227", "Stretched; a bit on edge or tired."),
    ("injured", "Injured", "orange", "#d9822b", "It is staying with me; harder to switch off."),
    ("ill", "Ill", "red", "#b8473a", "Not OK; everyday things feel hard."),
)
ZONE_SWATCH = {value: swatch for value, _, _, swatch, _ in ZONES}
ZONE_TEXT = {value: f"{label} ({colour})" for value, label, colour, _, _ in ZONES}


def swatch_icon(colour: str, size: int = 14) -> QIcon:
    """A small filled circle (shown beside the zone's name, never instead of it)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(QColor(colour).darker(130))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)
