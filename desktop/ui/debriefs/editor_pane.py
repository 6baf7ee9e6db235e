"""The right-hand side of Debriefs: an empty state, the template picker, or the editor
with its Export and Move-to-trash buttons — one at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label
from desktop.ui.debriefs.editor import DebriefEditor
from desktop.ui.debriefs.template_picker import TemplatePicker

EMPTY_TEXT = (
    "Debriefs are private notes about hard cases and shifts, kept encrypted on this "
    "computer. Start one with New debrief (Ctrl+N)."
)


class EditorPane(QStackedWidget):
    """Holds the three states of the editor side."""

    def __init__(self, ops: VaultOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_state = label(EMPTY_TEXT, "Muted")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setMargin(32)
        self.picker = TemplatePicker()
        self.editor = DebriefEditor(ops)
        self.export_button = button("&Export…", "Export debriefs")
        self.export_button.setToolTip("Export this debrief or the selected ones (Ctrl+E)")
        self.trash_button = button("Move to &trash", "Move debrief to trash")
        self.trash_button.setToolTip("Move to trash (Delete in the list); restorable for 30 days")
        self.editor_page = QWidget()
        editor_layout = QVBoxLayout(self.editor_page)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        tools.setContentsMargins(12, 6, 12, 0)
        tools.addStretch(1)
        tools.addWidget(self.export_button)
        tools.addWidget(self.trash_button)
        editor_layout.addLayout(tools)
        editor_layout.addWidget(self.editor, 1)
        for page in (self.empty_state, self.picker, self.editor_page):
            self.addWidget(page)
        self.setCurrentWidget(self.empty_state)
