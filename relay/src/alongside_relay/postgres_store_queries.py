"""The PostgreSQL store's SQL, apart from its logic; values always go as parameters."""

from __future__ import annotations

from typing import Final

# Channel every instance LISTENs on; payloads are "inbox:<id>", "mailbox:<id>" (wake the
# long-polls on it) and "deleted:<id>" (also drop the inbox's cached keys).
NOTIFY_CHANNEL: Final = "alongside_relay"

# Transaction-level advisory locks (fixed keys all instances agree on).
ALLOCATE_LOCK: Final = 0x616C6F6E67616C6C
REGISTER_LOCK: Final = 0x616C6F6E67726567
PRUNE_LOCK: Final = 0x616C6F6E67737072


class Q:
    """Statements of the PostgreSQL store."""

    claim_nonce = (
        "INSERT INTO nonces (key, nonce, expires_at) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING"
    )
    # A token bucket updated in one statement: no row comes back when the bucket is empty.
    take_rate_slot = """
        INSERT INTO rate_buckets AS b (key, tokens, updated)
        VALUES (%(key)s, %(burst)s - 1, %(now)s)
        ON CONFLICT (key) DO UPDATE SET
            tokens = LEAST(%(burst)s, b.tokens + GREATEST(0, EXCLUDED.updated - b.updated)
                     * %(rate)s) - 1,
            updated = GREATEST(b.updated, EXCLUDED.updated)
        WHERE LEAST(%(burst)s, b.tokens + GREATEST(0, EXCLUDED.updated - b.updated)
              * %(rate)s) >= 1
        RETURNING b.tokens
    """
    bucket = "SELECT tokens, updated FROM rate_buckets WHERE key = %s"
    prune_buckets = "DELETE FROM rate_buckets WHERE updated < %s"

    # The smallest n >= 1 that is free: 1 if free, else the smallest taken number whose
    # successor is free.
    smallest_free_nameplate = """
        SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM nameplates WHERE number = 1) THEN 1
        ELSE (SELECT MIN(n.number) + 1 FROM nameplates n WHERE NOT EXISTS
              (SELECT 1 FROM nameplates m WHERE m.number = n.number + 1)) END
    """
    nameplate_for_update = (
        "SELECT mailbox, claimed, expires_at FROM nameplates "
        "WHERE number = %s AND expires_at > %s FOR UPDATE"
    )
    mailbox_side_a = "SELECT side_a FROM mailboxes WHERE id = %s AND expires_at > %s"
    mailbox = (
        "SELECT side_a, side_b, closed_a, closed_b FROM mailboxes WHERE id = %s AND expires_at > %s"
    )
    mailbox_for_update = mailbox + " FOR UPDATE"
    next_phase_index = (
        "UPDATE mailboxes SET next_index = next_index + 1 WHERE id = %s RETURNING next_index - 1"
    )
    insert_phase = (
        "INSERT INTO phase_messages (mailbox, idx, side, phase, body) VALUES (%s, %s, %s, %s, %s)"
    )
    read_phase = (
        "SELECT idx, side, phase, body FROM phase_messages "
        "WHERE mailbox = %s AND idx > %s ORDER BY idx LIMIT 100"
    )
    close_side_a = "UPDATE mailboxes SET closed_a = true WHERE id = %s"
    close_side_b = "UPDATE mailboxes SET closed_b = true WHERE id = %s"
    count_mood = (
        "INSERT INTO moods (mood, count) VALUES (%s, 1) "
        "ON CONFLICT (mood) DO UPDATE SET count = moods.count + 1"
    )

    inbox_keys = "SELECT owner_key, peer_key FROM inboxes WHERE id = %s"
    registration = "SELECT 1 FROM registrations WHERE mailbox = %s AND side = %s"
    insert_inbox = "INSERT INTO inboxes (id, owner_key, peer_key) VALUES (%s, %s, %s)"
    insert_registration = "INSERT INTO registrations (mailbox, side) VALUES (%s, %s)"
    marks = """
        SELECT pending, pending_bytes, last_index, acked_upto, expired_upto,
               (SELECT received_at FROM messages
                WHERE inbox = i.id AND ciphertext IS NOT NULL ORDER BY idx LIMIT 1)
        FROM inboxes i WHERE id = %s
    """
    marks_for_update = marks + " FOR UPDATE OF i"
    inbox_for_put = "SELECT pending, pending_bytes FROM inboxes WHERE id = %s FOR UPDATE"
    message_by_seq = "SELECT idx, digest FROM messages WHERE inbox = %s AND seq = %s"
    store_message = """
        WITH bumped AS (
            UPDATE inboxes SET last_index = last_index + 1, pending = pending + 1,
                pending_bytes = pending_bytes + %(size)s
            WHERE id = %(inbox)s RETURNING last_index
        )
        INSERT INTO messages (inbox, idx, seq, digest, size, ciphertext, received_at)
        SELECT %(inbox)s, last_index, %(seq)s, %(digest)s, %(size)s, %(ciphertext)s, %(now)s
        FROM bumped RETURNING idx
    """
    put_message = (
        "SELECT o_index, o_duplicate FROM relay_put_message("
        "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    # A fetch in one statement (one round trip, its own transaction): the rate token,
    # the nonce, the inbox's marks and the page of messages. `allowed` is false when the
    # key's bucket is empty (then no nonce is recorded); `claimed` is 0 for a replay.
    fetch_all = """
        WITH bucket AS (
            INSERT INTO rate_buckets AS b (key, tokens, updated)
            SELECT %(bucket)s::text, %(burst)s::float8 - 1, %(clock)s::float8
            WHERE %(bucket)s::text IS NOT NULL
            ON CONFLICT (key) DO UPDATE SET
                tokens = LEAST(%(burst)s::float8, b.tokens
                    + GREATEST(0, EXCLUDED.updated - b.updated) * %(rate)s::float8) - 1,
                updated = GREATEST(b.updated, EXCLUDED.updated)
            WHERE LEAST(%(burst)s::float8, b.tokens
                + GREATEST(0, EXCLUDED.updated - b.updated) * %(rate)s::float8) >= 1
            RETURNING 1
        ), allowed AS (
            SELECT %(bucket)s::text IS NULL OR EXISTS (SELECT 1 FROM bucket) AS ok
        ), claimed AS (
            INSERT INTO nonces (key, nonce, expires_at)
            SELECT %(key)s::text, %(nonce)s::text, %(expires)s::bigint
            WHERE %(key)s::text IS NOT NULL AND (SELECT ok FROM allowed)
            ON CONFLICT DO NOTHING RETURNING 1
        ), page AS (
            SELECT idx, seq, ciphertext, received_at FROM messages
            WHERE inbox = %(inbox)s AND idx > %(after)s AND ciphertext IS NOT NULL
            ORDER BY idx LIMIT %(limit)s
        )
        SELECT (SELECT ok FROM allowed), (SELECT count(*) FROM claimed),
               i.pending, i.pending_bytes, i.last_index, i.acked_upto, i.expired_upto,
               (SELECT received_at FROM messages
                WHERE inbox = i.id AND ciphertext IS NOT NULL ORDER BY idx LIMIT 1),
               ARRAY(SELECT idx FROM page ORDER BY idx),
               ARRAY(SELECT seq FROM page ORDER BY idx),
               ARRAY(SELECT ciphertext FROM page ORDER BY idx),
               ARRAY(SELECT received_at FROM page ORDER BY idx)
        FROM inboxes i WHERE i.id = %(inbox)s
    """
    fetch = (
        "SELECT idx, seq, ciphertext, received_at FROM messages "
        "WHERE inbox = %s AND idx > %s AND ciphertext IS NOT NULL ORDER BY idx LIMIT %s"
    )
    ack = """
        WITH acked AS (
            UPDATE messages SET ciphertext = NULL
            WHERE inbox = %(inbox)s AND idx <= %(upto)s AND ciphertext IS NOT NULL
            RETURNING size
        )
        UPDATE inboxes SET acked_upto = %(upto)s,
            pending = pending - (SELECT COUNT(*) FROM acked),
            pending_bytes = pending_bytes - (SELECT COALESCE(SUM(size), 0) FROM acked)
        WHERE id = %(inbox)s
    """
    # Expired messages go; each inbox's expired mark rises to the highest waiting one.
    expire_messages = """
        WITH gone AS (
            DELETE FROM messages WHERE received_at <= %s
            RETURNING inbox, idx, size, ciphertext IS NOT NULL AS waiting
        ), per_inbox AS (
            SELECT inbox, MAX(idx) AS top, COUNT(*) AS n, SUM(size) AS bytes
            FROM gone WHERE waiting GROUP BY inbox
        ), lowered AS (
            UPDATE inboxes i SET expired_upto = GREATEST(i.expired_upto, p.top),
                pending = i.pending - p.n, pending_bytes = i.pending_bytes - p.bytes
            FROM per_inbox p WHERE i.id = p.inbox RETURNING p.n
        )
        SELECT COALESCE(SUM(n), 0) FROM lowered
    """
