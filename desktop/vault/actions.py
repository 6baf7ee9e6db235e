"""Action points: checklist items kept with the debrief field they were written in.

"Open actions" lists what is not done across every debrief outside the trash, soonest
due first, then those without a due date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.action_point import ActionPoint, OpenAction
from desktop.sentences import UserSentence
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.rows import debrief_seq
from desktop.vault.search_index import reindex
from desktop.vault.sql import (
    from_db_time,
    new_id,
    optional_date,
    optional_time,
    to_db_time,
    transaction,
)
from desktop.vault.templates import load_template

_COLUMNS = "a.id, d.id, a.field_id, a.text, a.due, a.done_at, a.created"
_FROM = "action_points AS a JOIN debriefs AS d ON d.seq = a.debrief_seq"


class ActionNotFound(UserSentence, LookupError):
    """That action point no longer exists."""


class InvalidAction(UserSentence, ValueError):
    """An action point needs some text, up to 1,000 characters."""


def _row(row: Sequence[Any]) -> ActionPoint:
    return ActionPoint(
        id=row[0],
        debrief_id=row[1],
        field_id=row[2],
        text=row[3],
        due=optional_date(row[4]),
        done_at=optional_time(row[5]),
        created=from_db_time(row[6]),
    )


def _read(connection: Connection, action_id: str) -> ActionPoint:
    row = connection.execute(f"SELECT {_COLUMNS} FROM {_FROM} WHERE a.id = ?", (action_id,))
    found = row.fetchone()
    if found is None:
        raise ActionNotFound()
    return _row(found)


def actions_of(connection: Connection, seq: int) -> list[ActionPoint]:
    """A debrief's action points by field, in the order they were added."""
    rows = connection.execute(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE a.debrief_seq = ? "
        "ORDER BY a.field_id, a.position, a.created",
        (seq,),
    ).fetchall()
    return [_row(row) for row in rows]


def _check_field(connection: Connection, debrief_id: str, field_id: str) -> None:
    row = connection.execute(
        "SELECT template_id, template_version FROM debriefs WHERE id = ?", (debrief_id,)
    ).fetchone()
    if row is not None and row[0] is not None:
        load_template(connection, row[0], row[1]).field(field_id)  # KeyError if absent


class ActionStore:
    """The vault's action points; every call runs on the vault's database thread."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    def add(
        self, debrief_id: str, field_id: str, text: str, *, due: date | None = None
    ) -> ActionPoint:
        """Add an action point at the end of a field's list."""
        created = self._clock.now()

        def insert(connection: Connection) -> ActionPoint:
            with transaction(connection):
                seq = debrief_seq(connection, debrief_id, include_trashed=False)
                _check_field(connection, debrief_id, field_id)
                action = _validated(
                    id=new_id(),
                    debrief_id=debrief_id,
                    field_id=field_id,
                    text=text,
                    due=due,
                    created=created,
                )
                position = connection.execute(
                    "SELECT coalesce(max(position), -1) + 1 FROM action_points "
                    "WHERE debrief_seq = ? AND field_id = ?",
                    (seq, field_id),
                ).fetchone()[0]
                connection.execute(
                    "INSERT INTO action_points (id, debrief_seq, field_id, position, text, due, "
                    "created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        action.id,
                        seq,
                        field_id,
                        position,
                        action.text,
                        None if due is None else due.isoformat(),
                        to_db_time(created),
                    ),
                )
                reindex(connection, seq)
                return action

        return self._worker.call(insert)

    def of(self, debrief_id: str) -> list[ActionPoint]:
        """A debrief's action points, by field and in the order they were added."""
        return self._worker.call(lambda c: actions_of(c, debrief_seq(c, debrief_id)))

    def edit(self, action_id: str, text: str) -> ActionPoint:
        """Change an action point's text."""

        def change(connection: Connection) -> ActionPoint:
            with transaction(connection):
                updated = _validated(**{**_read(connection, action_id).model_dump(), "text": text})
                connection.execute(
                    "UPDATE action_points SET text = ? WHERE id = ?", (updated.text, action_id)
                )
                reindex(connection, debrief_seq(connection, updated.debrief_id))
                return updated

        return self._worker.call(change)

    def set_due(self, action_id: str, due: date | None) -> ActionPoint:
        """Set or clear (None) an action point's due date."""

        def change(connection: Connection) -> ActionPoint:
            with transaction(connection):
                current = _read(connection, action_id)
                connection.execute(
                    "UPDATE action_points SET due = ? WHERE id = ?",
                    (None if due is None else due.isoformat(), action_id),
                )
                return current.model_copy(update={"due": due})

        return self._worker.call(change)

    def set_done(self, action_id: str, done: bool = True) -> ActionPoint:
        """Tick an action point off, or (done=False) undo that."""
        done_at = self._clock.now() if done else None

        def change(connection: Connection) -> ActionPoint:
            with transaction(connection):
                current = _read(connection, action_id)
                connection.execute(
                    "UPDATE action_points SET done_at = ? WHERE id = ?",
                    (None if done_at is None else to_db_time(done_at), action_id),
                )
                return current.model_copy(update={"done_at": done_at})

        return self._worker.call(change)

    def delete(self, action_id: str) -> None:
        """Remove an action point."""

        def remove(connection: Connection) -> None:
            with transaction(connection):
                action = _read(connection, action_id)
                connection.execute("DELETE FROM action_points WHERE id = ?", (action_id,))
                reindex(connection, debrief_seq(connection, action.debrief_id))

        self._worker.call(remove)

    def open(self, limit: int = 500) -> list[OpenAction]:
        """Action points not yet done, across all debriefs outside the trash: those due
        soonest first, then those without a date, oldest first."""
        rows = self._worker.call(
            lambda c: c.execute(
                f"SELECT {_COLUMNS}, d.title, d.created FROM {_FROM} "
                "WHERE a.done_at IS NULL AND d.trashed_at IS NULL "
                "ORDER BY a.due IS NULL, a.due, a.created, a.id LIMIT ?",
                (limit,),
            ).fetchall()
        )
        return [
            OpenAction(action=_row(row), debrief_title=row[7], debrief_created=from_db_time(row[8]))
            for row in rows
        ]

    def done(self, limit: int = 100) -> list[OpenAction]:
        """Action points already done (outside the trash), most recently done first, so
        one ticked by mistake can be found and reopened."""
        rows = self._worker.call(
            lambda c: c.execute(
                f"SELECT {_COLUMNS}, d.title, d.created FROM {_FROM} "
                "WHERE a.done_at IS NOT NULL AND d.trashed_at IS NULL "
                "ORDER BY a.done_at DESC, a.id LIMIT ?",
                (limit,),
            ).fetchall()
        )
        return [
            OpenAction(action=_row(row), debrief_title=row[7], debrief_created=from_db_time(row[8]))
            for row in rows
        ]


def _validated(**values: object) -> ActionPoint:
    try:
        return ActionPoint.model_validate(values)
    except ValidationError:
        raise InvalidAction() from None
