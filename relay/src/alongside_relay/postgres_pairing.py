"""The PostgreSQL store's pairing half: nameplates, pairing mailboxes and moods."""

from __future__ import annotations

import secrets
from typing import Any

from alongside_relay.postgres_base import Conn, PostgresConnections
from alongside_relay.postgres_store_queries import (
    ALLOCATE_LOCK,
    Q,
)
from alongside_relay.store import (
    Allocation,
    Crowded,
    NameplatesExhausted,
    PhaseRecord,
    UnknownMailbox,
    UnknownNameplate,
)
from alongside_wire.protocol import Mood, b64url_encode


class PostgresPairing(PostgresConnections):
    """Nameplates and pairing mailboxes on PostgreSQL (docs/protocol.md §1)."""

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
