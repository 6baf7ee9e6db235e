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
import secrets
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool

from alongside_relay.postgres_schema import migrate
from alongside_relay.postgres_store_queries import (
    ALLOCATE_LOCK,
    NOTIFY_CHANNEL,
    PRUNE_LOCK,
    REGISTER_LOCK,
    Q,
)
from alongside_relay.store import (
    Allocation,
    Crowded,
    DatabaseUnavailable,
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
    RateLimited,
    RelayFull,
    ReplayedNonce,
    SeqConflict,
    StoredMessage,
    StoreLimits,
    StoreRefusal,
    UnknownInbox,
    UnknownMailbox,
    UnknownNameplate,
)
from alongside_wire.protocol import Mood, b64url_encode

T = TypeVar("T")
Conn = psycopg.Connection[Any]

_ROLLBACK_RETRIES = 3
_PING_AFTER_IDLE_SECONDS = 0.5
# Errors after which PostgreSQL has undone the whole transaction (SQLSTATE class 40;
# psycopg does not make every one a subclass of TransactionRollback).
_ROLLED_BACK = (
    pg_errors.TransactionRollback,
    pg_errors.DeadlockDetected,
    pg_errors.SerializationFailure,
)


def _configure(conn: Conn) -> None:
    """Every pooled connection: commits do not wait for the WAL flush unless durable."""
    conn.execute("SET synchronous_commit = off")


# The refusals `relay_put_message` raises, by their message.
_REFUSALS: dict[str, type[StoreRefusal]] = {
    "replayed_nonce": ReplayedNonce,
    "unknown_inbox": UnknownInbox,
    "seq_conflict": SeqConflict,
    "inbox_full": InboxFull,
}


