"""Debriefs stored in the vault: add, get, update, delete, list."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from pydantic import ValidationError

from desktop.models.debrief import Debrief
from desktop.vault.database_worker import Connection, DatabaseWorker

Clock = Callable[[], datetime]


class DebriefNotFound(LookupError):
    """That debrief no longer exists."""


class InvalidDebrief(ValueError):
    """The debrief is too long to save."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def _row_to_debrief(row: tuple[str, str, str, str, str]) -> Debrief:
    id_, title, body, created, updated = row
    return Debrief(
        id=id_,
        title=title,
        body=body,
        created=datetime.fromisoformat(created),
        updated=datetime.fromisoformat(updated),
    )


def _validated(**fields: object) -> Debrief:
    try:
        return Debrief.model_validate(fields)
    except ValidationError:
        # The ValidationError would name the field and constraint; neither helps the
        # user, and its input (hidden anyway) must never travel further.
        raise InvalidDebrief() from None


_COLUMNS = "id, title, body, created, updated"


class DebriefStore:
    """The vault's debriefs; every call runs on the vault's database thread."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = utc_now) -> None:
        self._worker = worker
        self._clock = clock

    def add(self, title: str, body: str) -> Debrief:
        now = self._clock()
        debrief = _validated(
            id=secrets.token_hex(16), title=title, body=body, created=now, updated=now
        )

        def insert(connection: Connection) -> None:
            connection.execute(
                f"INSERT INTO debriefs ({_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                (
                    debrief.id,
                    debrief.title,
                    debrief.body,
                    debrief.created.isoformat(),
                    debrief.updated.isoformat(),
                ),
            )

        self._worker.call(insert)
        return debrief

    def get(self, debrief_id: str) -> Debrief:
        row = self._worker.call(
            lambda c: c.execute(
                f"SELECT {_COLUMNS} FROM debriefs WHERE id = ?", (debrief_id,)
            ).fetchone()
        )
        if row is None:
            raise DebriefNotFound()
        return _row_to_debrief(row)

    def update(
        self, debrief_id: str, *, title: str | None = None, body: str | None = None
    ) -> Debrief:
        def change(connection: Connection) -> Debrief:
            row = connection.execute(
                f"SELECT {_COLUMNS} FROM debriefs WHERE id = ?", (debrief_id,)
            ).fetchone()
            if row is None:
                raise DebriefNotFound()
            current = _row_to_debrief(row)
            updated = _validated(
                id=current.id,
                title=current.title if title is None else title,
                body=current.body if body is None else body,
                created=current.created,
                updated=self._clock(),
            )
            connection.execute(
                "UPDATE debriefs SET title = ?, body = ?, updated = ? WHERE id = ?",
                (updated.title, updated.body, updated.updated.isoformat(), updated.id),
            )
            return updated

        return self._worker.call(change)

    def delete(self, debrief_id: str) -> None:
        deleted = self._worker.call(
            lambda c: c.execute("DELETE FROM debriefs WHERE id = ?", (debrief_id,)).rowcount
        )
        if deleted == 0:
            raise DebriefNotFound()

    def list(self) -> list[Debrief]:
        """All debriefs, most recently updated first."""
        rows = self._worker.call(
            lambda c: c.execute(
                f"SELECT {_COLUMNS} FROM debriefs ORDER BY updated DESC, id"
            ).fetchall()
        )
        return [_row_to_debrief(row) for row in rows]
