"""Follow-ups after an orange or red debrief or check-in (docs/peers.md).

Offered once per debrief or check-in, and not at all while others are pending; a
declined offer is remembered (a closed `declined` row) so it is never offered again.
Times come from the injected clock, so tests move time and never sleep.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.follow_up import LATER, SOON, FollowUp, FollowUpKind, FollowUpSource
from desktop.sentences import UserSentence
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.sql import from_db_time, new_id, to_db_time, transaction

_OPEN = "closed_at IS NULL AND kind != 'declined'"


class FollowUpNotFound(UserSentence, LookupError):
    """That reminder is no longer there."""


def _follow_up(row: Sequence[Any]) -> FollowUp:
    return FollowUp(
        id=row[0],
        kind=FollowUpKind(row[1]),
        source=FollowUpSource(row[2]),
        due=from_db_time(row[3]),
        created=from_db_time(row[4]),
    )


def _pending(connection: Connection) -> bool:
    return (
        connection.execute(f"SELECT 1 FROM follow_ups WHERE {_OPEN} LIMIT 1").fetchone() is not None
    )


class FollowUpStore:
    """Offer, accept, decline, list what is due, and close follow-ups."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    def should_offer(self, source: FollowUpSource, source_id: str) -> bool:
        """Whether to offer follow-ups for this debrief or check-in: never twice for the
        same one, and not while other follow-ups are pending."""

        def check(connection: Connection) -> bool:
            answered = connection.execute(
                "SELECT 1 FROM follow_ups WHERE source_kind = ? AND source_id = ? LIMIT 1",
                (source.value, source_id),
            ).fetchone()
            return answered is None and not _pending(connection)

        return self._worker.call(check)

    def accept(self, source: FollowUpSource, source_id: str) -> list[FollowUp]:
        """Set the two follow-ups: in about 72 hours and in about a month."""
        now = self._clock.now()
        made = [
            FollowUp(id=new_id(), kind=kind, source=source, due=now + delay, created=now)
            for kind, delay in ((FollowUpKind.SOON, SOON), (FollowUpKind.LATER, LATER))
        ]

        def insert(connection: Connection) -> list[FollowUp]:
            with transaction(connection):
                for entry in made:
                    connection.execute(
                        "INSERT INTO follow_ups (id, source_kind, source_id, kind, due, created) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            entry.id,
                            source.value,
                            source_id,
                            entry.kind.value,
                            to_db_time(entry.due),
                            to_db_time(now),
                        ),
                    )
            return made

        return self._worker.call(insert)

    def decline(self, source: FollowUpSource, source_id: str) -> None:
        """Remember the "no, thanks", so this one is never offered again."""
        now = to_db_time(self._clock.now())
        self._worker.call(
            lambda c: c.execute(
                "INSERT INTO follow_ups (id, source_kind, source_id, kind, due, created, "
                "closed_at) VALUES (?, ?, ?, 'declined', ?, ?, ?)",
                (new_id(), source.value, source_id, now, now, now),
            )
        )

    def due(self, now: datetime | None = None) -> list[FollowUp]:
        """Follow-ups whose time has come and that are not done or dismissed."""
        moment = to_db_time(now or self._clock.now())
        rows = self._worker.call(
            lambda c: c.execute(
                f"SELECT id, kind, source_kind, due, created FROM follow_ups WHERE {_OPEN} "
                "AND due <= ? ORDER BY due, id",
                (moment,),
            ).fetchall()
        )
        return [_follow_up(row) for row in rows]

    def pending(self) -> bool:
        """Whether any follow-up is still waiting (due or not)."""
        return self._worker.call(_pending)

    def close(self, follow_up_id: str) -> None:
        """Done or dismissed: it leaves Today."""
        now = to_db_time(self._clock.now())
        closed = self._worker.call(
            lambda c: (
                c.execute(
                    f"UPDATE follow_ups SET closed_at = ? WHERE id = ? AND {_OPEN}",
                    (now, follow_up_id),
                ).rowcount
            )
        )
        if closed == 0:
            raise FollowUpNotFound()
