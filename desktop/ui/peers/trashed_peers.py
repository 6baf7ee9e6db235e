"""Peers in the trash, shown on the Trash page under the debriefs: restore or delete
for good. They wait 30 days, like debriefs, then go at the next unlock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.ui.common.look import day_label, emphasise
from desktop.ui.common.messages import Button
from desktop.ui.common.notices import follow_changes
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label
from desktop.vault.changes import Changed
from desktop.vault.peers import TRASH_RETENTION


class TrashedPeers(QWidget):
    """A short list of deleted peers with Restore and Delete forever; hidden when empty."""

    status = Signal(str)

    def __init__(self, ops: VaultOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self.list = QListWidget()
        self.list.setAccessibleName("Peers in the trash")
        self.list.setMaximumHeight(160)
        self.restore_button = button("Restore &peer", "Restore peer")
        self.delete_button = button("Delete peer forever…", "Delete peer forever")
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(emphasise(label("Peers", "SectionTitle"), 1))
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.restore_button.clicked.connect(self.restore_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.hide()
        follow_changes(self, self._ops.notices, (Changed.PEERS,), self.refresh)

    def refresh(self) -> None:
        self._ops.run(lambda v: v.peers.trashed(), self._show)

    def _show(self, peers: list[Any]) -> None:
        self.list.clear()
        for peer in peers:
            item = QListWidgetItem(
                f"{peer.name}\ndeleted {day_label(peer.trashed_at)} · removed for good on "
                f"{day_label(peer.trashed_at + TRASH_RETENTION)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, peer.id)
            self.list.addItem(item)
        if peers:
            self.list.setCurrentRow(0)
        self.setVisible(bool(peers))

    def _selected_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def restore_selected(self) -> None:
        peer_id = self._selected_id()
        if peer_id is None:
            return

        def restored(_: object) -> None:
            self.status.emit("Restored to Peers.")
            self.refresh()

        self._ops.run(lambda v: v.peers.restore(peer_id), restored, write=True)

    def delete_selected(self) -> None:
        peer_id = self._selected_id()
        if peer_id is None:
            return
        answer = self._ops.context.messages.ask(
            self.window(),
            "Delete forever?",
            "This peer will be removed for good, with their catch-ups and links. "
            "It cannot be brought back.",
            Button.Yes | Button.Cancel,
            Button.Cancel,
        )
        if answer != Button.Yes:
            return

        def deleted(_: object) -> None:
            self.status.emit("Deleted for good.")
            self.refresh()

        self._ops.run(lambda v: v.peers.delete_forever(peer_id), deleted, write=True)

    def clear_content(self) -> None:
        self.list.clear()
