"""The SQLite store's connection: one file, one lock, one transaction a request."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alongside_relay.sqlite_schema import open_relay_database
from alongside_relay.store import (
    NonceClaim,
    ReplayedNonce,
    StoreLimits,
)


class SQLiteConnection:
    """The shared connection, its transactions and the nonce claim of every signed request."""

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

    def close(self) -> None:
        """Close the database (a checkpoint happens on the last connection's close)."""
        with self._lock:
            self._db.close()
