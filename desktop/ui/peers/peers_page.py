"""The Peers place: the people in my support network, found with the debriefs' search box.

A list on the left (search, then "Add peer"), the selected peer or the form on the
right. All vault work runs on the database lane through the page's ``VaultOps``; the
page follows peer change notices, so a catch-up logged elsewhere (or by sync) shows.
Peer names are content: they appear in widgets only, never in a title, log or status
line that outlives the vault being locked.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.peer import CatchUpWay, InvalidPeer, peer_details
from desktop.ui.common.look import column_in_ems
from desktop.ui.common.notices import follow_changes
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label
from desktop.ui.debriefs.search import SearchBox
from desktop.ui.peers.peer_card import PeerCard
from desktop.ui.peers.peer_form import PeerForm
from desktop.ui.peers.sharing_flow import (
    SHARING_PARTNER_PREFERENCE,
    SharingFlow,
    sharing_partner_state,
)
from desktop.vault.changes import Changed

EMPTY_TEXT = (
    "Peers are the colleagues you can talk things through with. Add the first one, "
    "with how to reach them and when."
)


class PeersPage(QWidget):
    """Peer contacts: list and search, view, add, edit, delete to the trash."""

    status = Signal(str)
    debrief_requested = Signal(str)  # open a debrief linked to a peer

    def __init__(self, ops: VaultOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self._selected: str | None = None
        self._editing: str | None = None  # the peer being edited; None: a new one
        self.search = SearchBox()
        self.search.setPlaceholderText("Search peers…")
        self.search.setAccessibleName("Search peers")
        self.search.setToolTip("Search names, roles, tags and notes (Ctrl+F). Esc clears.")
        self.list = QListWidget()
        self.list.setObjectName("PeerList")
        self.list.setAccessibleName("Peers")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = button("&Add peer…", "Add peer", primary=True)
        self.no_match = label("No peer matches your search.", "Muted")
        self.no_match.hide()
        self.empty = label(EMPTY_TEXT, "Muted")
        self.sharing = SharingFlow(self._ops, self)
        self.sharing.status.connect(self.status.emit)
        self.card = PeerCard()
        self.form = PeerForm()
        self.right = QStackedWidget()
        for widget in (self.empty, self.card, self.form):
            self.right.addWidget(widget)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)

        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.list, 1)
        left.addWidget(self.no_match)
        left.addWidget(self.add_button)
        columns = QHBoxLayout()
        columns.setSpacing(20)
        left_holder = QWidget()
        left_holder.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        column_in_ems(left_holder, (18, 280), (26, 330))
        columns.addWidget(left_holder, 2)
        columns.addWidget(self.right, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(label("Peers", "ScreenTitle"))
        layout.addWidget(
            label(
                "Your support network. Links open your phone or e-mail app; only notes "
                "you share with your sharing partner ever leave this computer.",
                "Muted",
            )
        )
        layout.addWidget(self.sharing.panel)
        layout.addLayout(columns, 1)

        self.search.query_changed.connect(lambda _: self.refresh())
        self.list.currentItemChanged.connect(lambda item, _: self._picked(item))
        self.add_button.clicked.connect(self.add_peer)
        self.form.saved.connect(self._save)
        self.form.cancelled.connect(self._cancel)
        self.card.edit_requested.connect(self.edit_selected)
        self.card.delete_requested.connect(self.delete_selected)
        self.card.catch_up_logged.connect(self._log_catch_up)
        self.card.debrief_requested.connect(self.debrief_requested.emit)
        self.card.partner_marked.connect(self._mark_partner)
        shown = (Changed.PEERS, Changed.CATCH_UPS, Changed.PEER_LINKS, Changed.DEBRIEFS)
        follow_changes(self, self._ops.notices, shown, self.refresh)
        follow_changes(
            self, self._ops.notices, (Changed.PAIRING, Changed.CHANNEL), self.sharing.refresh
        )

    # Loading.
    def refresh(self) -> None:
        self.sharing.refresh()
        query = self.search.text()
        self._ops.run(lambda v: v.peers.list(query), self._show_list)

    def _show_list(self, peers: list[Any]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        current = None
        for peer in peers:
            second = " · ".join(part for part in (peer.role, peer.organisation) if part)
            item = QListWidgetItem(peer.name + (f"\n{second}" if second else ""))
            item.setData(Qt.ItemDataRole.UserRole, peer.id)
            self.list.addItem(item)
            if peer.id == self._selected:
                current = item
        self.list.blockSignals(False)
        searching = bool(self.search.text().strip())
        self.no_match.setVisible(searching and not peers)
        if self.right.currentWidget() is self.form:
            return  # never replace what the user is typing
        if current is None and peers and not searching:
            current = self.list.item(0)
        if current is not None:
            self.list.setCurrentItem(current)
            self._picked(current)
        elif not peers and not searching:
            self._selected = None
            self.card.clear()
            self.right.setCurrentWidget(self.empty)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        peer_id = str(item.data(Qt.ItemDataRole.UserRole))
        self._selected = peer_id
        self.show_peer(peer_id)

    def show_peer(self, peer_id: str) -> None:
        """Load and show one peer (also used when Today or a card links to them)."""
        self._selected = peer_id
        self._ops.run(
            lambda v: (
                v.peers.get(peer_id),
                v.peers.catch_ups(peer_id),
                v.peer_links.of_peer(peer_id),
                sharing_partner_state(v),
            ),
            self._show_peer,
        )

    def _show_peer(self, loaded: tuple[Any, list[Any], Any, tuple[bool, str | None]]) -> None:
        peer, catch_ups, links, (paired, partner_id) = loaded
        if peer.id != self._selected or self.right.currentWidget() is self.form:
            return
        self.card.show_peer(peer, catch_ups, self._ops.today())
        self.card.show_links(links, self._ops.today())
        self.card.show_partner(paired, partner_id == peer.id)
        self.right.setCurrentWidget(self.card)

    def _mark_partner(self, peer_id: str) -> None:
        def mark(v: Any) -> None:
            v.set_preference(SHARING_PARTNER_PREFERENCE, peer_id)

        def marked(_: object) -> None:
            self.status.emit("Marked as your sharing partner.")
            self.show_peer(peer_id)
            self.sharing.refresh()

        self._ops.run(mark, marked, write=True)

    # Editing.
    def add_peer(self) -> None:
        self._editing = None
        self.form.load(None)
        self.right.setCurrentWidget(self.form)
        self.form.name.setFocus()

    def edit_selected(self) -> None:
        if self.card.peer is None:
            return
        self._editing = self.card.peer.id
        self.form.load(self.card.peer)
        self.right.setCurrentWidget(self.form)
        self.form.name.setFocus()

    def _save(self, values: dict[str, object]) -> None:
        try:
            details = peer_details(**values)
        except InvalidPeer as exc:
            self.form.show_problem(exc.user_message)
            return
        editing = self._editing

        def save(v: Any) -> Any:
            return v.peers.add(details) if editing is None else v.peers.update(editing, details)

        self._ops.run(save, self._saved, write=True)

    def _saved(self, peer: Any) -> None:
        self._selected = peer.id
        self.form.clear()
        self.right.setCurrentWidget(self.card)
        self.status.emit("Peer saved.")
        self.refresh()
        self.list.setFocus()

    def _cancel(self) -> None:
        self.form.clear()
        self.right.setCurrentWidget(self.card if self.card.peer is not None else self.empty)
        self.refresh()

    def delete_selected(self) -> None:
        if self.card.peer is None:
            return
        peer_id = self.card.peer.id
        self._selected = None
        self.card.clear()
        self._ops.run(lambda v: v.peers.delete(peer_id), self._deleted, write=True)

    def _deleted(self, _: object) -> None:
        self.status.emit("Moved to the trash. You can restore peers from Trash for 30 days.")
        self.refresh()

    def _log_catch_up(self, way: str, note: str, day: date) -> None:
        if self.card.peer is None:
            return
        peer_id = self.card.peer.id
        # Today: now, by the app's clock. An earlier day: its local midday (the hour is
        # not asked, and midday keeps the date whatever the time zone does).
        at = None if day >= self._ops.today() else datetime.combine(day, time(12)).astimezone()

        def logged(_: object) -> None:
            self.status.emit("Catch-up logged.")
            self.show_peer(peer_id)

        self._ops.run(
            lambda v: v.peers.log_catch_up(peer_id, CatchUpWay(way), note, at=at),
            logged,
            write=True,
        )

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def clear_content(self) -> None:
        self.list.clear()
        self.search.wipe()
        self.card.clear()
        self.form.clear()
        self._selected = None
