"""Draws a list row: a quiet facts line, the title, and (when searching) the snippet.

The snippet arrives as HTML built from escaped note text (``Snippet.to_html``); the
title and facts are drawn as plain text, so no note text is ever interpreted as markup.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui.common.look import UNTITLED
from desktop.ui.common.zones import ZONE_SWATCH
from desktop.ui.debriefs.list_model import SnippetHtmlRole, ZoneRole

PAD = 8
ZONE_MARK = "  ·  check-in: "
AnyIndex = QModelIndex | QPersistentModelIndex


class DebriefRowDelegate(QStyledItemDelegate):
    """Two lines per debrief, three with a search snippet."""

    def _lines(self, index: AnyIndex) -> tuple[str, str, str]:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        facts, _, rest = text.partition("\n")
        title = rest.split("\n", 1)[0] or UNTITLED
        snippet = index.data(SnippetHtmlRole) or ""
        return facts, title, snippet

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        line = option.fontMetrics.lineSpacing()
        _, _, snippet = self._lines(index)
        lines = 2 + (2 if snippet else 0)
        return QSize(240, lines * line + 3 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        facts, title, snippet = self._lines(index)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        muted_role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        rect = option.rect.adjusted(PAD + 4, PAD, -PAD, -PAD)
        line = option.fontMetrics.lineSpacing()
        small = QFont(option.font)
        small.setPointSizeF(max(10.0, option.font.pointSizeF() - 0.5))
        painter.setFont(small)
        painter.setPen(palette.color(muted_role))
        facts, _, zone_text = facts.partition(ZONE_MARK)
        metrics = painter.fontMetrics()
        zone_width = 0
        zone = index.data(ZoneRole)
        if zone_text and zone is not None:
            # The zone's name, right-aligned, with a swatch beside it (never colour alone).
            size = max(8, line // 2)
            zone_width = metrics.horizontalAdvance(zone_text) + size + 6
            left = rect.right() - zone_width
            painter.drawText(QRect(left + size + 6, rect.top(), zone_width, line), 0, zone_text)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(ZONE_SWATCH.get(str(zone), "#888888")))
            painter.drawEllipse(left, rect.top() + (line - size) // 2, size, size)
            painter.setPen(palette.color(muted_role))
        room = rect.width() - zone_width - (8 if zone_width else 0)
        facts = metrics.elidedText(facts, Qt.TextElideMode.ElideRight, room)
        painter.drawText(QRect(rect.left(), rect.top(), room, line), 0, facts)
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(palette.color(text_role))
        elided = painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top() + line + 2, rect.width(), line), 0, elided)
        if snippet:
            document = QTextDocument()
            document.setDefaultFont(option.font)
            colour = palette.color(text_role).name()
            document.setHtml(f'<div style="color:{colour}">{snippet}</div>')
            document.setTextWidth(rect.width())
            painter.translate(rect.left() - 4, rect.top() + 2 * line + 4)
            document.drawContents(painter, QRect(0, 0, rect.width() + 4, 2 * line + 4))
        painter.restore()


def rows_delegate(parent: Any) -> DebriefRowDelegate:
    return DebriefRowDelegate(parent)
