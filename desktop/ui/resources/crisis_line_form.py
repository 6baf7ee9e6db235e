"""An inline form for one of my own crisis lines (never a dialog): service, country,
how to reach it, hours, source and the month it was checked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLineEdit, QVBoxLayout

from desktop.ui.common.look import emphasise
from desktop.ui.common.widgets import button, label, mark_sensitive

FIELDS = (
    ("service", "&Service", "e.g. Riverside staff support line"),
    ("country", "C&ountry", "e.g. United Kingdom"),
    ("how", "&How to reach it", "e.g. call 020 7946 0100, or text 85258"),
    ("hours", "Hou&rs", "e.g. 24/7, or weekdays 9:00–17:00"),
    ("source", "So&urce", "Where the facts come from: a web address, the clinic intranet"),
    ("checked", "Chec&ked", "The month you checked it, like 2026-11"),
)


class CrisisLineForm(QFrame):
    """Fields for one line; ``saved(values)`` with a dict for ``crisis_line``."""

    saved = Signal(object)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.setAccessibleName("Your crisis line")
        self.heading = emphasise(label("Add a line", "SectionTitle"), 1)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(4)
        for field, text, placeholder in FIELDS:
            edit = mark_sensitive(QLineEdit())
            edit.setAccessibleName(text.replace("&", ""))
            edit.setPlaceholderText(placeholder)
            edit.returnPressed.connect(self._save)
            self.edits[field] = edit
            form.addRow(label(text, wrap=False, buddy=edit, plain=False), edit)
        self.error = label("", "Error")
        self.error.hide()
        self.save_button = button("Save line", "Save crisis line", primary=True)
        self.cancel_button = button("Cancel", "Cancel editing the line")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.cancelled.emit)
        self.hide()

    def load(self, line: Any | None, checked_default: str) -> None:
        self.heading.setText("Add a line" if line is None else "Edit your line")
        self.error.hide()
        for field, edit in self.edits.items():
            edit.setText("" if line is None else str(getattr(line, field)))
            edit.setCursorPosition(0)
        if line is None:
            self.edits["checked"].setText(checked_default)
        self.show()
        self.edits["service"].setFocus()

    def values(self) -> dict[str, str]:
        return {field: edit.text().strip() for field, edit in self.edits.items()}

    def _save(self) -> None:
        self.saved.emit(self.values())

    def show_problem(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.show()

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        self.hide()