class PostgresRelayStore:
    """The relay store on a PostgreSQL database shared by any number of instances."""

    def __init__(
        self,
        conninfo: str,
        limits: StoreLimits | None = None,
        *,
        pool_size: int = 8,
        connect_timeout: float = 5.0,
    ) -> None:
        self.limits = limits or StoreLimits()
        self.conninfo = conninfo
        self.worker_threads = pool_size
        self._returned: weakref.WeakKeyDictionary[Conn, float] = weakref.WeakKeyDictionary()
        self._refill_seconds = 60.0
        migrate(conninfo)
        self._pool: ConnectionPool[Conn] = ConnectionPool(
            conninfo,
            kwargs={"autocommit": True},
            min_size=min(2, pool_size),
            max_size=pool_size,
            # A connection left broken by a PostgreSQL restart is found and replaced on
            # checkout, before any statement of a request runs on it (see _check_idle).
            check=self._check_idle,
            reset=self._mark_returned,
            configure=_configure,
            timeout=connect_timeout,
            open=False,
            name="alongside-relay",
        )
        self._pool.open(wait=True, timeout=connect_timeout)

    # --- plumbing ----------------------------------------------------------------------

    def _mark_returned(self, conn: Conn) -> None:
        self._returned[conn] = time.monotonic()

    def _check_idle(self, conn: Conn) -> None:
        """Ping a connection taken from the pool, unless it was in use a moment ago.

        Under load every connection comes back within milliseconds, and a ping per
        request would be one more round trip each; a connection idle for a while is
        pinged, so one broken by a PostgreSQL restart is replaced before use. One broken
        in the last moment fails its request with 503, which the client retries.
        """
        if time.monotonic() - self._returned.get(conn, 0.0) > _PING_AFTER_IDLE_SECONDS:
            ConnectionPool.check_connection(conn)

    @contextmanager
    def _connection(self) -> Iterator[Conn]:
        try:
            with self._pool.connection() as conn:
                yield conn
        except _ROLLED_BACK:
            raise  # rolled back whole: `_transaction` runs it again
        except psycopg.OperationalError as exc:  # also the pool's timeout, and a shutdown
            raise DatabaseUnavailable() from exc

    def _transaction(
        self, work: Callable[[Conn], T], *, durable: bool = True, announce: str | None = None
    ) -> T:
        """Run `work` in one transaction, then announce `announce` to every instance.

        Durability: connections default to `synchronous_commit = off`, and a transaction
        that stores or deletes data turns it on for itself, so its commit waits for the
        WAL flush. Those that only record a nonce (fetch, status) or a rate-limit token
        do not wait: PostgreSQL still writes them within a fraction of a second, and a
        crash of the database server in that moment could forget only read nonces
        (whose replay returns ciphertext to whoever already saw it) and rate tokens.

        The notification goes out in its own statement *after* the commit: a NOTIFY
        inside the transaction would hold PostgreSQL's global notification lock through
        the commit's WAL flush and serialise every PUT of every instance behind it. If
        the relay died between the two, a waiting fetch would simply answer at its
        `wait` and the next fetch finds the message.

        A transaction PostgreSQL rolled back whole (a deadlock, a serialization failure)
        is run again, so running it twice is never visible to the client.
        """
        for attempt in range(_ROLLBACK_RETRIES):
            try:
                with self._connection() as conn:
                    with conn.transaction():
                        if durable:
                            conn.execute("SET LOCAL synchronous_commit = on")
                        result = work(conn)
                    if announce is not None:
                        conn.execute("SELECT pg_notify(%s, %s)", (NOTIFY_CHANNEL, announce))
                    return result
            except _ROLLED_BACK:
                if attempt == _ROLLBACK_RETRIES - 1:
                    raise DatabaseUnavailable() from None
        raise AssertionError("unreachable")

    @staticmethod
    def _claim(conn: Conn, claim: NonceClaim | None, now: int) -> None:
        if claim is None:
            return
        inserted = conn.execute(
            Q.claim_nonce, (claim.key, claim.nonce, max(claim.expires_at, now))
        ).rowcount
        if inserted == 0:
            raise ReplayedNonce()

    def claim_nonce(self, claim: NonceClaim, now: int) -> None:
        """Record a nonce on its own (requests that touch nothing else)."""
        self._transaction(lambda conn: self._claim(conn, claim, now), durable=False)

    def take_rate_token(self, bucket: str, rate: float, burst: int, now: float) -> float:
        """Take one token from `bucket`: 0.0 when allowed, else seconds until one is free."""
        self._refill_seconds = burst / rate
        claim = RateClaim(bucket, rate, burst, now)
        with self._connection() as conn:
            params = {"key": bucket, "burst": float(burst), "now": now, "rate": rate}
            if conn.execute(Q.take_rate_slot, params).fetchone() is not None:
                return 0.0
            return self._retry_after(conn, claim)

    def _retry_after(self, conn: Conn, claim: RateClaim) -> float:
        """Seconds until the claim's bucket holds a whole token again."""
        self._refill_seconds = claim.burst / claim.rate
        row = conn.execute(Q.bucket, (claim.bucket,)).fetchone()
        if row is None:
            return 0.0
        tokens = min(float(claim.burst), float(row[0]) + (claim.now - float(row[1])) * claim.rate)
        return max(1e-3, (1.0 - tokens) / claim.rate)

    # --- pairing -----------------------------------------------------------------------

    def allocate_nameplate(self, side: str, now: int) -> Allocation:
        """Open a mailbox with `side` in it behind the smallest free nameplate number."""
        limits = self.limits
        mailbox = b64url_encode(secrets.token_bytes(16))

        def work(conn: Conn) -> Allocation:
            # Two instances must not pick the same smallest free number.
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (ALLOCATE_LOCK,))
            conn.execute("DELETE FROM nameplates WHERE expires_at <= %s", (now,))
            row = conn.execute(Q.smallest_free_nameplate).fetchone()
            number = int(row[0]) if row else 1
            if number > limits.max_nameplates:
                raise NameplatesExhausted()
            conn.execute(
                "INSERT INTO mailboxes (id, side_a, expires_at) VALUES (%s, %s, %s)",
                (mailbox, side, now + limits.mailbox_ttl),
            )
            expires_at = now + limits.nameplate_ttl
            conn.execute(
                "INSERT INTO nameplates (number, mailbox, expires_at) VALUES (%s, %s, %s)",
                (number, mailbox, expires_at),
            )
            return Allocation(number, mailbox, expires_at)

        return self._transaction(work)

    def claim_nameplate(self, nameplate: int, side: str, now: int) -> Allocation:
        """Join the mailbox behind a nameplate as its second side; allowed once."""

        def work(conn: Conn) -> Allocation:
            row = conn.execute(Q.nameplate_for_update, (nameplate, now)).fetchone()
            if row is None:
                raise UnknownNameplate()
            mailbox, claimed, expires_at = row
            if claimed:
                raise Crowded()
            box = conn.execute(Q.mailbox_side_a, (mailbox, now)).fetchone()
            if box is None:
                raise UnknownNameplate()
            if box[0] == side:
                raise Crowded()
            conn.execute("UPDATE nameplates SET claimed = true WHERE number = %s", (nameplate,))
            conn.execute("UPDATE mailboxes SET side_b = %s WHERE id = %s", (side, mailbox))
            return Allocation(nameplate, mailbox, int(expires_at))

        return self._transaction(work)

    @staticmethod
    def _member(conn: Conn, mailbox: str, side: str, now: int, lock: bool) -> tuple[str, Any]:
        """Which column ('a' or 'b') `side` occupies in an open mailbox, and the row."""
        row = conn.execute(Q.mailbox_for_update if lock else Q.mailbox, (mailbox, now)).fetchone()
        if row is None:
            raise UnknownMailbox()
        side_a, side_b, closed_a, closed_b = row
        if side == side_a and not closed_a:
            return "a", row
        if side == side_b and not closed_b:
            return "b", row
        if side in (side_a, side_b):
            raise UnknownMailbox()
        raise Crowded()

    def post_phase(self, mailbox: str, side: str, phase: str, body: bytes, now: int) -> int:
        """Append a pairing message; returns its index in the mailbox."""

        def work(conn: Conn) -> int:
            self._member(conn, mailbox, side, now, lock=True)
            row = conn.execute(Q.next_phase_index, (mailbox,)).fetchone()
            assert row is not None  # the mailbox row is locked
            conn.execute(Q.insert_phase, (mailbox, row[0], side, phase, body))
            return int(row[0])

        return self._transaction(work, announce="mailbox:" + mailbox)

    def read_phase(
        self, mailbox: str, side: str, after: int, now: int
    ) -> tuple[list[PhaseRecord], bool]:
        """Pairing messages after `after`, and whether the other side has closed."""
        with self._connection() as conn:
            column, row = self._member(conn, mailbox, side, now, lock=False)
            other_closed = bool(row[3] if column == "a" else row[2])
            rows = conn.execute(Q.read_phase, (mailbox, after)).fetchall()
        return [PhaseRecord(int(i), s, p, bytes(b)) for i, s, p, b in rows], other_closed

    def close_mailbox(self, mailbox: str, side: str, mood: Mood, now: int) -> bool:
        """Close a mailbox for one side and count its mood; True once both sides closed."""

        def work(conn: Conn) -> bool:
            column, row = self._member(conn, mailbox, side, now, lock=True)
            side_b = row[1]
            closed_a = column == "a" or bool(row[2])
            closed_b = column == "b" or bool(row[3])
            conn.execute(Q.close_side_a if column == "a" else Q.close_side_b, (mailbox,))
            conn.execute(Q.count_mood, (mood.value,))
            finished = closed_a and (closed_b or side_b is None)
            if finished:
                self._drop_mailbox(conn, mailbox)
            return finished

        return self._transaction(work, announce="mailbox:" + mailbox)

    @staticmethod
    def _drop_mailbox(conn: Conn, mailbox: str) -> None:
        conn.execute("DELETE FROM phase_messages WHERE mailbox = %s", (mailbox,))
        conn.execute("DELETE FROM registrations WHERE mailbox = %s", (mailbox,))
        conn.execute("DELETE FROM nameplates WHERE mailbox = %s", (mailbox,))
        conn.execute("DELETE FROM mailboxes WHERE id = %s", (mailbox,))

    def mood_counts(self) -> dict[str, int]:
        """How many pairings ended in each mood, since the database was created."""
        with self._connection() as conn:
            rows = conn.execute("SELECT mood, count FROM moods ORDER BY mood").fetchall()
        return {str(mood): int(count) for mood, count in rows}

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
        for attempt in range(_ROLLBACK_RETRIES):
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
            except _ROLLED_BACK:
                if attempt == _ROLLBACK_RETRIES - 1:
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

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()
