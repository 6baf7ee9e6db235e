"""The channel's state in the vault: the outbox, messages held for a gap, and the marks.

Sending: every operation is sealed at its seq and stored as envelope bytes
(`shared_notes.queue_operation`); the sync loop PUTs them and marks ``relay_took``; a
retry or a resync resends exactly the stored bytes. A row leaves the outbox only when
the partner's encrypted ``ack`` covers its seq.

Receiving (`ChannelStore.receive`), in ONE transaction: the opened operations are offered
to the sequencer (held ones from earlier runs included), those that are next in order are
applied — notes via desktop/vault/shared_notes.py, the partner's ack by trimming the
outbox — and the marks (applied seq, relay cursor) move. Only after this commits does
the sync loop ack the relay, so a crash at any point re-fetches and re-applies nothing
twice (the sequencer drops what is already applied).

Marks (``channel_marks``): ``next_seq`` (my next send), ``applied_upto`` (the partner's
seqs applied here), ``partner_acked_upto`` (my seqs the partner has committed),
``relay_cursor`` (the inbox index fetched up to), ``last_heard`` (when a message of the
partner's was last applied, Unix seconds).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import NamedTuple

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.channel_operations import (
    Ack,
    DeleteNote,
    OperationRejected,
    PutNote,
    Resync,
    decode_operation,
    encode_operation,
)
from desktop.models.note_merge import Version
from desktop.models.sequencer import GapTooWide, InboundSequencer
from desktop.models.version_vector import from_text
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.outbox import MARKS, Sealer, mark, queue_operation, set_mark
from desktop.vault.shared_note_apply import apply_remote
from desktop.vault.shared_note_index import reindex_shared
from desktop.vault.shared_notes import queue_notes_lacking
from desktop.vault.sql import transaction

# Which colleague the shared notes belong to (their partner id), kept across unpairing so
# that pairing with someone else never sends them the earlier partner's notes.
PARTNER_PREFERENCE = "shared_notes_partner"


class ChannelMarks(NamedTuple):
    next_seq: int
    applied_upto: int
    partner_acked_upto: int
    relay_cursor: int
    last_heard: int  # Unix time of the last message applied from the partner (0: never)


class OutboxEntry(NamedTuple):
    seq: int
    envelope: bytes
    relay_took: bool


class Received(NamedTuple):
    """What one receive committed."""

    applied: int  # operations applied now
    applied_upto: int
    needs_ack: bool  # something other than an ack was applied: tell the partner
    resync_have: dict[str, dict[str, int]] | None  # the partner's resync request, if any
    gap_too_wide: bool  # messages were lost on the relay: ask the partner for a resync


class ChannelStore:
    """Outbox, held messages and marks of the one channel."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    def marks(self) -> ChannelMarks:
        return self._worker.call(
            lambda connection: ChannelMarks(*(mark(connection, name) for name in MARKS))
        )

    def outbox(self) -> list[OutboxEntry]:
        """Everything the partner has not acknowledged, oldest first (to send or resend)."""
        rows = self._worker.call(
            lambda connection: connection.execute(
                "SELECT seq, envelope, relay_took FROM channel_outbox ORDER BY seq"
            ).fetchall()
        )
        return [OutboxEntry(int(r[0]), bytes(r[1]), bool(r[2])) for r in rows]

    def relay_took(self, seq: int) -> None:
        """The relay stored this seq (201, or 200 for an identical retry)."""

        def work(connection: Connection) -> None:
            with transaction(connection):
                connection.execute(
                    "UPDATE channel_outbox SET relay_took = 1 WHERE seq = ? AND relay_took = 0",
                    (seq,),
                )

        self._worker.call(work)

    def queue(self, operation: Ack | Resync, seal: Sealer) -> int:
        """Queue a channel operation that belongs to no note (an ack, a resync request)."""
        now = self._clock.now()

        def work(connection: Connection) -> int:
            with transaction(connection):
                return queue_operation(connection, encode_operation(operation), seal, None, now)

        return self._worker.call(work)

    def receive(
        self,
        opened: Sequence[tuple[int, bytes]],
        relay_cursor: int,
        *,
        me: str,
        partner: str,
        seal: Sealer | None = None,
        ask_resync: bool = False,
    ) -> Received:
        """Apply the partner's opened operations in seq order and move the marks, at once.

        ``me`` and ``partner`` are the two partner ids of version vectors (merges order
        their inputs by them). With ``seal``, what this receive calls for is queued in
        the same transaction, so a crash right after it can lose none of it: my ``ack``,
        a ``resync`` request (a gap too wide, ``ask_resync``: messages expired or were
        rejected) and the answer to the partner's ``resync``."""
        now = self._clock.now()

        def work(connection: Connection) -> Received:
            with transaction(connection):
                held = {
                    int(seq): bytes(data)
                    for seq, data in connection.execute(
                        "SELECT seq, operation FROM channel_held"
                    ).fetchall()
                }
                sequencer = InboundSequencer(mark(connection, "applied_upto"), held)
                gap_too_wide = False
                try:
                    sequencer.offer_all(opened)
                except GapTooWide:
                    gap_too_wide = True
                ready = sequencer.ready()
                needs_ack = False
                resync_have: dict[str, dict[str, int]] | None = None
                for _, plaintext in ready:
                    try:
                        operation = decode_operation(plaintext)
                    except OperationRejected:
                        continue  # counted as applied: it can never become valid
                    if isinstance(operation, PutNote | DeleteNote):
                        arriving = (
                            Version(operation.title, operation.body, dict(operation.vv))
                            if isinstance(operation, PutNote)
                            else Version("", "", dict(operation.vv), deleted=True)
                        )
                        apply_remote(
                            connection, operation.note, arriving, me=me, partner=partner, now=now
                        )
                        needs_ack = True
                    elif isinstance(operation, Ack):
                        _partner_acked(connection, operation.upto)
                    else:
                        resync_have = dict(operation.have)
                        needs_ack = True
                connection.execute("DELETE FROM channel_held")
                connection.executemany(
                    "INSERT INTO channel_held (seq, operation) VALUES (?, ?)",
                    sorted(sequencer.held.items()),
                )
                set_mark(connection, "applied_upto", sequencer.applied_upto)
                if ready:
                    set_mark(connection, "last_heard", int(now.timestamp()))
                if relay_cursor > mark(connection, "relay_cursor"):
                    set_mark(connection, "relay_cursor", relay_cursor)
                if seal is not None:
                    _queue_replies(
                        connection,
                        seal,
                        now,
                        ack_upto=sequencer.applied_upto if needs_ack else None,
                        ask_resync=ask_resync or gap_too_wide,
                        answer=resync_have,
                    )
                return Received(
                    len(ready), sequencer.applied_upto, needs_ack, resync_have, gap_too_wide
                )

        return self._worker.call(work)

    def forget(self) -> None:
        """Unpairing: drop the outbox, held messages and marks (shared notes stay)."""

        def work(connection: Connection) -> None:
            with transaction(connection):
                _forget(connection)

        self._worker.call(work)

    def start_for_keys(
        self, key_id: int, partner: str, notes: Callable[[Connection, datetime], object]
    ) -> bool:
        """A new pairing (new keys, new inboxes): start the channel afresh, once.

        What the old keys sealed can never be opened by the new pairing, so the outbox,
        held messages and marks are dropped. With the **same** colleague as before
        (``partner``, their partner id), ``notes(connection, now)`` queues every shared
        note again under the new keys (their version vectors ignore what they have).
        With a **different** colleague, nothing is sent: the notes shared with the
        earlier partner are archived here (kept, never shown to or sent to the new one).
        Returns True if this was a new pairing."""

        now = self._clock.now()
        key_mark = key_id & (2**63 - 1)  # an SQLite integer is signed 64-bit

        def work(connection: Connection) -> bool:
            with transaction(connection):
                if mark(connection, "key_id") == key_mark:
                    return False
                _forget(connection)
                set_mark(connection, "key_id", key_mark)
                row = connection.execute(
                    "SELECT value FROM preferences WHERE key = ?", (PARTNER_PREFERENCE,)
                ).fetchone()
                earlier = None if row is None else json.loads(row[0])
                if earlier in (None, partner):
                    notes(connection, now)
                else:
                    connection.execute("UPDATE shared_notes SET archived = 1, sent_seq = NULL")
                    for (note_id,) in connection.execute(
                        "SELECT id FROM shared_notes WHERE fts_rowid IS NOT NULL"
                    ).fetchall():
                        reindex_shared(connection, note_id)  # archived: out of search
                connection.execute(
                    "INSERT INTO preferences (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (PARTNER_PREFERENCE, json.dumps(partner)),
                )
                return True

        return self._worker.call(work)


