"""The "Talked it through with …" row: link a debrief (in its editor) or a check-in
(on the Check-ins page) to peers.

"Choose peers…" opens a menu of checkable peers (keyboard: arrows and Space/Enter);
each change is saved at once through the runner. For a debrief it goes after the
debrief's own first save (``ensure_saved``), so a new debrief can be linked before
anything else is typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QWidget

from desktop.ui.common.notices import follow_changes
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label
from desktop.vault.changes import Changed

if TYPE_CHECKING:
    from desktop.vault import Vault

NOBODY = "Talked it through with: nobody yet"


class TalkedWith(QWidget):
    """Shows the debrief's peers and lets the user change them."""

    peer_requested = Signal(str)

    def __init__(
        self,
        ops: VaultOps,
        ensure_saved: Callable[[], Any] | None = None,
        *,
        checkins: bool = False,
    ) -> None:
        super().__init__()
        self._ops = ops.bound_to(self)
        self._ensure_saved = ensure_saved
        self._checkins = checkins  # links the check-in chosen with ``show_checkin``
        self._item_id: str | None = None
        self.linked: list[Any] = []
        self.text = label(NOBODY, "Muted")
        self.text.setAccessibleName("Peers you talked it through with")
        self.choose_button = button("Choose &peers…", "Choose peers you talked it through with")
        self.menu: QMenu | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.choose_button)
        self.choose_button.clicked.connect(self.open_menu)
        follow_changes(self, self._ops.notices, (Changed.PEER_LINKS, Changed.PEERS), self.reload)

    def show_debrief(self, debrief_id: str | None) -> None:
        """Load the links of the debrief now open (None: a new one, not saved yet)."""
        self._item_id = debrief_id
        self._show([])
        self.reload()

    def show_checkin(self, checkin_id: str | None) -> None:
        """Load the links of the chosen check-in (None: nothing chosen)."""
        self._item_id = checkin_id
        self._show([])
        self.choose_button.setEnabled(checkin_id is not None)
        self.reload()

    def reload(self) -> None:
        item_id = self._item_id
        if item_id is None:
            return
        if self._checkins:
            self._ops.run(lambda v: v.peer_links.of_checkin(item_id), self._loaded_for(item_id))
        else:
            self._ops.run(lambda v: v.peer_links.of_debrief(item_id), self._loaded_for(item_id))

    def _loaded_for(self, debrief_id: str) -> Callable[[list[Any]], None]:
        def loaded(refs: list[Any]) -> None:
            if debrief_id == self._item_id:
                self._show(refs)

        return loaded

    def _show(self, refs: list[Any]) -> None:
        self.linked = list(refs)
        names = ", ".join(ref.name for ref in refs)
        self.text.setText(f"Talked it through with: {names}" if refs else NOBODY)

    def open_menu(self) -> None:
        """Load the peers, then show them as checkable entries under the button."""
        self._ops.run(lambda v: v.peers.list(), self._pop_up)

    def _pop_up(self, peers: list[Any]) -> None:
        menu = QMenu(self)
        menu.setAccessibleName("Peers")
        linked = {ref.id for ref in self.linked}
        if not peers:
            empty = menu.addAction("No peers yet: add them in Peers")
            empty.setEnabled(False)
        for peer in peers:
            action = menu.addAction(peer.name)
            action.setCheckable(True)
            action.setChecked(peer.id in linked)
            action.toggled.connect(lambda on, p=peer.id: self.toggle(p, on))
        self.menu = menu
        menu.aboutToHide.connect(self._menu_closed)
        menu.popup(self.choose_button.mapToGlobal(self.choose_button.rect().bottomLeft()))

    def _menu_closed(self) -> None:
        menu, self.menu = self.menu, None
        if menu is not None:
            menu.deleteLater()

    def toggle(self, peer_id: str, on: bool) -> None:
        """Link or unlink one peer (saving the debrief first if it is new)."""
        ids = [ref.id for ref in self.linked if ref.id != peer_id] + ([peer_id] if on else [])
        if self._checkins:
            checkin_id = self._item_id
            if checkin_id is not None:
                self._ops.run(
                    lambda v: (checkin_id, v.peer_links.set_for_checkin(checkin_id, ids)),
                    self._stored,
                    write=True,
                )
            return
        assert self._ensure_saved is not None
        handle = self._ensure_saved()

        def store(vault: Vault) -> Any:
            if handle.id is None:
                return None  # the first save failed; the editor already says so
            return handle.id, vault.peer_links.set_for_debrief(handle.id, ids)

        self._ops.run(store, self._stored, write=True)

    def _stored(self, stored: tuple[str, list[Any]] | None) -> None:
        if stored is not None:
            self._item_id, refs = stored
            self._show(refs)

    def clear(self) -> None:
        self._item_id = None
        self.linked = []
        self.text.setText("")
        if self.menu is not None:
            self.menu.close()
