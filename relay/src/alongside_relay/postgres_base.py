"""The PostgreSQL store's connections: the pool, transactions, nonces and rate tokens.

Connections come from a psycopg_pool pool in autocommit mode (a single-statement read
costs one round trip); work of several statements runs in an explicit transaction.
Errors that mean "the database is not there right now" become `DatabaseUnavailable`
(503 to the client); transactions PostgreSQL rolled back whole are run again.
"""

from __future__ import annotations

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
    NOTIFY_CHANNEL,
    Q,
)
from alongside_relay.store import (
    DatabaseUnavailable,
    NonceClaim,
    RateClaim,
    ReplayedNonce,
    StoreLimits,
)

T = TypeVar("T")
Conn = psycopg.Connection[Any]

ROLLBACK_RETRIES = 3
_PING_AFTER_IDLE_SECONDS = 0.5
# Errors after which PostgreSQL has undone the whole transaction (SQLSTATE class 40;
# psycopg does not make every one a subclass of TransactionRollback).
ROLLED_BACK = (
    pg_errors.TransactionRollback,
    pg_errors.DeadlockDetected,
    pg_errors.SerializationFailure,
)


def _configure(conn: Conn) -> None:
    """Every pooled connection: commits do not wait for the WAL flush unless durable."""
    conn.execute("SET synchronous_commit = off")


class PostgresConnections:
    """Pool, transactions and the per-request claims (nonce, rate token) of the store."""

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
        except ROLLED_BACK:
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
        for attempt in range(ROLLBACK_RETRIES):
            try:
                with self._connection() as conn:
                    with conn.transaction():
                        if durable:
                            conn.execute("SET LOCAL synchronous_commit = on")
                        result = work(conn)
                    if announce is not None:
                        conn.execute("SELECT pg_notify(%s, %s)", (NOTIFY_CHANNEL, announce))
                    return result
            except ROLLED_BACK:
                if attempt == ROLLBACK_RETRIES - 1:
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

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()
