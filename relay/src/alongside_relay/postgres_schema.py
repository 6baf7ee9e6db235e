"""The relay's PostgreSQL schema and its migrations, run once however many instances start.

Several relay instances may start together on one database. Each takes the same
session-level advisory lock before it looks at the schema version, so exactly one of them
applies a pending migration (each in its own transaction) while the others wait, then
find the version current and go on.
"""

from __future__ import annotations

import psycopg

from alongside_relay.settings import NewerDatabase

SCHEMA_VERSION = 1

# Arbitrary but fixed: the advisory-lock key all relay instances agree on
# (the ASCII of "alongsde" read as a signed 64-bit integer).
MIGRATION_LOCK = 0x616C6F6E67736465

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS relay_migrations (
    version integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""

# Mirrors the SQLite schema (sqlite_schema.py); times are Unix seconds as bigint.
_V1 = """
CREATE TABLE nameplates (
    number integer PRIMARY KEY,
    mailbox text NOT NULL,
    claimed boolean NOT NULL DEFAULT false,
    expires_at bigint NOT NULL
);
CREATE TABLE mailboxes (
    id text PRIMARY KEY,
    side_a text NOT NULL,
    side_b text,
    closed_a boolean NOT NULL DEFAULT false,
    closed_b boolean NOT NULL DEFAULT false,
    next_index bigint NOT NULL DEFAULT 1,
    expires_at bigint NOT NULL
);
CREATE TABLE phase_messages (
    mailbox text NOT NULL,
    idx bigint NOT NULL,
    side text NOT NULL,
    phase text NOT NULL,
    body bytea NOT NULL,
    PRIMARY KEY (mailbox, idx)
);
CREATE TABLE registrations (
    mailbox text NOT NULL,
    side text NOT NULL,
    PRIMARY KEY (mailbox, side)
);
CREATE TABLE inboxes (
    id text PRIMARY KEY,
    owner_key text NOT NULL,
    peer_key text NOT NULL,
    last_index bigint NOT NULL DEFAULT 0,
    acked_upto bigint NOT NULL DEFAULT 0,
    expired_upto bigint NOT NULL DEFAULT 0,
    pending bigint NOT NULL DEFAULT 0,
    pending_bytes bigint NOT NULL DEFAULT 0
);
-- An acked message keeps its row without ciphertext until its TTL, so an identical
-- retry of its seq is still recognised and a different body still refused.
CREATE TABLE messages (
    inbox text NOT NULL,
    idx bigint NOT NULL,
    seq bigint NOT NULL,
    digest bytea NOT NULL,
    size integer NOT NULL,
    ciphertext bytea,
    received_at bigint NOT NULL,
    PRIMARY KEY (inbox, idx)
);
-- Ciphertext does not compress; storing it out of line uncompressed saves the attempt.
ALTER TABLE messages ALTER COLUMN ciphertext SET STORAGE EXTERNAL;
CREATE UNIQUE INDEX messages_by_seq ON messages (inbox, seq);
CREATE INDEX messages_by_age ON messages (received_at);
CREATE TABLE nonces (
    key text NOT NULL,
    nonce text NOT NULL,
    expires_at bigint NOT NULL,
    PRIMARY KEY (key, nonce)
);
CREATE INDEX nonces_by_expiry ON nonces (expires_at);
CREATE TABLE moods (
    mood text PRIMARY KEY,
    count bigint NOT NULL
);
-- Token buckets per signing key, shared by every instance (docs/protocol.md §5).
CREATE TABLE rate_buckets (
    key text PRIMARY KEY,
    tokens double precision NOT NULL,
    updated double precision NOT NULL
);
"""

# The hot path, a message PUT, as one server-side function: one round trip and one
# transaction (the caller is in autocommit) instead of seven statements from Python. A
# refusal raises (SQLSTATE P0001, message = the refusal) so the transaction, nonce
# included, is rolled back exactly as in the SQLite store.
_PUT_MESSAGE = """
CREATE FUNCTION relay_put_message(
    p_key text, p_nonce text, p_nonce_expires bigint, p_inbox text, p_seq bigint,
    p_digest bytea, p_size integer, p_ciphertext bytea, p_now bigint,
    p_max_messages bigint, p_max_bytes bigint,
    p_bucket text, p_rate double precision, p_burst double precision, p_clock double precision,
    OUT o_index bigint, OUT o_duplicate boolean
) LANGUAGE plpgsql AS $$
DECLARE
    v_pending bigint;
    v_pending_bytes bigint;
    v_digest bytea;
BEGIN
    -- What this transaction stores must be on disk before the client hears "stored".
    PERFORM set_config('synchronous_commit', 'on', true);
    IF p_bucket IS NOT NULL THEN  -- the signing key's token bucket, shared by all instances
        INSERT INTO rate_buckets AS b (key, tokens, updated)
            VALUES (p_bucket, p_burst - 1, p_clock)
            ON CONFLICT (key) DO UPDATE SET
                tokens = LEAST(p_burst, b.tokens + GREATEST(0, p_clock - b.updated) * p_rate) - 1,
                updated = GREATEST(b.updated, p_clock)
            WHERE LEAST(p_burst, b.tokens + GREATEST(0, p_clock - b.updated) * p_rate) >= 1;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'rate_limited';
        END IF;
    END IF;
    IF p_key IS NOT NULL THEN
        INSERT INTO nonces (key, nonce, expires_at) VALUES (p_key, p_nonce, p_nonce_expires)
            ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'replayed_nonce';
        END IF;
    END IF;
    -- The inbox's row lock orders every PUT into it, from any instance.
    SELECT pending, pending_bytes INTO v_pending, v_pending_bytes
        FROM inboxes WHERE id = p_inbox FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown_inbox';
    END IF;
    SELECT idx, digest INTO o_index, v_digest FROM messages
        WHERE inbox = p_inbox AND seq = p_seq;
    IF FOUND THEN
        IF v_digest <> p_digest THEN
            RAISE EXCEPTION 'seq_conflict';
        END IF;
        o_duplicate := true;
        RETURN;
    END IF;
    IF v_pending >= p_max_messages OR v_pending_bytes + p_size > p_max_bytes THEN
        RAISE EXCEPTION 'inbox_full';
    END IF;
    UPDATE inboxes SET last_index = last_index + 1, pending = pending + 1,
        pending_bytes = pending_bytes + p_size
        WHERE id = p_inbox RETURNING last_index INTO o_index;
    INSERT INTO messages (inbox, idx, seq, digest, size, ciphertext, received_at)
        VALUES (p_inbox, o_index, p_seq, p_digest, p_size, p_ciphertext, p_now);
    o_duplicate := false;
END
$$;
"""

MIGRATIONS: tuple[str, ...] = (_V1 + _PUT_MESSAGE,)


def migrate(conninfo: str) -> int:
    """Bring the schema to SCHEMA_VERSION under the advisory lock; returns the version."""
    with psycopg.connect(conninfo, autocommit=True, connect_timeout=10) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            conn.execute(_VERSION_TABLE)
            row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM relay_migrations").fetchone()
            current = int(row[0]) if row else 0
            if current > SCHEMA_VERSION:
                raise NewerDatabase()
            for version in range(current + 1, SCHEMA_VERSION + 1):
                with conn.transaction():
                    conn.execute(MIGRATIONS[version - 1])
                    conn.execute("INSERT INTO relay_migrations (version) VALUES (%s)", (version,))
            return SCHEMA_VERSION
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
