"""Saved listening-session formats: a name, the rounds' questions, minutes per turn.

A format holds no names of people (participants are never stored, DESIGN.md §3); it is
kept in the vault all the same, because what a team chose to ask each other is theirs.
Saving under a name that exists (ignoring case) replaces that format.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.listening import ListeningFormat
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.sql import to_db_time, transaction

__all__ = ["ListeningFormatStore"]


def _parse(content: str) -> ListeningFormat | None:
    try:
        return ListeningFormat.model_validate(json.loads(content))
    except (ValidationError, ValueError):
        return None  # a damaged row is skipped, never shown half-read


class ListeningFormatStore:
    """The vault's saved formats; every call runs on the vault's database thread."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    def list(self) -> list[ListeningFormat]:
        """Every saved format, by name."""

        def read(connection: Connection) -> list[ListeningFormat]:
            rows = connection.execute(
                "SELECT content FROM listening_formats ORDER BY name COLLATE NOCASE"
            ).fetchall()
            return [parsed for (content,) in rows if (parsed := _parse(content)) is not None]

        return self._worker.call(read)

    def save(self, session_format: ListeningFormat) -> ListeningFormat:
        """Store a format, replacing one of the same name."""
        content = session_format.model_dump_json()
        now = to_db_time(self._clock.now())

        def write(connection: Connection) -> ListeningFormat:
            with transaction(connection):
                connection.execute(
                    "INSERT INTO listening_formats (name, content, updated) VALUES (?, ?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET content = excluded.content, "
                    "updated = excluded.updated",
                    (session_format.name, content, now),
                )
            return session_format

        return self._worker.call(write)

    def delete(self, name: str) -> None:
        """Forget a saved format (nothing else refers to it)."""

        def remove(connection: Connection) -> None:
            with transaction(connection):
                connection.execute("DELETE FROM listening_formats WHERE name = ?", (name,))

        self._worker.call(remove)
