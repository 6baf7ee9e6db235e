"""How Stress Continuum zones look: a text label always, a colour swatch beside it.

The zones themselves — names, colour names, descriptions — are defined once, in
``desktop.models.checkin.StressZone``; only the swatch colours are the UI's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from desktop.models.checkin import StressZone

# Keyed by zone; a StrEnum, so the stored value ("ready") finds its swatch too.
ZONE_SWATCH: dict[str, str] = {
    StressZone.READY: "#3f8f5a",
    StressZone.REACTING: "#c9a227",
    StressZone.INJURED: "#d9822b",
    StressZone.ILL: "#b8473a",
}


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
