"""Shared notes: the notes kept with the sharing partner, with their version vectors.

A note shared from here starts at version ``{me: 1}``; every local edit bumps my counter;
what the partner sends is applied by desktop/vault/shared_note_apply.py inside the
channel's receive transaction (desktop/vault/channel.py), so a message is committed
before it is acked. Versions are compared by vector, never by clock; concurrent ones are
merged or kept side by side (desktop/models/note_merge.py) — nothing is silently
dropped. Deletes are tombstones.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.channel_operations import DeleteNote, PutNote, encode_operation
from desktop.models.note_merge import Version
from desktop.models.version_vector import Order, bumped, compare, from_text, to_text
from desktop.sentences import UserSentence
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.outbox import Sealer, queue_operation
from desktop.vault.shared_note_apply import merge_local_edit, remember_version
from desktop.vault.shared_note_index import reindex_shared
from desktop.vault.sql import from_db_time, to_db_time, transaction


class SharedNoteNotFound(UserSentence, LookupError):
    """That shared note is no longer there."""


class SharedNote(BaseModel):
    """A shared note as this vault has it, with its delivery status."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True)

    id: str
    title: str = Field(repr=False)
    body: str = Field(repr=False)
    vv: dict[str, int]
    deleted: bool
    changed_by: str  # "me" or "partner"
    updated: datetime
    status: str  # "waiting to send", "sent", "delivered", "received"
    # Both changed it while apart and the merge clashed: the second version, and whose
    # version is the first (``title``/``body``).
    other_title: str | None = Field(default=None, repr=False)
    other_body: str | None = Field(default=None, repr=False)
    conflict_first: str | None = None
    # Shown once: 1 "merged your and your partner's changes", 2 "kept: edited while deleted".
    merged_notice: int = 0


_COLUMNS = (
    "n.id, n.title, n.body, n.vv, n.deleted, n.changed_by, n.updated, n.sent_seq, "
    "n.other_title, n.other_body, o.relay_took, n.conflict_first, n.merged_notice"
)
_FROM = "shared_notes n LEFT JOIN channel_outbox o ON o.seq = n.sent_seq"


def _status(row: Sequence[Any]) -> str:
    changed_by, sent_seq, relay_took = row[5], row[7], row[10]
    if changed_by == "partner":
        return "received"
    if sent_seq is None:
        return "not sent"  # the pairing it waited for was stopped or replaced
    if relay_took is None:  # the partner's ack covered it: the outbox row is gone
        return "delivered"
    return "sent" if relay_took else "waiting to send"


def _note(row: Sequence[Any]) -> SharedNote:
    return SharedNote(
        id=row[0],
        title=row[1],
        body=row[2],
        vv=from_text(row[3]),
        deleted=bool(row[4]),
        changed_by=row[5],
        updated=from_db_time(row[6]),
        status=_status(row),
        other_title=row[8],
        other_body=row[9],
        conflict_first=row[11],
        merged_notice=int(row[12]),
    )


