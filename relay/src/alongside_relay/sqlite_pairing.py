"""The SQLite store's pairing half: nameplates, pairing mailboxes and moods."""

from __future__ import annotations

import secrets
import sqlite3

from alongside_relay.sqlite_connection import SQLiteConnection
from alongside_relay.store import (
    Allocation,
    Crowded,
    NameplatesExhausted,
    PhaseRecord,
    UnknownMailbox,
    UnknownNameplate,
)
from alongside_wire.protocol import Mood, b64url_encode


class SQLitePairing(SQLiteConnection):
    """Nameplates and pairing mailboxes in SQLite (docs/protocol.md §1)."""

    # --- pairing -----------------------------------------------------------------------

    def allocate_nameplate(self, side: str, now: int) -> Allocation:
        """Open a mailbox with `side` in it behind the smallest free nameplate number."""
        limits = self.limits
        mailbox = b64url_encode(secrets.token_bytes(16))
        with self._transaction() as db:
            db.execute("DELETE FROM nameplates WHERE expires_at <= ?", (now,))
            # The smallest number n >= 1 such that n is free: 1 if free, else the smallest
            # taken number whose successor is free.
            row = db.execute(
                "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM nameplates WHERE number = 1) "
                "THEN 1 ELSE (SELECT MIN(n.number) + 1 FROM nameplates n WHERE NOT EXISTS "
                "(SELECT 1 FROM nameplates m WHERE m.number = n.number + 1)) END"
            ).fetchone()
            number = int(row[0])
            if number > limits.max_nameplates:
                raise NameplatesExhausted()
            expires_at = now + limits.nameplate_ttl
            db.execute(
                "INSERT INTO mailboxes (id, side_a, expires_at) VALUES (?, ?, ?)",
                (mailbox, side, now + limits.mailbox_ttl),
            )
            db.execute(
                "INSERT INTO nameplates (number, mailbox, expires_at) VALUES (?, ?, ?)",
                (number, mailbox, expires_at),
            )
        return Allocation(number, mailbox, expires_at)

    def claim_nameplate(self, nameplate: int, side: str, now: int) -> Allocation:
        """Join the mailbox behind a nameplate as its second side; allowed once."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT mailbox, claimed, expires_at FROM nameplates "
                "WHERE number = ? AND expires_at > ?",
                (nameplate, now),
            ).fetchone()
            if row is None:
                raise UnknownNameplate()
            mailbox, claimed, expires_at = row
            if claimed:
                raise Crowded()
            box = db.execute(
                "SELECT side_a FROM mailboxes WHERE id = ? AND expires_at > ?", (mailbox, now)
            ).fetchone()
            if box is None:
                raise UnknownNameplate()
            if box[0] == side:
                raise Crowded()
            db.execute("UPDATE nameplates SET claimed = 1 WHERE number = ?", (nameplate,))
            db.execute("UPDATE mailboxes SET side_b = ? WHERE id = ?", (side, mailbox))
        return Allocation(nameplate, mailbox, int(expires_at))

    @staticmethod
    def _member(db: sqlite3.Connection, mailbox: str, side: str, now: int) -> str:
        """Which column ('a' or 'b') `side` occupies in an open mailbox."""
        row = db.execute(
            "SELECT side_a, side_b, closed_a, closed_b FROM mailboxes "
            "WHERE id = ? AND expires_at > ?",
            (mailbox, now),
        ).fetchone()
        if row is None:
            raise UnknownMailbox()
        side_a, side_b, closed_a, closed_b = row
        if side == side_a and not closed_a:
            return "a"
        if side == side_b and not closed_b:
            return "b"
        if side in (side_a, side_b):
            raise UnknownMailbox()
        raise Crowded()

    def post_phase(self, mailbox: str, side: str, phase: str, body: bytes, now: int) -> int:
        """Append a pairing message; returns its index in the mailbox."""
        with self._transaction() as db:
            self._member(db, mailbox, side, now)
            (index,) = db.execute(
                "UPDATE mailboxes SET next_index = next_index + 1 WHERE id = ? "
                "RETURNING next_index - 1",
                (mailbox,),
            ).fetchone()
            db.execute(
                "INSERT INTO phase_messages (mailbox, idx, side, phase, body) "
                "VALUES (?, ?, ?, ?, ?)",
                (mailbox, index, side, phase, body),
            )
        return int(index)

    def read_phase(
        self, mailbox: str, side: str, after: int, now: int
    ) -> tuple[list[PhaseRecord], bool]:
        """Pairing messages after `after`, and whether the other side has closed."""
        with self._lock:
            column = self._member(self._db, mailbox, side, now)
            other_closed = self._db.execute(
                f"SELECT closed_{'b' if column == 'a' else 'a'} FROM mailboxes WHERE id = ?",  # noqa: S608 - column is one of two literals
                (mailbox,),
            ).fetchone()[0]
            rows = self._db.execute(
                "SELECT idx, side, phase, body FROM phase_messages "
                "WHERE mailbox = ? AND idx > ? ORDER BY idx LIMIT 100",
                (mailbox, after),
            ).fetchall()
        return [PhaseRecord(int(i), s, p, bytes(b)) for i, s, p, b in rows], bool(other_closed)

    def close_mailbox(self, mailbox: str, side: str, mood: Mood, now: int) -> bool:
        """Close a mailbox for one side and count its mood; True once both sides closed."""
        with self._transaction() as db:
            column = self._member(db, mailbox, side, now)
            db.execute(
                f"UPDATE mailboxes SET closed_{column} = 1 WHERE id = ?",  # noqa: S608 - literal column
                (mailbox,),
            )
            db.execute(
                "INSERT INTO moods (mood, count) VALUES (?, 1) "
                "ON CONFLICT (mood) DO UPDATE SET count = count + 1",
                (mood.value,),
            )
            closed_a, closed_b, side_b = db.execute(
                "SELECT closed_a, closed_b, side_b FROM mailboxes WHERE id = ?", (mailbox,)
            ).fetchone()
            finished = bool(closed_a and (closed_b or side_b is None))
            if finished:
                self._drop_mailbox(db, mailbox)
        return finished

    @staticmethod
    def _drop_mailbox(db: sqlite3.Connection, mailbox: str) -> None:
        db.execute("DELETE FROM phase_messages WHERE mailbox = ?", (mailbox,))
        db.execute("DELETE FROM registrations WHERE mailbox = ?", (mailbox,))
        db.execute("DELETE FROM nameplates WHERE mailbox = ?", (mailbox,))
        db.execute("DELETE FROM mailboxes WHERE id = ?", (mailbox,))

    def mood_counts(self) -> dict[str, int]:
        """How many pairings ended in each mood, since the database was created."""
        with self._lock:
            rows = self._db.execute("SELECT mood, count FROM moods ORDER BY mood").fetchall()
        return {str(mood): int(count) for mood, count in rows}
