"""Shared → Deleted notes…: the Shared place's trash, and restoring for both partners.

A shared note deleted here or by the partner keeps its text in this vault (a tombstone
syncs, the text stays). Restoring is a new edit, so it wins over the tombstone on both
sides. A child of the Shared page: a lock destroys it with what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.widgets import button, label, mark_sensitive

if TYPE_CHECKING:
    from desktop.ui.common.ops import VaultOps

EMPTY = "No deleted shared notes."


class DeletedNotesDialog(QDialog):
    """Deleted shared notes, read-only, with "Restore for both of us"."""

    restore_requested = Signal(str)  # a note id

    def __init__(self, ops: VaultOps, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Deleted shared notes")
        self.setAccessibleName("Deleted shared notes")
        self._ops = ops
        self._notes: dict[str, Any] = {}
        self.list = QListWidget()
        self.list.setObjectName("PeerList")  # roomy rows, as the other lists
        self.list.setAccessibleName("Deleted shared notes")
        self.list.setWordWrap(True)
        self.text = mark_sensitive(QPlainTextEdit())
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Deleted note's text")
        self.empty = label(EMPTY, "Muted")
        self.restore_button = button("&Restore for both of us", primary=True)
        self.restore_button.setEnabled(False)
        self.close_button = button("Close")
        columns = QHBoxLayout()
        columns.addWidget(self.list, 2)
        columns.addWidget(self.text, 3)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Deleted shared notes", "ScreenTitle"))
        layout.addWidget(
            label(
                "Deleted by you or your partner. Restoring brings a note back for both of you.",
                "Muted",
            )
        )
        layout.addWidget(self.empty)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        self.list.currentItemChanged.connect(lambda item, _: self._picked(item))
        self.restore_button.clicked.connect(self._restore)
        self.close_button.clicked.connect(self.reject)
        self.setMinimumWidth(min(40 * self.fontMetrics().horizontalAdvance("m"), 640))
        self.refresh()

    def refresh(self) -> None:
        self._ops.run(lambda v: v.shared_notes.list(deleted=True), self._show)

    def _show(self, notes: list[Any]) -> None:
        self._notes = {note.id: note for note in notes}
        self.list.clear()
        for note in notes:
            item = QListWidgetItem(note.title or "Untitled")
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.list.addItem(item)
        self.empty.setVisible(not notes)
        self.text.clear()
        self.restore_button.setEnabled(False)
        if notes:
            self.list.setCurrentRow(0)
            self.list.setFocus()

    def _picked(self, item: QListWidgetItem | None) -> None:
        note = None if item is None else self._notes.get(str(item.data(Qt.ItemDataRole.UserRole)))
        self.text.setPlainText("" if note is None else note.body)
        self.restore_button.setEnabled(note is not None)

    def _restore(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.restore_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
            self.accept()

    def done(self, result: int) -> None:
        self.text.clear()  # content: gone once the dialog closes
        self.list.clear()
        super().done(result)


def open_deleted_notes(
    ops: VaultOps, parent: QWidget, restore: Callable[[str], None]
) -> DeletedNotesDialog:
    """Open the dialog (window-modal, no nested event loop); ``restore(note_id)`` on choice."""
    dialog = DeletedNotesDialog(ops, parent)
    dialog.restore_requested.connect(restore)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def ask_to_delete(ops: VaultOps, parent: QWidget, count: int) -> bool:
    """The one question before shared notes are deleted for both partners."""
    from desktop.ui.common.messages import Button

    what = "this note" if count == 1 else f"these {count} notes"
    answer = ops.context.messages.ask(
        parent,
        "Delete for both of you?",
        f"Delete {what} in your vault and, when it next syncs, in your partner's? "
        "Deleted notes are kept under Deleted notes on both sides and can be restored.",
    )
    return bool(answer == Button.Yes)
