"""Choosing a template for a new debrief: Ctrl+N, then arrows and Enter (Esc goes back)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.ui.common.widgets import button, label


class TemplateList(QListWidget):
    """The list itself: Enter chooses, Escape cancels."""

    chosen = Signal()
    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.chosen.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class TemplatePicker(QWidget):
    """Lists the templates (name, time, purpose, attribution); emits the one chosen."""

    chosen = Signal(object)  # Template
    cancelled = Signal()
    new_template = Signal()
    duplicate_requested = Signal(object)
    edit_requested = Signal(object)
    retire_requested = Signal(object)
    restore_requested = Signal()  # bring retired templates back

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.templates: list[Any] = []
        self.list = TemplateList()
        self.list.setAccessibleName("Templates")
        self.list.setObjectName("TemplateList")
        self.list.setWordWrap(True)
        self.list.setSpacing(6)
        self.attribution = label("", "Muted")
        self.attribution.setAccessibleName("Template attribution")
        self.start_button = button("&Start writing", "Start writing", primary=True)
        self.cancel_button = button("Cancel")
        self.new_template_button = button("New template…", "Make a new template", link=True)
        self.duplicate_button = button("Duplicate…", "Duplicate this template", link=True)
        self.edit_button = button("Edit…", "Edit this template", link=True)
        self.retire_button = button("Retire", "Retire this template", link=True)
        self.retire_button.setToolTip(
            "Hide it from New debrief; debriefs written with it are unchanged"
        )
        self.restore_button = button(
            "Bring back retired", "Bring back retired templates", link=True
        )
        self.restore_button.setToolTip("Offer the templates you retired (shipped ones too) again")
        self.restore_button.setVisible(False)
        buttons = QHBoxLayout()
        for manage in (
            self.new_template_button,
            self.duplicate_button,
            self.edit_button,
            self.retire_button,
            self.restore_button,
        ):
            buttons.addWidget(manage)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(label("Start a new debrief", "ScreenTitle"))
        layout.addWidget(
            label("Choose a structure with the arrow keys, then press Enter.", "Muted")
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(self.attribution)
        layout.addLayout(buttons)
        self.setMaximumWidth(760)
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.chosen.connect(self.choose_current)
        self.list.itemDoubleClicked.connect(lambda _: self.choose_current())
        self.list.cancelled.connect(self.cancelled.emit)
        self.start_button.clicked.connect(self.choose_current)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        self.new_template_button.clicked.connect(self.new_template.emit)
        self.duplicate_button.clicked.connect(lambda: self._emit_for(self.duplicate_requested))
        self.edit_button.clicked.connect(lambda: self._emit_for(self.edit_requested))
        self.retire_button.clicked.connect(lambda: self._emit_for(self.retire_requested))
        self.restore_button.clicked.connect(self.restore_requested.emit)

    def current(self) -> Any:
        row = self.list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def _emit_for(self, signal: Any) -> None:
        template = self.current()
        if template is not None:
            signal.emit(template)

    def set_templates(self, templates: list[Any]) -> None:
        self.templates = list(templates)
        self.list.clear()
        for template in self.templates:
            text = f"{template.name}  —  about {template.estimated_minutes} min"
            if template.description:
                text += f"\n{template.description}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ". "))
            self.list.addItem(item)
        if self.templates:
            self.list.setCurrentRow(0)

    def set_retired(self, count: int) -> None:
        self.restore_button.setVisible(count > 0)

    def focus(self) -> None:
        self.list.setFocus()

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.templates):
            template = self.templates[row]
            self.attribution.setText(
                " ".join(x for x in (template.attribution, template.licence) if x)
            )
            # Shipped templates are duplicated, not edited: no link that does nothing.
            self.edit_button.setVisible(not template.builtin)

    def choose_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.templates):
            self.chosen.emit(self.templates[row])
