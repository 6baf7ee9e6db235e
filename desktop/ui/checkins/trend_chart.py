"""The check-in trend, drawn with QPainter, and the same numbers as a table.

One stacked bar per day (week, month) or per month (year): how many check-ins fell in
each zone. Colours come with text: a legend names every zone, the axes are labelled,
and the table beside it is the accessible equivalent of the chart. Text and grid use
the palette, so the chart reads in light and dark themes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem, QWidget

from desktop.models.checkin import StressZone, TrendBucket
from desktop.ui.common.zones import ZONE_SWATCH

LEFT, TOP = 36, 12


def bucket_label(bucket: Any, span: str) -> str:
    if span == "year":
        return f"{bucket.start:%b}"
    if span == "week":
        return f"{bucket.start:%a}"
    return f"{bucket.start.day}"


def bucket_title(bucket: Any, span: str) -> str:
    return (
        f"{bucket.start:%B %Y}"
        if span == "year"
        else f"{bucket.start:%a} {bucket.start.day} {bucket.start:%b}"
    )


def zone_count(bucket: TrendBucket, zone: StressZone) -> int:
    return bucket.counts.get(zone, 0)


class TrendChart(QWidget):
    """Stacked bars of check-ins per bucket, with a text legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buckets: list[Any] = []
        self.span = "week"
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Check-in trend chart")
        self.setAccessibleDescription("The table below holds the same numbers.")

    def set_buckets(self, buckets: list[Any], span: str) -> None:
        self.buckets, self.span = list(buckets), span
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(50)
        metrics = painter.fontMetrics()
        # Rows of text follow the font, so large text (View > Text size) is never cut off.
        line = metrics.height() + 2
        legend = line + 8
        axis_room = line + 10
        area = QRectF(
            LEFT, TOP + legend, self.width() - LEFT - 12, self.height() - TOP - legend - axis_room
        )
        # Legend: swatch and name for every zone.
        x = float(LEFT)
        for zone in StressZone:
            painter.setBrush(QColor(ZONE_SWATCH[zone]))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(QRectF(x, TOP + (line - 12) / 2, 12, 12), 3, 3)
            painter.setPen(text)
            caption = zone.text
            painter.drawText(
                QRectF(x + 16, TOP, metrics.horizontalAdvance(caption) + 4, line), caption
            )
            x += metrics.horizontalAdvance(caption) + 34
        peak = max([b.total for b in self.buckets] + [1])
        step = max(1, (peak + 3) // 4)
        top_value = ((peak + step - 1) // step) * step
        painter.setPen(QPen(grid, 1))
        for value in range(0, top_value + 1, step):
            y = area.bottom() - area.height() * value / top_value
            painter.drawLine(int(area.left()), int(y), int(area.right()), int(y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - line / 2, LEFT - 6, line), Qt.AlignmentFlag.AlignRight, str(value)
            )
            painter.setPen(QPen(grid, 1))
        if not self.buckets:
            painter.setPen(text)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No check-ins in this period yet.")
            return
        slot = area.width() / len(self.buckets)
        bar = max(3.0, min(28.0, slot * 0.6))
        label_every = max(1, int(40 // slot) + 1)
        for index, bucket in enumerate(self.buckets):
            left = area.left() + index * slot + (slot - bar) / 2
            bottom = area.bottom()
            for zone in StressZone:
                count = zone_count(bucket, zone)
                if not count:
                    continue
                height = area.height() * count / top_value
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1))
                painter.setBrush(QColor(ZONE_SWATCH[zone]))
                painter.drawRect(QRectF(left, bottom - height, bar, height))
                bottom -= height
            if index % label_every == 0:
                painter.setPen(text)
                painter.drawText(
                    QRectF(area.left() + index * slot - 10, area.bottom() + 4, slot + 20, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    bucket_label(bucket, self.span),
                )
        if not any(b.total for b in self.buckets):
            painter.setPen(text)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No check-ins in this period yet.")


class TrendTable(QTableWidget):
    """The chart's numbers as a table (its accessible equivalent)."""

    HEADERS = (
        "Period",
        # Two lines each, so seven columns fit a small window at large text.
        *(f"{zone.label}\n({zone.colour})" for zone in StressZone),
        "Energy\n(avg)",
        "Sleep\n(avg)",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        self.setAccessibleName("Check-in trend table")
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def set_buckets(self, buckets: list[Any], span: str) -> None:
        self.setRowCount(len(buckets))
        for row, bucket in enumerate(reversed(buckets)):
            values = [bucket_title(bucket, span)]
            values += [str(zone_count(bucket, zone)) for zone in StressZone]
            values += [
                "–" if bucket.mean_energy is None else f"{bucket.mean_energy:.1f}",
                "–" if bucket.mean_sleep is None else f"{bucket.mean_sleep:.1f}",
            ]
            for column, value in enumerate(values):
                self.setItem(row, column, QTableWidgetItem(value))

    def cell_texts(self) -> list[list[str]]:
        return [
            [(cell.text() if (cell := self.item(r, c)) else "") for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]
