"""The relay's SQLite schema, its migrations and the connection settings it runs with."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alongside_relay.settings import NewerDatabase

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE nameplates (
    number INTEGER PRIMARY KEY,
    mailbox TEXT NOT NULL,
    claimed INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL
);
CREATE TABLE mailboxes (
    id TEXT PRIMARY KEY,
    side_a TEXT NOT NULL,
    side_b TEXT,
    closed_a INTEGER NOT NULL DEFAULT 0,
    closed_b INTEGER NOT NULL DEFAULT 0,
    next_index INTEGER NOT NULL DEFAULT 1,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE phase_messages (
    mailbox TEXT NOT NULL,
    idx INTEGER NOT NULL,
    side TEXT NOT NULL,
    phase TEXT NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (mailbox, idx)
) WITHOUT ROWID;
CREATE TABLE registrations (
    mailbox TEXT NOT NULL,
    side TEXT NOT NULL,
    PRIMARY KEY (mailbox, side)
) WITHOUT ROWID;
CREATE TABLE inboxes (
    id TEXT PRIMARY KEY,
    owner_key TEXT NOT NULL,
    peer_key TEXT NOT NULL,
    last_index INTEGER NOT NULL DEFAULT 0,
    acked_upto INTEGER NOT NULL DEFAULT 0,
    expired_upto INTEGER NOT NULL DEFAULT 0,
    pending INTEGER NOT NULL DEFAULT 0,
    pending_bytes INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- An acked message keeps its row without ciphertext until its TTL, so an identical
-- retry of its seq is still recognised and a different body still refused.
CREATE TABLE messages (
    inbox TEXT NOT NULL,
    idx INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    digest BLOB NOT NULL,
    size INTEGER NOT NULL,
    ciphertext BLOB,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (inbox, idx)
) WITHOUT ROWID;
CREATE UNIQUE INDEX messages_by_seq ON messages (inbox, seq);
CREATE INDEX messages_by_age ON messages (received_at);
CREATE TABLE nonces (
    key TEXT NOT NULL,
    nonce TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (key, nonce)
) WITHOUT ROWID;
CREATE INDEX nonces_by_expiry ON nonces (expires_at);
CREATE TABLE moods (
    mood TEXT PRIMARY KEY,
    count INTEGER NOT NULL
) WITHOUT ROWID;
"""


def open_relay_database(path: Path | str) -> sqlite3.Connection:
    """Open (creating or upgrading) the relay database: WAL, synchronous=FULL.

    The connection is shared by the relay's database thread and its tests, hence
    `check_same_thread=False`; the store serialises its use.
    """
    db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        db.close()
        raise NewerDatabase()
    if version == 0:
        # One transaction: a crash mid-way leaves version 0 and no tables.
        db.executescript(
            f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        )
    return db
