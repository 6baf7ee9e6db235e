"""PostgreSQL implementation of `RelayStore`, for several relay instances on one database.

Everything that must hold across instances is decided inside PostgreSQL, never in one
process's memory: nonces by a primary key, a message's seq and the inbox quotas under the
inbox's row lock, nameplate numbers and the global inbox quota under transaction-level
advisory locks, per-key rate limits in `rate_buckets`. Every change a long-poll waits for
is announced with `pg_notify` right after its commit, so other instances hear of it
(`listener.py`).

Connections come from a psycopg_pool pool in autocommit mode (a single-statement read
costs one round trip); work of several statements runs in an explicit transaction.
"""

from __future__ import annotations

import hashlib

from psycopg import errors as pg_errors

from alongside_relay.postgres_base import ROLLBACK_RETRIES, ROLLED_BACK, Conn
from alongside_relay.postgres_pairing import PostgresPairing
from alongside_relay.postgres_store_queries import (
    NOTIFY_CHANNEL,
    PRUNE_LOCK,
    REGISTER_LOCK,
    Q,
)
from alongside_relay.store import (
    Crowded,
    DatabaseUnavailable,
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
    RateLimited,
    RelayFull,
    ReplayedNonce,
    SeqConflict,
    StoredMessage,
    StoreRefusal,
    UnknownInbox,
    UnknownMailbox,
)

# The refusals `relay_put_message` raises, by their message.
_REFUSALS: dict[str, type[StoreRefusal]] = {
    "replayed_nonce": ReplayedNonce,
    "unknown_inbox": UnknownInbox,
    "seq_conflict": SeqConflict,
    "inbox_full": InboxFull,
}


