"""The outbox's write path and the channel's marks, shared by the channel and shared notes.

Every operation for the partner is sealed at the next seq and stored as envelope bytes in
the same transaction as the change it carries, so a note is never saved without its
message, nor a message queued for a change that was rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from desktop.sentences import UserSentence
from desktop.vault.database_worker import Connection
from desktop.vault.sql import to_db_time

# ``seal(seq, plaintext) -> envelope``: made by desktop.sync with the partner's keys.
Sealer = Callable[[int, bytes], bytes]

MARKS = ("next_seq", "applied_upto", "partner_acked_upto", "relay_cursor", "last_heard")


def mark(connection: Connection, name: str) -> int:
    row = connection.execute("SELECT value FROM channel_marks WHERE name = ?", (name,)).fetchone()
    return int(row[0]) if row else (1 if name == "next_seq" else 0)


def set_mark(connection: Connection, name: str, value: int) -> None:
    connection.execute(
        "INSERT INTO channel_marks (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, value),
    )


def next_seq(connection: Connection) -> int:
    return mark(connection, "next_seq")


# The relay's default largest message (max_ciphertext_bytes, docs/protocol.md §5) minus
# the envelope's 57 bytes: a bigger operation could never be delivered.
MAX_PLAINTEXT_BYTES = 256 * 1024 - 57


class TooLongToShare(UserSentence, ValueError):
    """This note is too long to share (about 250 KB at most). Split it into two notes."""


def queue_operation(
    connection: Connection, plaintext: bytes, seal: Sealer, note_id: str | None, now: datetime
) -> int:
    """Seal ``plaintext`` at the next seq and put it in the outbox; return the seq."""
    if len(plaintext) > MAX_PLAINTEXT_BYTES:
        raise TooLongToShare()
    seq = next_seq(connection)
    connection.execute(
        "INSERT INTO channel_outbox (seq, envelope, note_id, queued) VALUES (?, ?, ?, ?)",
        (seq, seal(seq, plaintext), note_id, to_db_time(now)),
    )
    set_mark(connection, "next_seq", seq + 1)
    return seq
