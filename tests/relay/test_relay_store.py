"""The SQLite store on its own: schema creation, reopening, and a database from the future."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from alongside_relay.sqlite_schema import SCHEMA_VERSION, open_relay_database
from alongside_relay.sqlite_store import SQLiteRelayStore


def test_a_new_database_uses_wal_and_full_sync(tmp_path: Path) -> None:
    db = open_relay_database(tmp_path / "relay.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_reopening_keeps_the_data(tmp_path: Path) -> None:
    store = SQLiteRelayStore(tmp_path / "relay.db")
    allocation = store.allocate_nameplate("A" * 21 + "A", now=1_000)
    store.close()
    reopened = SQLiteRelayStore(tmp_path / "relay.db")
    assert reopened.claim_nameplate(allocation.nameplate, "B" * 21 + "A", now=1_001).mailbox == (
        allocation.mailbox
    )
    reopened.close()


def test_a_database_from_a_newer_relay_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "relay.db"
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer relay"):
        open_relay_database(path)
