"""Make or change your own template: a name, a few words on its use, and its fields.

Opens window-modal with ``open()`` and reports the answer in ``saved(name, description,
minutes, fields)``; fields are ``(id or None, heading, prompt, holds_actions)``, so an
edited field keeps its id (debriefs keep the version they were written with anyway).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.widgets import button, label, mark_sensitive

MAX_FIELDS = 30


class FieldRow:
    """The widgets for one field of the template being edited."""

    def __init__(self, field_id: str | None, heading: str, prompt: str, actions: bool):
        self.field_id = field_id
        self.heading = mark_sensitive(QLineEdit(heading))
        self.heading.setPlaceholderText("Heading")
        self.heading.setAccessibleName("Field heading")
        self.prompt = mark_sensitive(QLineEdit(prompt))
        self.prompt.setPlaceholderText("A short prompt (optional)")
        self.prompt.setAccessibleName("Field prompt")
        self.actions = QCheckBox("Action points")
        self.actions.setChecked(actions)
        self.actions.setToolTip("Show an action-point checklist under this field")
        self.remove: QPushButton = button("Remove", "Remove this field", link=True)

    def widgets(self) -> list[QWidget]:
        return [self.heading, self.prompt, self.actions, self.remove]

    def value(self) -> tuple[str | None, str, str, bool]:
        return (
            self.field_id,
            " ".join(self.heading.text().split()),
            self.prompt.text().strip(),
            self.actions.isChecked(),
        )


class TemplateEditor(QDialog):
    """Edits one template's name, description, time and fields."""

    saved = Signal(str, str, int, list)

    def __init__(self, parent: QWidget | None, template: Any = None, *, title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or "Your template")
        self.setAccessibleName(self.windowTitle())
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.name = mark_sensitive(QLineEdit("" if template is None else template.name))
        self.name.setAccessibleName("Template name")
        self.description = mark_sensitive(
            QLineEdit("" if template is None else template.description)
        )
        self.description.setAccessibleName("What the template is for")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 240)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Estimated minutes")
        self.minutes.setValue(10 if template is None else template.estimated_minutes)
        self.rows: list[FieldRow] = []
        self._grid = QGridLayout()
        self.add_field_button = button("Add a field", "Add a field")
        self.problem = label("", "Error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(label("&Name", buddy=self.name))
        layout.addWidget(self.name)
        layout.addWidget(label("&What it is for", buddy=self.description))
        layout.addWidget(self.description)
        layout.addWidget(label("About how &long it takes", buddy=self.minutes))
        layout.addWidget(self.minutes)
        layout.addWidget(label("Fields, in order", "Muted"))
        layout.addLayout(self._grid)
        layout.addWidget(self.add_field_button)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        fields = () if template is None else template.fields
        for field in fields:
            self.add_field(field.id, field.heading, field.prompt, field.holds_actions)
        if not fields:
            self.add_field()
        self.add_field_button.clicked.connect(lambda: self.add_field())
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(640)
        self.name.setFocus()  # a dialog opens on its first field

    def add_field(
        self,
        field_id: str | None = None,
        heading: str = "",
        prompt: str = "",
        actions: bool = False,
    ) -> FieldRow:
        row = FieldRow(field_id, heading, prompt, actions)
        index = len(self.rows)
        for column, widget in enumerate(row.widgets()):
            self._grid.addWidget(widget, index, column)
        row.remove.clicked.connect(lambda: self._remove(row))
        self.rows.append(row)
        self.add_field_button.setEnabled(len(self.rows) < MAX_FIELDS)
        row.heading.setFocus()
        return row

    def _remove(self, row: FieldRow) -> None:
        if len(self.rows) == 1:
            self.problem.setText("A template needs at least one field.")
            return
        self.rows.remove(row)
        for widget in row.widgets():
            widget.hide()
            widget.deleteLater()

    def _save(self) -> None:
        name = " ".join(self.name.text().split())
        fields = [row.value() for row in self.rows if row.value()[1]]
        if not name:
            self.problem.setText("Give the template a name.")
            return
        if not fields:
            self.problem.setText("Give at least one field a heading.")
            return
        self.saved.emit(name, self.description.text().strip(), self.minutes.value(), fields)
        self.accept()
