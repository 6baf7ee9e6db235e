"""A check box whose text wraps: action points are sentences, and a QCheckBox never wraps
(long ones ran off the pane or pushed it sideways). The box and a word-wrapped label
act as one control: a click anywhere on it toggles it, Space too."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from desktop.ui.common.widgets import label


class WrappingCheckBox(QWidget):
    """A check box with wrapped text; ``toggled(bool)`` as QCheckBox's."""

    toggled = Signal(bool)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setAccessibleName(text)
        self.text_label = label(text)
        self.text_label.setBuddy(self.box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text_label, 1)
        self.setFocusProxy(self.box)
        self.box.toggled.connect(self.toggled.emit)

    def text(self) -> str:
        return self.text_label.text()

    def setText(self, text: str) -> None:
        self.text_label.setText(text)

    def isChecked(self) -> bool:
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:
        self.box.setChecked(checked)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.box.setAccessibleName(name)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.box.toggle()
        super().mouseReleaseEvent(event)
