"""The Shared place: notes kept with the sharing partner, their status, and an editor.

A note written here is saved as you type (a pause of a second, and on leaving) and each
saved version goes into the outbox, sealed for the partner; the list says per note
whether it is waiting to send, sent, delivered or came from the partner. When the
partner's version arrives while a note is open, what is typed is saved first and the
cursor and scroll position stay where they were. When both changed a note while apart,
both versions show side by side until one is kept or the text is edited.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.sentences import UserSentence
from desktop.ui.common.flow_layout import FlowLayout
from desktop.ui.common.look import column_in_ems
from desktop.ui.common.notices import follow_changes
from desktop.ui.common.widgets import button, label, mark_sensitive
from desktop.ui.shared.both_versions import BothVersions
from desktop.ui.shared.channel_access import ChannelAccess, NotPairedAnyMore, Sealer
from desktop.ui.shared.deleted_notes import (
    DeletedNotesDialog,
    ask_to_delete,
    open_deleted_notes,
)
from desktop.ui.shared.words import (
    EMPTY_TEXT,
    MERGE_NOTICES,
    NOT_PAIRED_TEXT,
    PAIRED_TEXT,
    STATUS_WORDS,
    list_text,
)
from desktop.vault.changes import Changed

if TYPE_CHECKING:
    from desktop.ui.common.ops import VaultOps
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")

SAVE_PAUSE_MS = 1000


class SharedPage(QWidget):
    """List of shared notes and the open one; saves through the outbox."""

    status = Signal(str)
    peers_requested = Signal()

    def __init__(self, ops: VaultOps, channel: ChannelAccess, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self._channel = channel
        self._open_id: str | None = None
        self._loading = False
        self._dirty = False
        self._loaded_vv: dict[str, int] | None = None
        self._listed: set[str] = set()  # ids shown, to notice the partner's deletes
        self._deleting: set[str] = set()  # ids this page deleted
        self.list = QListWidget()
        self.list.setObjectName("PeerList")
        self.list.setAccessibleName("Shared notes")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.new_button = button("&New shared note", "New shared note", primary=True)
        self.go_pair = button("Go to &Peers", "Go to Peers to pair", primary=True)
        self.empty = label(EMPTY_TEXT, "Muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = mark_sensitive(QLineEdit())
        self.title.setAccessibleName("Shared note title")
        self.title.setPlaceholderText("Title")
        self.body = mark_sensitive(QPlainTextEdit())
        self.body.setAccessibleName("Shared note text")
        self.note_status = label("", "Muted")
        self.note_status.setAccessibleName("Delivery")
        # Calm, not an error: both versions are safe, and one choice settles it.
        self.both = BothVersions(self.title, self.body, self)
        self.delete_button = button("Delete for both of us…", "Delete shared note")
        self.deleted_button = button("&Deleted notes…", "Show deleted shared notes", link=True)
        self.deleted_dialog: DeletedNotesDialog | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_PAUSE_MS)
        self._build()
        self.title.textEdited.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        self._save_timer.timeout.connect(self.save_pending)
        self.list.currentItemChanged.connect(lambda item, _: self._picked(item))
        self.new_button.clicked.connect(self.new_note)
        self.go_pair.clicked.connect(self.peers_requested.emit)
        self.both.chosen.connect(self._keep)
        self.delete_button.clicked.connect(self.delete_open)
        self.deleted_button.clicked.connect(self.show_deleted)
        # Several notes can be chosen and deleted together (asked first).
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        follow_changes(self, self._ops.notices, (Changed.SHARED_NOTES,), self._changed_elsewhere)

    def _build(self) -> None:
        editor = QWidget()
        form = QVBoxLayout(editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self.title)
        form.addWidget(self.note_status)
        form.addWidget(self.both.banner)
        both = QHBoxLayout()
        mine_column, theirs_column = QVBoxLayout(), QVBoxLayout()
        mine_column.addWidget(self.both.mine_label)
        mine_column.addWidget(self.body, 1)
        theirs_column.addWidget(self.both.theirs_label)
        theirs_column.addWidget(self.both.theirs, 1)
        both.addLayout(mine_column, 1)
        both.addLayout(theirs_column, 1)
        form.addLayout(both, 1)
        # The three choices wrap onto a second line before any is squeezed (150% text).
        choices = QWidget()
        flow = FlowLayout(choices)
        for widget in (self.both.keep_mine, self.both.keep_theirs, self.both.keep_both):
            flow.addWidget(widget)
        form.addWidget(choices)
        delete_row = QHBoxLayout()
        delete_row.addStretch(1)
        delete_row.addWidget(self.delete_button)
        form.addLayout(delete_row)
        self.right = QStackedWidget()
        self.right.addWidget(self.empty)
        self.right.addWidget(editor)
        self.editor = editor
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        left.addWidget(self.deleted_button)
        left.addWidget(self.go_pair)
        left.addStretch(0)
        left_holder = QWidget()
        left_holder.setLayout(left)
        column_in_ems(left_holder, (16, 260), (24, 320))
        columns = QHBoxLayout()
        columns.setSpacing(20)
        columns.addWidget(left_holder, 2)
        columns.addWidget(self.right, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(label("Shared", "ScreenTitle"))
        self.intro = label(NOT_PAIRED_TEXT, "Muted")
        layout.addWidget(self.intro)
        layout.addLayout(columns, 1)
        self.both.show(None)

    # Loading.
    def refresh(self) -> None:
        channel = self._channel

        def load(v: Vault) -> tuple[bool, str, list[Any]]:
            try:
                paired, intro = channel.sealing(v) is not None, PAIRED_TEXT
            except UserSentence as refused:  # a changed safety number waits to be compared
                paired, intro = True, refused.user_message
            return paired, intro, v.shared_notes.list()

        self._ops.run(load, self._show_list)

    def _show_list(self, loaded: tuple[bool, str, list[Any]]) -> None:
        paired, intro, notes = loaded
        self.intro.setText(intro if paired else NOT_PAIRED_TEXT)
        self.new_button.setVisible(paired)
        self.deleted_button.setVisible(paired)
        self.go_pair.setVisible(not paired)
        gone = self._listed - {note.id for note in notes} - self._deleting
        if gone and self._listed:
            self.status.emit(
                "Your partner deleted a shared note. It is kept under Deleted notes, where "
                "you can restore it."
            )
        self._listed, self._deleting = {note.id for note in notes}, set()
        # Before pairing there is nothing to list: just the way to pair.
        self.list.setVisible(paired)
        self.empty.setText(EMPTY_TEXT if paired else "")
        self.list.blockSignals(True)
        self.list.clear()
        current = None
        for note in notes:
            item = QListWidgetItem(list_text(note))
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.list.addItem(item)
            if note.id == self._open_id:
                current = item
        self.list.blockSignals(False)
        if current is not None:
            self.list.setCurrentItem(current)
        elif self._open_id is None or not self._dirty:
            self._open_id = None  # gone (deleted by the partner): nothing stays on screen
            self.right.setCurrentWidget(self.empty)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        note_id = str(item.data(Qt.ItemDataRole.UserRole))
        if note_id == self._open_id:
            return
        self.save_pending()
        self.open_note(note_id)

    def open_note(self, note_id: str, *, keep_place: bool = False) -> None:
        channel = self._channel

        def load(v: Vault) -> tuple[Any, str | None]:
            try:
                sealing = channel.sealing(v)
            except UserSentence:
                sealing = None
            return v.shared_notes.get(note_id), None if sealing is None else sealing[0]

        self._ops.run(load, lambda loaded: self._show(*loaded, keep_place=keep_place))

    def _show(self, note: Any, me: str | None, *, keep_place: bool) -> None:
        if note.other_body is not None and note.conflict_first != me:
            # Two versions kept: the first is the lower partner id's. Mine goes in the
            # editor, my partner's beside it.
            note = note.model_copy(
                update={
                    "title": note.other_title,
                    "body": note.other_body,
                    "other_title": note.title,
                    "other_body": note.body,
                }
            )
        if keep_place and self._dirty:
            return  # typing goes on: the save that is due merges nothing away
        cursor = self.body.textCursor().position()
        scroll = self.body.verticalScrollBar().value()
        self._loading = True
        self._open_id = note.id
        self._loaded_vv = dict(note.vv)
        if self.title.text() != note.title:
            self.title.setText(note.title)
        if self.body.toPlainText() != note.body:
            self.body.setPlainText(note.body)
            if keep_place:
                moved = self.body.textCursor()
                moved.setPosition(min(cursor, len(note.body)))
                self.body.setTextCursor(moved)
                self.body.verticalScrollBar().setValue(scroll)
                self.status.emit("Your partner updated this note.")
        self._loading = False
        words = STATUS_WORDS.get(note.status, note.status)
        if note.merged_notice:
            words += MERGE_NOTICES.get(note.merged_notice, "")
            note_id = note.id
            self._ops.run(lambda v: v.shared_notes.merged_notice_seen(note_id))
        self.note_status.setText(words)
        self.both.show(note.other_body, note.other_title)
        self.right.setCurrentWidget(self.editor)

    def _changed_elsewhere(self) -> None:
        self.save_pending()
        self.refresh()
        if self._open_id is not None:
            self.open_note(self._open_id, keep_place=True)

    # Writing.
    def _edited(self) -> None:
        if self._loading or self._open_id is None:
            return
        self._dirty = True
        self._save_timer.start()

    def save_pending(self) -> None:
        """Save what is typed now (a pause, leaving the note or the place, locking)."""
        self._save_timer.stop()
        if not self._dirty or self._open_id is None:
            return
        self._dirty = False
        note_id, title, body = self._open_id, self.title.text(), self.body.toPlainText()
        # The version the editor showed: if the partner's arrived meanwhile, the vault
        # merges my edit with it instead of writing over it.
        based_on = self._loaded_vv

        def edit(v: Vault, me: str, seal: Sealer) -> Any:
            return v.shared_notes.edit(note_id, title, body, me=me, seal=seal, based_on=based_on)

        self._write(edit, self._saved)

    def _saved(self, note: Any) -> None:
        if note is None or note.id != self._open_id:
            self.refresh()
            return
        self._loaded_vv = dict(note.vv)
        if not self._dirty and (note.body != self.body.toPlainText() or note.other_body):
            self.open_note(note.id, keep_place=True)  # merged with the partner's edit
        self.refresh()

    def _write(
        self, work: Callable[[Vault, str, Sealer], Any], done: Callable[[Any], None] | None = None
    ) -> None:
        channel = self._channel

        def run(v: Vault) -> Any:
            sealing = channel.sealing(v)
            if sealing is None:
                raise NotPairedAnyMore()
            return work(v, *sealing)

        open_id = self._open_id

        def failed(exc: BaseException) -> None:
            # Nothing was saved (not paired any more, a changed safety number, too long):
            # the typed text stays in the editor, still unsaved, and the sentence shows.
            if open_id is not None and open_id == self._open_id:
                self._dirty = True
            self._ops.report(exc)

        self._ops.run(run, done or (lambda _: self.refresh()), failed, write=True)

    def new_note(self) -> None:
        note_id = str(uuid.uuid4())

        def made(_: object) -> None:
            self._open_id = note_id
            self.refresh()
            self.open_note(note_id)
            self.title.setFocus()

        channel = self._channel

        def share(v: Vault) -> Any:
            sealing = channel.sealing(v)
            if sealing is None:
                raise NotPairedAnyMore()
            me, seal = sealing
            return v.shared_notes.share(note_id, "", "", me=me, seal=seal)

        self._ops.run(share, made, write=True)

    def _keep(self, title: str, text: str) -> None:
        """Settle two kept versions: this title and text, for both partners."""
        self._loading = True
        self.title.setText(title)
        self.body.setPlainText(text)
        self._loading = False
        self.both.show(None)
        self._dirty = True
        self.save_pending()

    def show_search(self, text: str) -> None:
        """From the Debriefs search: only the shared notes that match, the best opened."""
        self._ops.run(lambda v: [hit[0] for hit in v.search.shared(text)], self._show_matches)

    def _show_matches(self, ids: list[str]) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(str(item.data(Qt.ItemDataRole.UserRole)) not in ids)
        if ids:
            self.open_note(ids[0])
        self.status.emit("Showing the shared notes that match your search.")

    def chosen_ids(self) -> list[str]:
        """The notes chosen in the list, or the open one (Export, Delete)."""
        chosen = [str(item.data(Qt.ItemDataRole.UserRole)) for item in self.list.selectedItems()]
        return chosen or ([self._open_id] if self._open_id is not None else [])

    def delete_open(self) -> None:
        """Delete the chosen notes (or the open one) for both partners, after a question."""
        ids = self.chosen_ids()
        if not ids or not ask_to_delete(self._ops, self, len(ids)):
            return
        self._open_id, self._dirty = None, False
        self._deleting |= set(ids)

        def delete(v: Vault, me: str, seal: Sealer) -> None:
            for note_id in ids:
                v.shared_notes.delete(note_id, me=me, seal=seal)

        self._write(delete)
        self.right.setCurrentWidget(self.empty)

    def show_deleted(self) -> DeletedNotesDialog:
        """Deleted notes…: the Shared place's trash (deleted_notes.py)."""
        dialog = open_deleted_notes(self._ops, self, self._restore)
        self.deleted_dialog = dialog
        return dialog

    def _restore(self, note_id: str) -> None:
        def restored(_: object) -> None:
            self.status.emit("Restored for both of you.")
            self._open_id = note_id
            self.refresh()
            self.open_note(note_id)

        self._write(lambda v, me, seal: v.shared_notes.restore(note_id, me=me, seal=seal), restored)

    def clear_content(self) -> None:
        """On lock: nothing of a note stays in a widget."""
        self._save_timer.stop()
        self._open_id = None
        self._dirty = False
        self._loading = True
        self.list.clear()
        self.title.clear()
        self.body.clear()
        self.both.clear()
        self._listed, self._deleting = set(), set()
        self._loading = False