class PostgresRelayStore(PostgresPairing):
    """The relay store on a PostgreSQL database shared by any number of instances."""

    # --- inboxes -----------------------------------------------------------------------

    def inbox_keys(self, inbox: str) -> InboxKeys | None:
        """The inbox's public keys, or None when it does not exist."""
        with self._connection() as conn:
            row = conn.execute(Q.inbox_keys, (inbox,)).fetchone()
        return None if row is None else InboxKeys(row[0], row[1])

    def register_inbox(
        self, inbox: str, keys: InboxKeys, mailbox: str, side: str, nonce: NonceClaim, now: int
    ) -> None:
        """Create an inbox for a side of an open pairing mailbox; the first one wins."""

        def work(conn: Conn) -> None:
            self._claim(conn, nonce, now)
            try:
                self._member(conn, mailbox, side, now, lock=True)
            except (UnknownMailbox, Crowded):
                raise NoPairingMailbox() from None
            # The global quota is a count: registrations take turns so two instances
            # cannot both see room for the last inbox.
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (REGISTER_LOCK,))
            if conn.execute("SELECT 1 FROM inboxes WHERE id = %s", (inbox,)).fetchone():
                raise InboxExists()
            if conn.execute(Q.registration, (mailbox, side)).fetchone():
                raise NoPairingMailbox()
            row = conn.execute("SELECT COUNT(*) FROM inboxes").fetchone()
            if row is not None and row[0] >= self.limits.max_inboxes:
                raise RelayFull()
            conn.execute(Q.insert_inbox, (inbox, keys.owner_key, keys.peer_key))
            conn.execute(Q.insert_registration, (mailbox, side))

        self._transaction(work)

    @staticmethod
    def _marks(conn: Conn, inbox: str, lock: bool = False) -> InboxMarks:
        row = conn.execute(Q.marks_for_update if lock else Q.marks, (inbox,)).fetchone()
        if row is None:
            raise UnknownInbox()
        pending, pending_bytes, last_index, acked_upto, expired_upto, oldest = row
        return InboxMarks(
            pending=int(pending),
            pending_bytes=int(pending_bytes),
            oldest_received_at=None if oldest is None else int(oldest),
            last_index=int(last_index),
            acked_upto=int(acked_upto),
            expired_upto=int(expired_upto),
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
        """Store a message under its seq; an identical retry is a no-op, another body refused."""
        digest = hashlib.sha256(ciphertext).digest()
        size = len(ciphertext)
        limits = self.limits

        params = (
            *((nonce.key, nonce.nonce, max(nonce.expires_at, now)) if nonce else (None,) * 3),
            inbox,
            seq,
            digest,
            size,
            ciphertext,
            now,
            limits.inbox_max_messages,
            limits.inbox_max_bytes,
            *((rate.bucket, rate.rate, float(rate.burst), rate.now) if rate else (None,) * 4),
        )
        for attempt in range(ROLLBACK_RETRIES):
            try:
                with self._connection() as conn:
                    try:
                        row = conn.execute(Q.put_message, params).fetchone()
                    except pg_errors.RaiseException as exc:
                        refusal = exc.diag.message_primary or ""
                        if refusal == "rate_limited" and rate is not None:
                            raise RateLimited(self._retry_after(conn, rate)) from None
                        raise _REFUSALS[refusal]() from None
                    assert row is not None
                    if not row[1]:  # a new message: tell every instance, after the commit
                        conn.execute("SELECT pg_notify(%s, %s)", (NOTIFY_CHANNEL, "inbox:" + inbox))
                    return StoredMessage(int(row[0]), duplicate=bool(row[1]))
            except ROLLED_BACK:
                if attempt == ROLLBACK_RETRIES - 1:
                    raise DatabaseUnavailable() from None
        raise AssertionError("unreachable")

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

        params = {
            "key": nonce.key if nonce else None,
            "nonce": nonce.nonce if nonce else None,
            "expires": max(nonce.expires_at, now) if nonce else None,
            "inbox": inbox,
            "after": after,
            "limit": limit,
            "bucket": rate.bucket if rate else None,
            "rate": rate.rate if rate else None,
            "burst": rate.burst if rate else None,
            "clock": rate.now if rate else None,
        }
        # One statement, its own transaction, without waiting for the WAL flush: it
        # writes only the nonce (see `_transaction`).
        with self._connection() as conn:
            row = conn.execute(Q.fetch_all, params).fetchone()
            if row is not None and not row[0] and rate is not None:
                raise RateLimited(self._retry_after(conn, rate))
        if row is None:
            raise UnknownInbox()
        claimed, pending, pending_bytes, last_index, acked_upto, expired_upto, oldest = row[1:8]
        if nonce is not None and not claimed:
            raise ReplayedNonce()
        marks = InboxMarks(
            pending=int(pending),
            pending_bytes=int(pending_bytes),
            oldest_received_at=None if oldest is None else int(oldest),
            last_index=int(last_index),
            acked_upto=int(acked_upto),
            expired_upto=int(expired_upto),
        )
        messages = [
            MessageRecord(int(i), int(s), bytes(c), int(r))
            for i, s, c, r in zip(*row[8:], strict=True)
        ]
        return Fetched(messages, marks)

    def ack_messages(self, inbox: str, upto: int, nonce: NonceClaim, now: int) -> InboxMarks:
        """Delete the ciphertext of every message with index <= `upto`."""

        def work(conn: Conn) -> InboxMarks:
            self._claim(conn, nonce, now)
            marks = self._marks(conn, inbox, lock=True)
            top = min(upto, marks.last_index)
            if top > marks.acked_upto:
                conn.execute(Q.ack, {"inbox": inbox, "upto": top})
                marks = self._marks(conn, inbox)
            return marks

        return self._transaction(work)

    def inbox_marks(self, inbox: str, nonce: NonceClaim | None, now: int) -> InboxMarks:
        """Counters and cursors of an inbox."""

        def work(conn: Conn) -> InboxMarks:
            self._claim(conn, nonce, now)
            return self._marks(conn, inbox)

        return self._transaction(work, durable=False)

    def delete_inbox(self, inbox: str, nonce: NonceClaim, now: int) -> None:
        """Remove an inbox and everything in it; every instance drops its cached keys."""

        def work(conn: Conn) -> None:
            self._claim(conn, nonce, now)
            if conn.execute("DELETE FROM inboxes WHERE id = %s", (inbox,)).rowcount == 0:
                raise UnknownInbox()
            conn.execute("DELETE FROM messages WHERE inbox = %s", (inbox,))

        self._transaction(work, announce="deleted:" + inbox)

    # --- housekeeping ------------------------------------------------------------------

    def prune(self, now: int) -> PruneCounts:
        """Delete expired rows; one instance at a time (the others find nothing to do)."""

        def work(conn: Conn) -> PruneCounts:
            got = conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (PRUNE_LOCK,)).fetchone()
            if not (got and got[0]):
                return PruneCounts(0, 0, 0, 0)
            nameplates = conn.execute(
                "DELETE FROM nameplates WHERE expires_at <= %s", (now,)
            ).rowcount
            expired = conn.execute(
                "SELECT id FROM mailboxes WHERE expires_at <= %s", (now,)
            ).fetchall()
            for (mailbox,) in expired:
                self._drop_mailbox(conn, mailbox)
            nonces = conn.execute("DELETE FROM nonces WHERE expires_at < %s", (now,)).rowcount
            # A bucket untouched for longer than a refill is full again: it says nothing.
            conn.execute(Q.prune_buckets, (now - max(60.0, self._refill_seconds),))
            row = conn.execute(Q.expire_messages, (now - self.limits.message_ttl,)).fetchone()
            return PruneCounts(
                nameplates=nameplates,
                mailboxes=len(expired),
                nonces=nonces,
                messages=int(row[0]) if row else 0,
            )

        return self._transaction(work)
