"""The store on its own, on both implementations: reopening, schema versions, migrations.

The SQLite-only and PostgreSQL-only tests check what each engine does differently (WAL and
`synchronous=FULL`; migrations under an advisory lock when several instances start).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from alongside_relay.postgres_schema import SCHEMA_VERSION as PG_SCHEMA_VERSION
from alongside_relay.postgres_store import PostgresRelayStore
from alongside_relay.sqlite_schema import SCHEMA_VERSION, open_relay_database
from alongside_relay.store import RelayStore
from alongside_relay.stores import open_store
from tests.relay.conftest import database_settings, make_settings

SIDE_A, SIDE_B = "A" * 21 + "A", "B" * 21 + "A"
OpenStore = Callable[[], RelayStore]


@pytest.fixture
def open_same_store(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> OpenStore:
    """Opens a store on one and the same database each time it is called."""
    settings = make_settings(tmp_path, **database_settings(backend, request, tmp_path))
    opened: list[RelayStore] = []

    def open_one() -> RelayStore:
        opened.append(open_store(settings))
        return opened[-1]

    yield open_one
    for store in opened:
        store.close()


def test_reopening_keeps_the_data(open_same_store: OpenStore) -> None:
    store = open_same_store()
    allocation = store.allocate_nameplate(SIDE_A, now=1_000)
    store.close()
    reopened = open_same_store()
    claimed = reopened.claim_nameplate(allocation.nameplate, SIDE_B, now=1_001)
    assert claimed.mailbox == allocation.mailbox


def test_two_stores_on_one_database_see_each_others_writes(open_same_store: OpenStore) -> None:
    first, second = open_same_store(), open_same_store()
    allocation = first.allocate_nameplate(SIDE_A, now=1_000)
    assert second.allocate_nameplate(SIDE_B, now=1_000).nameplate == allocation.nameplate + 1
    assert second.claim_nameplate(allocation.nameplate, SIDE_B, now=1_001).mailbox == (
        allocation.mailbox
    )


def test_a_new_sqlite_database_uses_wal_and_full_sync(tmp_path: Path) -> None:
    db = open_relay_database(tmp_path / "relay.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_a_sqlite_database_from_a_newer_relay_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "relay.db"
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer relay"):
        open_relay_database(path)


def test_a_postgresql_database_from_a_newer_relay_is_refused(pg_database: str) -> None:
    PostgresRelayStore(pg_database).close()
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("INSERT INTO relay_migrations (version) VALUES (%s)", (PG_SCHEMA_VERSION + 1,))
    with pytest.raises(RuntimeError, match="newer relay"):
        PostgresRelayStore(pg_database)


def test_instances_starting_together_migrate_once(pg_database: str) -> None:
    """Eight instances open a fresh database at the same moment: one migrates, all start."""
    start = threading.Barrier(8)
    stores: list[PostgresRelayStore] = []
    failures: list[BaseException] = []

    def start_instance() -> None:
        start.wait()
        try:
            stores.append(PostgresRelayStore(pg_database, pool_size=1))
        except BaseException as exc:  # collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=start_instance) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for store in stores:
        store.close()
    assert failures == []
    assert len(stores) == 8
    with psycopg.connect(pg_database) as conn:
        versions = conn.execute("SELECT version FROM relay_migrations").fetchall()
        tables = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
    assert versions == [(PG_SCHEMA_VERSION,)]
    assert tables == (10,)
