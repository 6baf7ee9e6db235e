"""The trash: restore a debrief, or delete it forever after a confirmation.

Deleted debriefs wait 30 days here; "Delete forever" removes every trace (the core
overwrites freed pages and checkpoints the WAL). The confirmation goes through the
app's message-box wrapper, so tests answer it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.ui.common.look import UNTITLED, day_label
from desktop.ui.common.messages import Button
from desktop.ui.common.notices import follow_changes
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label
from desktop.ui.peers.trashed_peers import TrashedPeers
from desktop.vault.changes import Changed


class TrashPage(QWidget):
    """Lists the trash, restores from it and deletes for good."""

    status = Signal(str)

    def __init__(self, ops: VaultOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self.list = QListWidget()
        self.list.setAccessibleName("Debriefs in the trash")
        self.list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.restore_button = button("&Restore", "Restore debrief")
        self.delete_button = button("&Delete forever…", "Delete debrief forever")
        self.empty_button = button("&Empty trash…", "Empty trash")
        self.empty_hint = label(
            "The trash is empty. Debriefs you delete wait here for 30 days.", "Muted"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(label("Trash", "ScreenTitle"))
        layout.addWidget(
            label(
                "Restore a debrief, or delete it forever. After 30 days it goes by itself.", "Muted"
            )
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_hint)
        layout.addLayout(buttons)
        # Deleted peers wait here too (issue 14); the section hides itself when empty.
        self.peers = TrashedPeers(ops)
        self.peers.status.connect(self.status.emit)
        layout.addWidget(self.peers)
        layout.addStretch(0)
        self.restore_button.clicked.connect(self.restore_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.empty_button.clicked.connect(self.empty_trash)
        self.list.currentRowChanged.connect(lambda _: self._update_buttons())
        self._update_buttons()
        follow_changes(self, self._ops.notices, (Changed.DEBRIEFS,), self.refresh)

    def refresh(self) -> None:
        self._ops.run(lambda v: v.trash.list(), self._show)
        self.peers.refresh()

    def _show(self, trashed: list[Any]) -> None:
        self.list.clear()
        for entry in trashed:
            text = (
                f"{entry.summary.title or UNTITLED}\n"
                f"deleted {day_label(entry.trashed_at)} · removed for good "
                f"on {day_label(entry.purge_at)}"
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.summary.id)
            self.list.addItem(item)
        if trashed:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_items = self.list.count() > 0
        self.empty_hint.setVisible(not has_items)
        self.list.setVisible(has_items)
        for widget in (self.restore_button, self.delete_button):
            widget.setEnabled(self.list.currentItem() is not None)
        self.empty_button.setEnabled(has_items)

    def _selected_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def restore_selected(self) -> None:
        debrief_id = self._selected_id()
        if debrief_id is None:
            return

        def restored(_: object) -> None:
            self.status.emit("Restored to Debriefs.")
            self.refresh()

        self._ops.run(lambda v: v.trash.restore(debrief_id), restored, write=True)

    def delete_selected(self) -> None:
        debrief_id = self._selected_id()
        if debrief_id is None:
            return
        answer = self._ops.context.messages.ask(
            self.window(),  # the window, so a lock while it is open cannot destroy it
            "Delete forever?",
            "This debrief will be removed for good, with its tags, action points and "
            "check-in link. It cannot be brought back.",
            Button.Yes | Button.Cancel,
            Button.Cancel,
        )
        if answer != Button.Yes:
            return
        self._ops.run(lambda v: v.trash.delete_forever(debrief_id), self._deleted, write=True)

    def empty_trash(self) -> None:
        answer = self._ops.context.messages.ask(
            self.window(),  # the window, so a lock while it is open cannot destroy it
            "Empty the trash?",
            f"All {self.list.count()} debriefs in the trash will be removed for good. "
            "They cannot be brought back.",
            Button.Yes | Button.Cancel,
            Button.Cancel,
        )
        if answer == Button.Yes:
            self._ops.run(lambda v: v.trash.empty(), self._deleted, write=True)

    def _deleted(self, _: object) -> None:
        self.status.emit("Deleted for good.")
        self.refresh()

    def clear_content(self) -> None:
        self.list.clear()
        self.peers.clear_content()
