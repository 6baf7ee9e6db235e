"""The form for adding or editing a peer: every field a clinician might keep about them.

The form holds content (names, notes), so every text field is marked sensitive, and
``clear`` empties it on lock. It validates through the model (``peer_details``) and
reports the model's own sentence; it never touches the vault itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.look import emphasise
from desktop.ui.common.widgets import button, label, mark_sensitive

# (label, days): a calm rhythm; None means no reminder.
RHYTHMS: tuple[tuple[str, int | None], ...] = (
    ("No reminder", None),
    ("Every week", 7),
    ("Every 2 weeks", 14),
    ("Every 3 weeks", 21),
    ("Every month", 30),
    ("Every 2 months", 61),
    ("Every 3 months", 91),
)


def rhythm_label(days: int | None) -> str:
    for text, value in RHYTHMS:
        if value == days:
            return text
    return f"Every {days} days"


class PeerForm(QWidget):
    """Fields for one peer; ``saved(values)`` with a dict for ``peer_details``."""

    saved = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = emphasise(label("New peer", "SectionTitle"), 1)
        self.name = self._line("Name", "Their name")
        self.role = self._line("Role", "e.g. Psychologist, team lead")
        self.organisation = self._line("Organisation", "Where they work")
        self.phone = self._line("Phone", "e.g. +44 20 7946 0000")
        self.email = self._line("E-mail", "name@example.org")
        self.handle = self._line("Messaging", "e.g. Signal: @sam.k")
        self.availability = self._line("Usually available", "e.g. weekday evenings")
        self.tags = self._line("Tags", "Separate tags with commas")
        self.call_when_hard = QCheckBox("I can call them when it is hard")
        self.call_when_hard.setToolTip(
            "They show on Today and on the heavy-week card, beside the crisis lines."
        )
        self.rhythm = QComboBox()
        self.rhythm.setAccessibleName("Catch up")
        for text, days in RHYTHMS:
            self.rhythm.addItem(text, days)
        self.notes = mark_sensitive(QPlainTextEdit())
        self.notes.setAccessibleName("Private notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)
        self.error = label("", "Error")
        self.error.setAccessibleName("Problem")
        self.error.hide()
        self.save_button = button("&Save peer", "Save peer", primary=True)
        self.cancel_button = button("Cancel", "Cancel editing")

        form = QFormLayout()
        # Labels above their fields: nothing is squeezed at 150% text or in a narrow pane.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget in (
            ("&Name", self.name),
            ("&Role", self.role),
            ("&Organisation", self.organisation),
            ("&Phone", self.phone),
            ("&E-mail", self.email),
            ("&Messaging", self.handle),
            ("Usually &available", self.availability),
            ("&Tags", self.tags),
        ):
            form.addRow(label(text, wrap=False, buddy=widget, plain=False), widget)
        form.addRow("", self.call_when_hard)
        form.addRow(label("Catch &up", wrap=False, buddy=self.rhythm, plain=False), self.rhythm)
        form.addRow(label("Private n&otes", wrap=False, buddy=self.notes, plain=False), self.notes)
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.addWidget(self.heading)
        inner.addLayout(form)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        self.name.returnPressed.connect(self._save)
        # Esc leaves the form without saving, as Cancel does (keyboard only).
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.cancelled.emit)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = mark_sensitive(QLineEdit())
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def load(self, peer: Any | None) -> None:
        """Fill the form from a peer, or empty it for a new one."""
        self.heading.setText("New peer" if peer is None else "Edit peer")
        self.error.hide()
        for edit, field in (
            (self.name, "name"),
            (self.role, "role"),
            (self.organisation, "organisation"),
            (self.phone, "phone"),
            (self.email, "email"),
            (self.handle, "handle"),
            (self.availability, "availability"),
        ):
            edit.setText("" if peer is None else getattr(peer, field))
            edit.setCursorPosition(0)  # show the start of a long value, not its tail
        self.tags.setText("" if peer is None else ", ".join(peer.tags))
        self.tags.setCursorPosition(0)
        self.notes.setPlainText("" if peer is None else peer.notes)
        self.call_when_hard.setChecked(False if peer is None else peer.call_when_hard)
        days = None if peer is None else peer.rhythm_days
        index = self.rhythm.findData(days)
        if index < 0:
            self.rhythm.addItem(rhythm_label(days), days)
            index = self.rhythm.count() - 1
        self.rhythm.setCurrentIndex(index)
        self.name.setFocus()

    def values(self) -> dict[str, object]:
        return {
            "name": self.name.text(),
            "role": self.role.text(),
            "organisation": self.organisation.text(),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "handle": self.handle.text(),
            "availability": self.availability.text(),
            "tags": [tag for tag in self.tags.text().split(",") if tag.strip()],
            "call_when_hard": self.call_when_hard.isChecked(),
            "rhythm_days": self.rhythm.currentData(),
            "notes": self.notes.toPlainText(),
        }

    def _save(self) -> None:
        self.saved.emit(self.values())

    def show_problem(self, sentence: str) -> None:
        """The model's own sentence (never the typed text)."""
        self.error.setText(sentence)
        self.error.show()

    def clear(self) -> None:
        self.load(None)
