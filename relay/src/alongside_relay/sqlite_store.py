"""SQLite implementation of `RelayStore`: WAL, `synchronous=FULL`, one transaction a request.

One connection is shared by the worker threads and guarded by a lock: SQLite serialises
writers anyway, and a Python lock hands the connection over without SQLite's sleeping
busy-wait. Each signed request's nonce is written in the same transaction as its work, so
a request costs one commit and a replay stays refused after a crash or restart.
"""

from __future__ import annotations

import hashlib
import sqlite3

from alongside_relay.sqlite_pairing import SQLitePairing
from alongside_relay.store import (
    Crowded,
    Fetched,
    InboxExists,
    InboxFull,
    InboxKeys,
    InboxMarks,
    MessageRecord,
    NonceClaim,
    NoPairingMailbox,
    PruneCounts,
    RateClaim,
    RelayFull,
    SeqConflict,
    StoredMessage,
    UnknownInbox,
    UnknownMailbox,
)


class SQLiteRelayStore(SQLitePairing):
    """The default relay store: one SQLite file, one process."""

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
