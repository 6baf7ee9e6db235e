"""The neutral screen a session ends on: thanks, equal time, and an optional reflection.

It never shows who spoke how long, who passed or who gave time back: that would rank
people, against the equality of listening the format exists for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from desktop.ui.common.widgets import button, label
from desktop.ui.listening import words


class EndPage(QWidget):
    """Thanks; "Write a private reflection…" (optionally naming those present); Close."""

    reflect = Signal(bool)  # whether to include the names of those present
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("", "ScreenTitle")
        self.title.setAccessibleName("Session ended")
        self.equal_label = label("")
        self.equal_label.setAccessibleName("Equal turns")
        self.offer = label(words.REFLECTION_OFFER, "Muted")
        self.with_names = QCheckBox("Include the first names of those present")
        self.with_names.setAccessibleName("Include the first names of those present")
        self.reflect_button = button("Write a private reflection…", primary=True)
        self.close_button = button("Close")
        self.message = label("")
        self.message.setAccessibleName("Reflection status")
        self.reflect_button.clicked.connect(lambda: self.reflect.emit(self.with_names.isChecked()))
        self.close_button.clicked.connect(self.close_requested.emit)

        buttons = QHBoxLayout()
        buttons.addWidget(self.reflect_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addStretch(1)
        for widget in (self.title, self.equal_label, self.offer, self.with_names):
            column.addWidget(widget)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addStretch(2)

        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(640)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)

    def show_end(self, *, completed: bool) -> None:
        self.title.setText(words.FINISHED_TITLE if completed else words.LEFT_EARLY_TITLE)
        self.equal_label.setText(words.FINISHED_EQUAL if completed else words.LEFT_EARLY)
        self.message.setText("")
        self.reflect_button.setFocus()

    def say(self, text: str) -> None:
        self.message.setText(text)