class SharedNoteStore:
    """Share, edit and list shared notes; sending goes through the channel's outbox."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    def share(self, note_id: str, title: str, body: str, *, me: str, seal: Sealer) -> SharedNote:
        """A new shared note (or a copy of a debrief), queued for the partner at once."""
        now = self._clock.now()

        def work(connection: Connection) -> SharedNote:
            with transaction(connection):
                vv = {me: 1}
                put = PutNote(note=note_id, vv=vv, title=title, body=body)
                seq = queue_operation(connection, encode_operation(put), seal, note_id, now)
                connection.execute(
                    "INSERT INTO shared_notes (id, title, body, vv, changed_by, updated, "
                    "sent_seq) VALUES (?, ?, ?, ?, 'me', ?, ?)",
                    (note_id, put.title, put.body, to_text(vv), to_db_time(now), seq),
                )
                remember_version(connection, note_id, Version(put.title, put.body, vv), me)
                reindex_shared(connection, note_id)
            return _get(connection, note_id)

        return self._worker.call(work)

    def edit(
        self,
        note_id: str,
        title: str,
        body: str,
        *,
        me: str,
        seal: Sealer,
        based_on: dict[str, int] | None = None,
    ) -> SharedNote:
        """A local edit of the version ``based_on`` (the one the editor showed).

        My counter goes up and the new version is queued. If the partner's version
        arrived while I was typing (the note moved on from ``based_on``), my edit is
        concurrent with it: it is merged with it here exactly as the partner will merge
        it there, so my text is never written over theirs, nor theirs over mine."""
        now = self._clock.now()

        def work(connection: Connection) -> SharedNote:
            with transaction(connection):
                current = _get(connection, note_id)
                base_vv = current.vv if based_on is None else based_on
                vv = dict(sorted({**base_vv, me: current.vv.get(me, 0) + 1}.items()))
                put = PutNote(note=note_id, vv=vv, title=title, body=body)
                seq = queue_operation(connection, encode_operation(put), seal, note_id, now)
                mine = Version(put.title, put.body, vv)
                remember_version(connection, note_id, mine, me)
                if compare(vv, current.vv) is Order.NEWER:
                    # An edit of a note shown with both versions resolves it too.
                    connection.execute(
                        "UPDATE shared_notes SET title = ?, body = ?, vv = ?, deleted = 0, "
                        "changed_by = 'me', updated = ?, sent_seq = ?, other_title = NULL, "
                        "other_body = NULL, conflict_first = NULL, merged_notice = 0 "
                        "WHERE id = ?",
                        (put.title, put.body, to_text(vv), to_db_time(now), seq, note_id),
                    )
                else:
                    merge_local_edit(connection, note_id, mine, me=me, now=now)
                    connection.execute(
                        "UPDATE shared_notes SET changed_by = 'me', sent_seq = ? WHERE id = ?",
                        (seq, note_id),
                    )
                reindex_shared(connection, note_id)
            return _get(connection, note_id)

        return self._worker.call(work)

    def delete(self, note_id: str, *, me: str, seal: Sealer) -> None:
        """Delete a shared note for both partners: a tombstone that syncs."""
        now = self._clock.now()

        def work(connection: Connection) -> None:
            with transaction(connection):
                current = _get(connection, note_id)
                vv = bumped(current.vv, me)
                delete = DeleteNote(note=note_id, vv=vv)
                seq = queue_operation(connection, encode_operation(delete), seal, note_id, now)
                connection.execute(
                    "UPDATE shared_notes SET deleted = 1, vv = ?, changed_by = 'me', "
                    "updated = ?, sent_seq = ?, other_title = NULL, other_body = NULL, "
                    "conflict_first = NULL WHERE id = ?",
                    (to_text(vv), to_db_time(now), seq, note_id),
                )
                remember_version(
                    connection, note_id, Version(current.title, current.body, vv, True), me
                )
                reindex_shared(connection, note_id)

        self._worker.call(work)

    def versions(self) -> dict[str, dict[str, int]]:
        """Every shared note's version vector (what a resync request says I have)."""
        rows = self._worker.call(
            lambda connection: connection.execute(
                "SELECT id, vv FROM shared_notes WHERE archived = 0"
            ).fetchall()
        )
        return {row[0]: from_text(row[1]) for row in rows}

    def merged_notice_seen(self, note_id: str) -> None:
        """The "merged your and your partner's changes" line was shown: once is enough."""

        def work(connection: Connection) -> None:
            with transaction(connection):
                connection.execute(
                    "UPDATE shared_notes SET merged_notice = 0 WHERE id = ?", (note_id,)
                )

        self._worker.call(work)

    def get(self, note_id: str) -> SharedNote:
        return self._worker.call(lambda connection: _get(connection, note_id))

    def list(self, *, deleted: bool = False) -> list[SharedNote]:
        """Every shared note not deleted (or, with ``deleted``, every deleted one: the
        Shared place's trash), most recently changed first."""

        def work(connection: Connection) -> list[SharedNote]:
            rows = connection.execute(
                f"SELECT {_COLUMNS} FROM {_FROM} WHERE n.deleted = ? AND n.archived = 0 "
                "ORDER BY n.updated DESC, n.id",
                (int(deleted),),
            ).fetchall()
            return [_note(row) for row in rows]

        return self._worker.call(work)

    def restore(self, note_id: str, *, me: str, seal: Sealer) -> SharedNote:
        """Bring a deleted note back for both: a new edit, which wins over the tombstone."""
        note = self.get(note_id)
        return self.edit(note_id, note.title, note.body, me=me, seal=seal, based_on=note.vv)


def queue_notes_lacking(
    connection: Connection, have: dict[str, dict[str, int]], seal: Sealer, now: datetime
) -> int:
    """Queue a put (or delete) of each note the partner lacks or holds at an older version."""
    queued = 0
    rows = connection.execute(
        "SELECT id, title, body, vv, deleted FROM shared_notes WHERE archived = 0 ORDER BY id"
    ).fetchall()
    for note_id, title, body, vv_text, deleted in rows:
        vv = from_text(vv_text)
        theirs = have.get(note_id)
        if theirs is not None and compare(vv, theirs) is not Order.NEWER:
            continue
        operation: PutNote | DeleteNote = (
            DeleteNote(note=note_id, vv=vv)
            if deleted
            else PutNote(note=note_id, vv=vv, title=title, body=body)
        )
        seq = queue_operation(connection, encode_operation(operation), seal, note_id, now)
        connection.execute(
            "UPDATE shared_notes SET sent_seq = ? WHERE id = ? AND changed_by = 'me'",
            (seq, note_id),
        )
        queued += 1
    return queued


def _get(connection: Connection, note_id: str) -> SharedNote:
    row = connection.execute(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE n.id = ? AND n.archived = 0", (note_id,)
    ).fetchone()
    if row is None:
        raise SharedNoteNotFound()
    return _note(row)
