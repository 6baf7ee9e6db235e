"""SQLite implementation of `RelayStore`: WAL, `synchronous=FULL`, one transaction a request.

One connection is shared by the worker threads and guarded by a lock: SQLite serialises
writers anyway, and a Python lock hands the connection over without SQLite's sleeping
busy-wait. Each signed request's nonce is written in the same transaction as its work, so
a request costs one commit and a replay stays refused after a crash or restart.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alongside_relay.sqlite_schema import open_relay_database
from alongside_relay.store import (
    Allocation,
    Crowded,
    Fetched,
    InboxExists,
    InboxFull,
    InboxKeys,
    InboxMarks,
    MessageRecord,
    NameplatesExhausted,
    NonceClaim,
    NoPairingMailbox,
    PhaseRecord,
    PruneCounts,
    RateClaim,
    RelayFull,
    ReplayedNonce,
    SeqConflict,
    StoredMessage,
    StoreLimits,
    UnknownInbox,
    UnknownMailbox,
    UnknownNameplate,
)
from alongside_wire.protocol import Mood, b64url_encode


class SQLiteRelayStore:
    """The default relay store: one SQLite file, one process."""

    # SQLite serialises writers anyway; one thread owns the work (context.py).
    worker_threads = 1

    def __init__(self, path: Path | str, limits: StoreLimits | None = None) -> None:
        self.limits = limits or StoreLimits()
        self._lock = threading.Lock()
        self._db = open_relay_database(path)

    @contextmanager
    def _transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction; `durable=False` for those that only record a nonce.

        A read (fetch, status) writes nothing but its nonce. Its commit skips the fsync
        (`synchronous=NORMAL`, still WAL): it survives a crash or kill of the relay
        process, and the next durable commit (any stored message) syncs it to disk too.
        Only an OS crash or power loss in between could forget it. This keeps a read
        from costing an fsync, which would halve the relay's throughput.
        """
        with self._lock:
            if not durable:
                self._db.execute("PRAGMA synchronous = NORMAL")
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            finally:
                if not durable:
                    self._db.execute("PRAGMA synchronous = FULL")

    # --- nonces ------------------------------------------------------------------------

    @staticmethod
    def _claim(db: sqlite3.Connection, claim: NonceClaim | None, now: int) -> None:
        if claim is None:
            return
        inserted = db.execute(
            "INSERT OR IGNORE INTO nonces (key, nonce, expires_at) VALUES (?, ?, ?)",
            (claim.key, claim.nonce, max(claim.expires_at, now)),
        ).rowcount
        if inserted == 0:
            raise ReplayedNonce()

    def claim_nonce(self, claim: NonceClaim, now: int) -> None:
        """Record a nonce on its own (requests that touch nothing else)."""
        with self._transaction(durable=False) as db:
            self._claim(db, claim, now)

    # --- pairing -----------------------------------------------------------------------

    def allocate_nameplate(self, side: str, now: int) -> Allocation:
        """Open a mailbox with `side` in it behind the smallest free nameplate number."""
        limits = self.limits
        mailbox = b64url_encode(secrets.token_bytes(16))
        with self._transaction() as db:
            db.execute("DELETE FROM nameplates WHERE expires_at <= ?", (now,))
            # The smallest number n >= 1 such that n is free: 1 if free, else the smallest
            # taken number whose successor is free.
            row = db.execute(
                "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM nameplates WHERE number = 1) "
                "THEN 1 ELSE (SELECT MIN(n.number) + 1 FROM nameplates n WHERE NOT EXISTS "
                "(SELECT 1 FROM nameplates m WHERE m.number = n.number + 1)) END"
            ).fetchone()
            number = int(row[0])
            if number > limits.max_nameplates:
                raise NameplatesExhausted()
            expires_at = now + limits.nameplate_ttl
            db.execute(
                "INSERT INTO mailboxes (id, side_a, expires_at) VALUES (?, ?, ?)",
                (mailbox, side, now + limits.mailbox_ttl),
            )
            db.execute(
                "INSERT INTO nameplates (number, mailbox, expires_at) VALUES (?, ?, ?)",
                (number, mailbox, expires_at),
            )
        return Allocation(number, mailbox, expires_at)

    def claim_nameplate(self, nameplate: int, side: str, now: int) -> Allocation:
        """Join the mailbox behind a nameplate as its second side; allowed once."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT mailbox, claimed, expires_at FROM nameplates "
                "WHERE number = ? AND expires_at > ?",
                (nameplate, now),
            ).fetchone()
            if row is None:
                raise UnknownNameplate()
            mailbox, claimed, expires_at = row
            if claimed:
                raise Crowded()
            box = db.execute(
                "SELECT side_a FROM mailboxes WHERE id = ? AND expires_at > ?", (mailbox, now)
            ).fetchone()
            if box is None:
                raise UnknownNameplate()
            if box[0] == side:
                raise Crowded()
            db.execute("UPDATE nameplates SET claimed = 1 WHERE number = ?", (nameplate,))
            db.execute("UPDATE mailboxes SET side_b = ? WHERE id = ?", (side, mailbox))
        return Allocation(nameplate, mailbox, int(expires_at))

    @staticmethod
    def _member(db: sqlite3.Connection, mailbox: str, side: str, now: int) -> str:
        """Which column ('a' or 'b') `side` occupies in an open mailbox."""
        row = db.execute(
            "SELECT side_a, side_b, closed_a, closed_b FROM mailboxes "
            "WHERE id = ? AND expires_at > ?",
            (mailbox, now),
        ).fetchone()
        if row is None:
            raise UnknownMailbox()
        side_a, side_b, closed_a, closed_b = row
        if side == side_a and not closed_a:
            return "a"
        if side == side_b and not closed_b:
            return "b"
        if side in (side_a, side_b):
            raise UnknownMailbox()
        raise Crowded()

    def post_phase(self, mailbox: str, side: str, phase: str, body: bytes, now: int) -> int:
        """Append a pairing message; returns its index in the mailbox."""
        with self._transaction() as db:
            self._member(db, mailbox, side, now)
            (index,) = db.execute(
                "UPDATE mailboxes SET next_index = next_index + 1 WHERE id = ? "
                "RETURNING next_index - 1",
                (mailbox,),
            ).fetchone()
            db.execute(
                "INSERT INTO phase_messages (mailbox, idx, side, phase, body) "
                "VALUES (?, ?, ?, ?, ?)",
                (mailbox, index, side, phase, body),
            )
        return int(index)

    def read_phase(
        self, mailbox: str, side: str, after: int, now: int
    ) -> tuple[list[PhaseRecord], bool]:
        """Pairing messages after `after`, and whether the other side has closed."""
        with self._lock:
            column = self._member(self._db, mailbox, side, now)
            other_closed = self._db.execute(
                f"SELECT closed_{'b' if column == 'a' else 'a'} FROM mailboxes WHERE id = ?",  # noqa: S608 - column is one of two literals
                (mailbox,),
            ).fetchone()[0]
            rows = self._db.execute(
                "SELECT idx, side, phase, body FROM phase_messages "
                "WHERE mailbox = ? AND idx > ? ORDER BY idx LIMIT 100",
                (mailbox, after),
            ).fetchall()
        return [PhaseRecord(int(i), s, p, bytes(b)) for i, s, p, b in rows], bool(other_closed)

    def close_mailbox(self, mailbox: str, side: str, mood: Mood, now: int) -> bool:
        """Close a mailbox for one side and count its mood; True once both sides closed."""
        with self._transaction() as db:
            column = self._member(db, mailbox, side, now)
            db.execute(
                f"UPDATE mailboxes SET closed_{column} = 1 WHERE id = ?",  # noqa: S608 - literal column
                (mailbox,),
            )
            db.execute(
                "INSERT INTO moods (mood, count) VALUES (?, 1) "
                "ON CONFLICT (mood) DO UPDATE SET count = count + 1",
                (mood.value,),
            )
            closed_a, closed_b, side_b = db.execute(
                "SELECT closed_a, closed_b, side_b FROM mailboxes WHERE id = ?", (mailbox,)
            ).fetchone()
            finished = bool(closed_a and (closed_b or side_b is None))
            if finished:
                self._drop_mailbox(db, mailbox)
        return finished

    @staticmethod
    def _drop_mailbox(db: sqlite3.Connection, mailbox: str) -> None:
        db.execute("DELETE FROM phase_messages WHERE mailbox = ?", (mailbox,))
        db.execute("DELETE FROM registrations WHERE mailbox = ?", (mailbox,))
        db.execute("DELETE FROM nameplates WHERE mailbox = ?", (mailbox,))
        db.execute("DELETE FROM mailboxes WHERE id = ?", (mailbox,))

    def mood_counts(self) -> dict[str, int]:
        """How many pairings ended in each mood, since the database was created."""
        with self._lock:
            rows = self._db.execute("SELECT mood, count FROM moods ORDER BY mood").fetchall()
        return {str(mood): int(count) for mood, count in rows}

    # --- inboxes -----------------------------------------------------------------------

    def inbox_keys(self, inbox: str) -> InboxKeys | None:
        """The inbox's public keys, or None when it does not exist."""
        with self._lock:
            row = self._db.execute(
                "SELECT owner_key, peer_key FROM inboxes WHERE id = ?", (inbox,)
            ).fetchone()
        return None if row is None else InboxKeys(row[0], row[1])

    def register_inbox(
        self, inbox: str, keys: InboxKeys, mailbox: str, side: str, nonce: NonceClaim, now: int
    ) -> None:
        """Create an inbox for a side of an open pairing mailbox; the first one wins."""
        with self._transaction() as db:
            self._claim(db, nonce, now)
            try:
                self._member(db, mailbox, side, now)
            except (UnknownMailbox, Crowded):
                raise NoPairingMailbox() from None
            if db.execute("SELECT 1 FROM inboxes WHERE id = ?", (inbox,)).fetchone():
                raise InboxExists()
            if db.execute(
                "SELECT 1 FROM registrations WHERE mailbox = ? AND side = ?", (mailbox, side)
            ).fetchone():
                raise NoPairingMailbox()
            (count,) = db.execute("SELECT COUNT(*) FROM inboxes").fetchone()
            if count >= self.limits.max_inboxes:
                raise RelayFull()
            db.execute(
                "INSERT INTO inboxes (id, owner_key, peer_key) VALUES (?, ?, ?)",
                (inbox, keys.owner_key, keys.peer_key),
            )
            db.execute("INSERT INTO registrations (mailbox, side) VALUES (?, ?)", (mailbox, side))

    @staticmethod
    def _marks(db: sqlite3.Connection, inbox: str) -> InboxMarks:
        row = db.execute(
            "SELECT pending, pending_bytes, last_index, acked_upto, expired_upto "
            "FROM inboxes WHERE id = ?",
            (inbox,),
        ).fetchone()
        if row is None:
            raise UnknownInbox()
        oldest = db.execute(
            "SELECT received_at FROM messages WHERE inbox = ? AND ciphertext IS NOT NULL "
            "ORDER BY idx LIMIT 1",
            (inbox,),
        ).fetchone()
        pending, pending_bytes, last_index, acked_upto, expired_upto = row
        return InboxMarks(
            pending=pending,
            pending_bytes=pending_bytes,
            oldest_received_at=None if oldest is None else int(oldest[0]),
            last_index=last_index,
            acked_upto=acked_upto,
            expired_upto=expired_upto,
        )

    def put_message(
        self,
        inbox: str,
        seq: int,
        ciphertext: bytes,
        nonce: NonceClaim | None,
        now: int,
        rate: RateClaim | None = None,
    ) -> StoredMessage:
        """Store a message under its seq; an identical retry is a no-op, another body refused.

        `rate` is always None here: one SQLite relay is one process, which keeps its rate
        limits in memory (context.py).
        """
        digest = hashlib.sha256(ciphertext).digest()
        size = len(ciphertext)
        with self._transaction() as db:
            self._claim(db, nonce, now)
            existing = db.execute(
                "SELECT idx, digest FROM messages WHERE inbox = ? AND seq = ?", (inbox, seq)
            ).fetchone()
            if existing is not None:
                if bytes(existing[1]) != digest:
                    raise SeqConflict()
                return StoredMessage(int(existing[0]), duplicate=True)
            row = db.execute(
                "SELECT pending, pending_bytes FROM inboxes WHERE id = ?", (inbox,)
            ).fetchone()
            if row is None:
                raise UnknownInbox()
            pending, pending_bytes = row
            limits = self.limits
            if (
                pending >= limits.inbox_max_messages
                or pending_bytes + size > limits.inbox_max_bytes
            ):
                raise InboxFull()
            (index,) = db.execute(
                "UPDATE inboxes SET last_index = last_index + 1, pending = pending + 1, "
                "pending_bytes = pending_bytes + ? WHERE id = ? RETURNING last_index",
                (size, inbox),
            ).fetchone()
            db.execute(
                "INSERT INTO messages (inbox, idx, seq, digest, size, ciphertext, received_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (inbox, index, seq, digest, size, ciphertext, now),
            )
        return StoredMessage(int(index), duplicate=False)

    def fetch_messages(
        self,
        inbox: str,
        after: int,
        limit: int,
        nonce: NonceClaim | None,
        now: int,
        rate: RateClaim | None = None,
    ) -> Fetched:
        """Pending messages with an index above `after`, oldest first."""
        with self._transaction(durable=False) as db:
            self._claim(db, nonce, now)
            marks = self._marks(db, inbox)
            rows = db.execute(
                "SELECT idx, seq, ciphertext, received_at FROM messages "
                "WHERE inbox = ? AND idx > ? AND ciphertext IS NOT NULL ORDER BY idx LIMIT ?",
                (inbox, after, limit),
            ).fetchall()
        messages = [MessageRecord(int(i), int(s), bytes(c), int(r)) for i, s, c, r in rows]
        return Fetched(messages, marks)

    def ack_messages(self, inbox: str, upto: int, nonce: NonceClaim, now: int) -> InboxMarks:
        """Delete the ciphertext of every message with index <= `upto`."""
        with self._transaction() as db:
            self._claim(db, nonce, now)
            marks = self._marks(db, inbox)
            upto = min(upto, marks.last_index)
            if upto > marks.acked_upto:
                count, size = db.execute(
                    "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM messages "
                    "WHERE inbox = ? AND idx <= ? AND ciphertext IS NOT NULL",
                    (inbox, upto),
                ).fetchone()
                db.execute(
                    "UPDATE messages SET ciphertext = NULL "
                    "WHERE inbox = ? AND idx <= ? AND ciphertext IS NOT NULL",
                    (inbox, upto),
                )
                db.execute(
                    "UPDATE inboxes SET acked_upto = ?, pending = pending - ?, "
                    "pending_bytes = pending_bytes - ? WHERE id = ?",
                    (upto, count, size, inbox),
                )
                marks = self._marks(db, inbox)
        return marks

    def inbox_marks(self, inbox: str, nonce: NonceClaim | None, now: int) -> InboxMarks:
        """Counters and cursors of an inbox."""
        with self._transaction(durable=False) as db:
            self._claim(db, nonce, now)
            return self._marks(db, inbox)

    def delete_inbox(self, inbox: str, nonce: NonceClaim, now: int) -> None:
        """Remove an inbox and everything in it (unpairing)."""
        with self._transaction() as db:
            self._claim(db, nonce, now)
            if db.execute("DELETE FROM inboxes WHERE id = ?", (inbox,)).rowcount == 0:
                raise UnknownInbox()
            db.execute("DELETE FROM messages WHERE inbox = ?", (inbox,))

    # --- housekeeping ------------------------------------------------------------------

    def prune(self, now: int) -> PruneCounts:
        """Delete expired nameplates, mailboxes, nonces and messages; raise expiry marks."""
        cutoff = now - self.limits.message_ttl
        with self._transaction() as db:
            nameplates = db.execute("DELETE FROM nameplates WHERE expires_at <= ?", (now,))
            expired_boxes = [
                row[0]
                for row in db.execute("SELECT id FROM mailboxes WHERE expires_at <= ?", (now,))
            ]
            for mailbox in expired_boxes:
                self._drop_mailbox(db, mailbox)
            nonces = db.execute("DELETE FROM nonces WHERE expires_at < ?", (now,)).rowcount
            per_inbox = db.execute(
                "SELECT inbox, MAX(idx), COUNT(*), SUM(size) FROM messages "
                "WHERE received_at <= ? AND ciphertext IS NOT NULL GROUP BY inbox",
                (cutoff,),
            ).fetchall()
            for inbox, top, count, size in per_inbox:
                db.execute(
                    "UPDATE inboxes SET expired_upto = MAX(expired_upto, ?), "
                    "pending = pending - ?, pending_bytes = pending_bytes - ? WHERE id = ?",
                    (top, count, size, inbox),
                )
            db.execute("DELETE FROM messages WHERE received_at <= ?", (cutoff,))
        return PruneCounts(
            nameplates=nameplates.rowcount,
            mailboxes=len(expired_boxes),
            nonces=nonces,
            messages=sum(int(row[2]) for row in per_inbox),
        )

    def close(self) -> None:
        """Close the database (a checkpoint happens on the last connection's close)."""
        with self._lock:
            self._db.close()
