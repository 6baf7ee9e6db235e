"""The unlocked vault's content: a sidebar of places and the page for each place.

This replaces the shell's placeholder view and keeps its small contract with the window:
``failed``/``status`` signals, ``new_debrief``, ``go_to_place``, ``save_pending`` and
``clear_content`` (which empties every widget holding content before it is destroyed
on lock).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.sentences import UserSentence
from desktop.ui.actions.actions_page import ActionsPage
from desktop.ui.backup.backup_flow import BackupFlow
from desktop.ui.backup.reminder_menu import backup_reminder_menu
from desktop.ui.checkins.checkin_flow import CheckInFlow
from desktop.ui.checkins.checkins_page import CheckInsPage
from desktop.ui.checkins.heavy_week import follow_heavy_week_choices
from desktop.ui.common.banner import Banner
from desktop.ui.common.context import AppContext
from desktop.ui.common.look import roomy
from desktop.ui.common.notices import VaultNotices
from desktop.ui.common.ops import VaultOps, VaultSlot
from desktop.ui.common.shortcut_keeper import ShortcutKeeper
from desktop.ui.common.widgets import label
from desktop.ui.debriefs.debriefs_page import DebriefsPage
from desktop.ui.export.export_flow import ExportFlow
from desktop.ui.identifiers.watch_list_dialog import WatchListDialog
from desktop.ui.peers.peers_page import PeersPage
from desktop.ui.resources.crisis_directory import CrisisDirectoryPage
from desktop.ui.shared.channel_access import VaultChannelAccess
from desktop.ui.shared.channel_runner import ChannelRunner
from desktop.ui.shared.share_debrief import ShareDebriefFlow
from desktop.ui.shared.shared_page import SharedPage
from desktop.ui.shell.places import PLACES, Place
from desktop.ui.shell.vault_actions import vault_actions
from desktop.ui.today.today_page import TodayPage
from desktop.ui.trash.trash_page import TrashPage

if TYPE_CHECKING:
    from collections.abc import Iterator

    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")


class MainView(QWidget):
    """Sidebar and pages for one open vault; Today is the landing page."""

    failed = Signal(object)  # errors the window handles (damage, lock, bugs)
    status = Signal(str)
    undo_offered = Signal(str, object)  # what was done, and a callable that undoes it

    def __init__(
        self,
        context: AppContext,
        vault: Vault | None,
        parent: QWidget | None = None,
        *,
        build_later: bool = False,
    ) -> None:
        """Build the places; with ``vault=None`` they wait, empty, for ``attach``.

        ``build_later`` leaves the places to ``building``, one step per place, so the
        window can spread them over event-loop turns while the key is derived (the busy
        indicator keeps moving); ``attach`` finishes whatever is left.
        """
        super().__init__(parent)
        self.context = context
        self.notices = VaultNotices(None, self)
        self.slot = VaultSlot()
        self.ops = VaultOps(context, self.slot, self._error, self.notices, owner=self)
        self._pages: dict[Place, QWidget] = {}
        self._build_frame()
        self.building: Iterator[None] = self._build_places()
        if not build_later:
            self.finish_building()
        if vault is not None:
            self.attach(vault)

    def finish_building(self) -> None:
        for _ in self.building:
            pass

    def _build_frame(self) -> None:
        """The sidebar, the banner and the empty stack the places go into."""
        sidebar = QWidget()
        sidebar.setObjectName("Sidebar")
        self.places = QListWidget()
        self.places.setObjectName("SidebarPlaces")
        self.places.setAccessibleName("Places")
        for place in PLACES:
            item = roomy(QListWidgetItem(place.title), self.places)
            item.setToolTip(f"{place.title} ({place.shortcut})")
            self.places.addItem(item)
        self.places.setFixedWidth(170)
        side_layout = QVBoxLayout(sidebar)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        side_layout.addWidget(label("Alongside", "AppName"))
        side_layout.addWidget(self.places)
        self.pages = QStackedWidget()
        self.banner = Banner()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.banner)
        right.addWidget(self.pages, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(sidebar)
        layout.addLayout(right, 1)

    def _add_place(self, place: Place, page: QWidget) -> None:
        # Into the frame at once: with the app's style sheet, Qt polishes a subtree
        # again each time it moves to a new parent, so each page moves only once.
        self._pages[place] = page
        self.pages.addWidget(page)

    def _build_places(self) -> Iterator[None]:
        """The places, one step each, then the flows and the connections between them."""
        self.debriefs = DebriefsPage(self.ops)
        self.debriefs.status.connect(self.status.emit)
        self.debriefs.undo_offered.connect(self.undo_offered.emit)
        self._add_place(Place.DEBRIEFS, self.debriefs)
        yield
        self.today = TodayPage(self.ops)
        self._add_place(Place.TODAY, self.today)
        yield
        self.checkins = CheckInsPage(self.ops)
        self._add_place(Place.CHECKINS, self.checkins)
        yield
        self.actions_page = ActionsPage(self.ops)
        self.trash = TrashPage(self.ops)
        self._add_place(Place.ACTIONS, self.actions_page)
        self._add_place(Place.TRASH, self.trash)
        yield
        self.peers = PeersPage(self.ops)
        self._add_place(Place.PEERS, self.peers)
        yield
        self.shared = SharedPage(self.ops, VaultChannelAccess())
        self._add_place(Place.SHARED, self.shared)
        self.channel = ChannelRunner(self.ops, self)
        self.share_flow = ShareDebriefFlow(self.ops, self, VaultChannelAccess())
        yield
        self.resources = CrisisDirectoryPage(self.ops)
        self._add_place(Place.RESOURCES, self.resources)
        yield
        self.checkin_flow = CheckInFlow(self.ops, self, self._checkin_saved)
        self.export_flow = ExportFlow(self.ops, self, self.status.emit)
        self.backup_flow = BackupFlow(self.ops, self, self.status.emit)
        self._connect_pages()
        self.places.currentRowChanged.connect(self._place_changed)

    def attach(self, vault: Vault) -> None:
        """Show ``vault``: the jobs asked while building run now, then the first loads."""
        self.finish_building()
        self.notices.attach(vault)
        self.slot.attach(vault)
        self.debriefs.start()
        self.channel.start()
        self.places.setCurrentRow(-1)  # Today loads now, by the clock of this moment
        self.go_to_place(Place.TODAY)
        self.checkins.refresh()

    def _connect_pages(self) -> None:
        today, checkins = self.today, self.checkins
        today.quick_checkin.connect(self.checkin_flow.quick)
        today.checkin_requested.connect(lambda: self.check_in())
        today.new_requested.connect(lambda: self.new_debrief())
        today.actions_requested.connect(lambda: self.go_to_place(Place.ACTIONS))
        today.open_requested.connect(self.open_debrief)
        today.peer_requested.connect(self.open_peer)
        today.crisis_requested.connect(self.show_crisis_resources)
        today.peers_place_requested.connect(lambda: self.go_to_place(Place.PEERS))
        checkins.card.peer_requested.connect(self.open_peer)
        checkins.checkin_requested.connect(lambda: self.check_in())
        for card in (today.card, checkins.card):
            card.crisis_requested.connect(self.show_crisis_resources)
        follow_heavy_week_choices(self.ops, [today.card, checkins.card], self.status.emit)
        self.actions_page.open_requested.connect(self.open_debrief)
        self.trash.status.connect(self.status.emit)
        self.peers.status.connect(self.status.emit)
        self.peers.debrief_requested.connect(self.open_debrief)
        self.shared.status.connect(self.status.emit)
        self.shared.peers_requested.connect(lambda: self.go_to_place(Place.PEERS))
        self.channel.state_changed.connect(self.peers.sharing.set_channel_state)
        self.share_flow.status.connect(self.status.emit)
        self.share_flow.shared.connect(self._shared_note_made)
        self.debriefs.shared_matches.open_requested.connect(self._shared_search)
        self.debriefs.editor.follow_up_offer.status.connect(self.status.emit)
        self.today.follow_up_offer.status.connect(self.status.emit)
        self.resources.status.connect(self.status.emit)
        self.debriefs.checkin_requested.connect(lambda: self.check_in(for_debrief=True))
        self.debriefs.export_requested.connect(self.export)
        self.view_actions: list[QAction] = vault_actions(self)
        self.watch_list_dialog: WatchListDialog | None = None
        reminder_menu, self.backup_reminder_actions = backup_reminder_menu(self.ops, self)
        self.view_actions.append(reminder_menu.menuAction())
        self._keeper = ShortcutKeeper(
            self, ["Ctrl+E", "Ctrl+N", "Ctrl+F", "Ctrl+L", "Ctrl+Shift+K"]
        )

    # Flows.
    def check_in(self, *, for_debrief: bool = False) -> None:
        """Ctrl+Shift+K: the check-in dialog (kept with the open debrief if asked)."""
        handle = None
        if for_debrief and self.debriefs.editor.autosave is not None:
            handle = self.debriefs.editor.ensure_saved()
        self.checkin_flow.open_dialog(handle)

    def _checkin_saved(self, checkin: Any, handle: Any) -> None:
        editor = self.debriefs.editor
        if handle is not None and editor.handle is handle:
            editor.show_checkin(checkin)
        said = f"Check-in saved: {checkin.zone.text}."
        if handle is None:  # one click: one click takes it back, for a few seconds
            self.undo_offered.emit(said, lambda: self._undo_checkin(checkin.id))
        else:
            self.status.emit(said)
        if checkin.zone.is_heavy:
            self._offer_follow_ups(checkin, handle)

    def _undo_checkin(self, checkin_id: str) -> None:
        self.ops.run(
            lambda v: v.checkins.delete(checkin_id),
            lambda _: self.status.emit("Check-in taken back."),
            write=True,
        )

    def _offer_follow_ups(self, checkin: Any, handle: Any) -> None:
        """Orange or red: a quiet offer under what was just saved (issue 14, never a dialog)."""
        from desktop.models.follow_up import FollowUpSource

        editor = self.debriefs.editor
        debrief_id = None if handle is None else handle.id
        if debrief_id is not None and editor.handle is handle:
            editor.follow_up_offer.offer(FollowUpSource.DEBRIEF, debrief_id)
        else:
            self.today.follow_up_offer.offer(FollowUpSource.CHECKIN, checkin.id)

    def export(self, *, pdf: bool = False) -> None:
        """Ctrl+E: export the selected debriefs (or the open one); in Shared, shared notes."""
        if self.current_place is Place.SHARED:
            self.shared.save_pending()
            self.export_flow.export_shared(self.shared.chosen_ids())
            return
        self.debriefs.save_pending()
        ids = self.debriefs.selected_ids()
        handle = self.debriefs.editor.handle
        if not ids and handle is not None and handle.id is None:
            # A new debrief: save it first; its id is known once the save has run.
            self.debriefs.editor.ensure_saved()
            self.ops.run(
                lambda _: handle.id,
                lambda debrief_id: self.export_flow.export(
                    [debrief_id] if debrief_id else [], pdf=pdf
                ),
            )
            return
        self.export_flow.export(ids, pdf=pdf)

    def share_with_partner(self) -> None:
        """Ctrl+Shift+S: a copy of the open debrief for the partner, after the preview."""
        self.share_flow.share_open_debrief(self.debriefs)

    def _shared_search(self, text: str) -> None:
        self.go_to_place(Place.SHARED)
        self.shared.show_search(text)

    def _shared_note_made(self, note_id: str) -> None:
        self.go_to_place(Place.SHARED)
        self.shared.open_note(note_id)

    def show_watch_list(self) -> WatchListDialog:
        """Vault > Names to watch for…: the names the identifier check looks for."""
        dialog = self.watch_list_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = WatchListDialog(self.ops, self)
            dialog.finished.connect(lambda _: self._watch_list_closed(dialog))
            self.watch_list_dialog = dialog
        dialog.open()
        dialog.raise_()
        return dialog

    def _watch_list_closed(self, dialog: WatchListDialog) -> None:
        if self.watch_list_dialog is dialog:
            self.watch_list_dialog = None
        dialog.deleteLater()

    def back_up(self) -> None:
        """Vault > Back up…: saves what is typed first, so the backup holds it."""
        self.debriefs.save_pending()
        self.backup_flow.back_up()

    def show_crisis_resources(self) -> None:
        """The Resources place: shipped lines and the user's own (the vault is open)."""
        self.go_to_place(Place.RESOURCES)

    def rename_tag(self, old: str, new: str) -> None:
        self.debriefs.rename_tag(old, new)

    def open_peer(self, peer_id: str) -> None:
        self.go_to_place(Place.PEERS)
        self.peers.show_peer(peer_id)

    def open_debrief(self, debrief_id: str) -> None:
        self.go_to_place(Place.DEBRIEFS)
        self.debriefs.open_debrief(debrief_id)

    # Errors.
    def _error(self, exc: BaseException) -> None:
        """Expected sentences go to the banner; damage, lock and bugs to the window."""
        from desktop.vault import DiskFull, VaultDamaged, VaultLocked

        if isinstance(exc, (VaultDamaged, VaultLocked)) or not isinstance(exc, UserSentence):
            self.failed.emit(exc)
            return
        if isinstance(exc, DiskFull):
            log.warning("ui.disk_full")
        # The exception's own sentence (a docstring), never text from the user.
        self.banner.show_message(exc.user_message)

    # Places.
    @property
    def current_place(self) -> Place:
        return PLACES[self.places.currentRow()]

    def go_to_place(self, place: int | Place) -> None:
        """Show a place by its sidebar row (Ctrl+1 … Ctrl+8) or by name."""
        row = PLACES.index(place) if isinstance(place, Place) else int(place)
        self.places.setCurrentRow(row)

    def _place_changed(self, row: int) -> None:
        if row < 0:
            return
        place = PLACES[row]
        if place is not Place.DEBRIEFS:
            self.debriefs.save_pending()
        if place is not Place.SHARED:
            self.shared.save_pending()
        page = self._pages[place]
        refresh = getattr(page, "refresh", None)
        if refresh is not None:
            refresh()
        self.pages.setCurrentWidget(page)

    # The window's contract.
    def new_debrief(self, template_id: str | None = None) -> None:
        """Ctrl+N: go to Debriefs and pick a template (or start ``template_id``)."""
        self.go_to_place(Place.DEBRIEFS)
        self.debriefs.new_debrief(template_id)

    def focus_search(self) -> None:
        """Ctrl+F: the Peers place searches peers; everywhere else, debriefs."""
        if self.current_place is Place.PEERS:
            self.peers.focus_search()
            return
        self.go_to_place(Place.DEBRIEFS)
        self.debriefs.focus_search()

    @property
    def title_edit(self) -> Any:
        return self.debriefs.editor.title_edit

    @property
    def body_edit(self) -> QPlainTextEdit | None:
        return self.debriefs.editor.body_edit

    def has_failed_save(self) -> bool:
        """Whether a save failed (a full disk) and its text is still only on screen."""
        return self.debriefs.editor.has_failed_save()

    def save_pending(self) -> bool:
        """Hand unsaved edits to the worker now (queued before the vault closes)."""
        self.debriefs.save_pending()
        self.shared.save_pending()
        return True

    def clear_content(self) -> None:
        """Empty every widget that holds content, and drop late results."""
        self.channel.stop()
        self.checkin_flow.close()
        self.export_flow.close()
        if self.share_flow.preview is not None:
            self.share_flow.preview.reject()
        if self.watch_list_dialog is not None and shiboken6.isValid(self.watch_list_dialog):
            self.watch_list_dialog.done(0)  # its names go with it
        self.banner.dismiss()
        self.debriefs.clear_content()
        for page in self._pages.values():
            clear = getattr(page, "clear_content", None)
            if clear is not None and page is not self.debriefs:
                clear()
        self.notices.detach()