def _forget(connection: Connection) -> None:
    for table in ("channel_outbox", "channel_held", "channel_marks"):
        connection.execute(f"DELETE FROM {table}")
    # What was waiting is no longer on its way: the notes say "not sent", not "delivered".
    connection.execute("UPDATE shared_notes SET sent_seq = NULL WHERE changed_by = 'me'")


def _queue_replies(
    connection: Connection,
    seal: Sealer,
    now: datetime,
    *,
    ack_upto: int | None,
    ask_resync: bool,
    answer: dict[str, dict[str, int]] | None,
) -> None:
    """Inside the receive transaction: my ack, my resync request, my resync answer."""
    if ack_upto is not None:
        queue_operation(connection, encode_operation(Ack(upto=ack_upto)), seal, None, now)
    if ask_resync:
        rows = connection.execute("SELECT id, vv FROM shared_notes WHERE archived = 0")
        have = {note_id: from_text(vv) for note_id, vv in rows.fetchall()}
        queue_operation(connection, encode_operation(Resync(have=have)), seal, None, now)
    if answer is not None:
        # Everything the partner has not acknowledged goes again, and every note it lacks.
        connection.execute("UPDATE channel_outbox SET relay_took = 0")
        queue_notes_lacking(connection, answer, seal, now)


def _partner_acked(connection: Connection, upto: int) -> None:
    if upto <= mark(connection, "partner_acked_upto"):
        return
    connection.execute("DELETE FROM channel_outbox WHERE seq <= ?", (upto,))
    set_mark(connection, "partner_acked_upto", min(upto, mark(connection, "next_seq") - 1))
