"""The trash: deleted debriefs wait 30 days, then are removed for good.

"Delete forever" really removes the text: `secure_delete` (on for the vault's
connection) overwrites freed database pages, FTS5's `secure-delete` option removes the
words from the search index in place, and a WAL checkpoint (TRUNCATE) folds the change
into the main file and empties the WAL, whose frames still held the old pages.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.listing import DebriefSummary
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.listing import SUMMARY_COLUMNS, SUMMARY_FROM, summary_from_row
from desktop.vault.rows import DebriefNotFound
from desktop.vault.search_index import unindex
from desktop.vault.sql import from_db_time, to_db_time, transaction
from desktop.vault.tags import drop_unused_tags

RETENTION = timedelta(days=30)


class TrashedDebrief(BaseModel):
    """A debrief in the trash, and when it will be removed for good."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    summary: DebriefSummary
    trashed_at: datetime
    purge_at: datetime


def _remove_for_good(connection: Connection, where: str, params: tuple[object, ...]) -> int:
    with transaction(connection):
        seqs = [
            row[0] for row in connection.execute(f"SELECT seq FROM debriefs WHERE {where}", params)
        ]
        unindex(connection, seqs)
        removed = int(connection.execute(f"DELETE FROM debriefs WHERE {where}", params).rowcount)
        drop_unused_tags(connection)
    if removed:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return removed


class TrashStore:
    """Restore, delete forever, empty, and purge what has waited 30 days."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    def list(self) -> list[TrashedDebrief]:
        """Debriefs in the trash, most recently deleted first."""
        rows = self._worker.call(
            lambda c: c.execute(
                f"SELECT {SUMMARY_COLUMNS}, d.trashed_at FROM {SUMMARY_FROM} "
                "WHERE d.trashed_at IS NOT NULL ORDER BY d.trashed_at DESC, d.id"
            ).fetchall()
        )
        return [
            TrashedDebrief(
                summary=summary_from_row(row),
                trashed_at=from_db_time(row[6]),
                purge_at=from_db_time(row[6]) + RETENTION,
            )
            for row in rows
        ]

    def restore(self, debrief_id: str) -> None:
        """Put a debrief back in the list, with its tags, check-in and action points."""
        restored = self._worker.call(
            lambda c: (
                c.execute(
                    "UPDATE debriefs SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL",
                    (debrief_id,),
                ).rowcount
            )
        )
        if restored == 0:
            raise DebriefNotFound()

    def delete_forever(self, debrief_id: str) -> None:
        """Remove a debrief (in the trash or not) and every trace of its text."""
        removed = self._worker.call(lambda c: _remove_for_good(c, "id = ?", (debrief_id,)))
        if removed == 0:
            raise DebriefNotFound()

    def empty(self) -> int:
        """Delete everything in the trash forever; returns how many debriefs went."""
        return self._worker.call(lambda c: _remove_for_good(c, "trashed_at IS NOT NULL", ()))

    def purge_expired(self) -> int:
        """Delete forever what has been in the trash for 30 days (run at unlock)."""
        cutoff = to_db_time(self._clock.now() - RETENTION)
        return self._worker.call(lambda c: _remove_for_good(c, "trashed_at <= ?", (cutoff,)))
