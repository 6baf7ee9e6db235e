"""Debriefs stored in the vault: add, get, update, move to the trash, list and page.

A debrief written with a template keeps that template's id and version; its text is
kept per field (`fields`) and joined into `body`, which search indexes and the simple
`add(title, body)` API reads and writes for debriefs without a template.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.debrief import Debrief, compose_body, title_from_fields, title_from_text
from desktop.models.listing import DebriefPage, ListFilter, PageCursor
from desktop.models.template import Template
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.listing import count_debriefs, page_debriefs
from desktop.vault.rows import DebriefNotFound, InvalidDebrief, debrief_seq
from desktop.vault.search_index import reindex
from desktop.vault.sql import (
    from_db_time,
    new_id,
    optional_time,
    to_db_time,
    transaction,
)
from desktop.vault.tags import set_debrief_tags, tags_of
from desktop.vault.templates import load_template, store_template_version

__all__ = ["DebriefNotFound", "DebriefStore", "InvalidDebrief"]


COLUMNS = (
    "seq, id, title, body, created, updated, template_id, template_version, fields, "
    "title_is_automatic, checkin_id, trashed_at"
)


def read_debrief(
    connection: Connection, debrief_id: str, *, include_trashed: bool = False
) -> Debrief:
    """One debrief with its tags, on the database thread."""
    row = connection.execute(
        f"SELECT {COLUMNS} FROM debriefs WHERE id = ?", (debrief_id,)
    ).fetchone()
    if row is None or (row[11] is not None and not include_trashed):
        raise DebriefNotFound()
    return _row_to_debrief(row, tags_of(connection, row[0]))


def _row_to_debrief(row: Sequence[Any], tags: Sequence[str]) -> Debrief:
    return Debrief(
        id=row[1],
        title=row[2],
        body=row[3],
        created=from_db_time(row[4]),
        updated=from_db_time(row[5]),
        template_id=row[6],
        template_version=row[7],
        fields=json.loads(row[8]),
        title_is_automatic=bool(row[9]),
        checkin_id=row[10],
        trashed_at=optional_time(row[11]),
        tags=tuple(tags),
    )


def _validated(**fields: object) -> Debrief:
    try:
        return Debrief.model_validate(fields)
    except ValidationError:
        # The ValidationError would name the field and constraint; neither helps the
        # user, and its input (hidden anyway) must never travel further.
        raise InvalidDebrief() from None


def _check_field_ids(template: Template | None, fields: Mapping[str, str]) -> None:
    if template is None:
        if fields:
            raise ValueError("fields need a template")
        return
    known = {field.id for field in template.fields}
    if not set(fields) <= known:
        raise ValueError("field id not in template")


def _title(
    title: str | None,
    current: Debrief | None,
    template: Template | None,
    fields: Mapping[str, str],
    body: str,
) -> tuple[str, bool]:
    """The title to store and whether it follows the first field automatically."""
    if title is None and current is not None and not current.title_is_automatic:
        return current.title, False
    if title is not None and title.strip():
        return title, False
    derived = title_from_fields(template, fields) if template is not None else title_from_text(body)
    return derived, True


class DebriefStore:
    """The vault's debriefs; every call runs on the vault's database thread."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    def add(
        self,
        title: str = "",
        body: str = "",
        *,
        template: Template | None = None,
        fields: Mapping[str, str] | None = None,
        tags: Sequence[str] = (),
        checkin_id: str | None = None,
    ) -> Debrief:
        """Save a new debrief. With a template, pass `fields`; a blank title follows the
        first field that has text."""
        values = dict(fields or {})
        _check_field_ids(template, values)
        if template is not None:
            if body:
                raise ValueError("body is derived from the fields")
            body = compose_body(template, values)
        now = self._clock.now()
        stored_title, automatic = _title(title, None, template, values, body)
        debrief = _validated(
            id=new_id(),
            title=stored_title,
            body=body,
            created=now,
            updated=now,
            template_id=None if template is None else template.id,
            template_version=None if template is None else template.version,
            fields=values,
            checkin_id=checkin_id,
            title_is_automatic=automatic,
        )

        def insert(connection: Connection) -> Debrief:
            with transaction(connection):
                if template is not None:
                    store_template_version(connection, template, to_db_time(now))
                cursor = connection.execute(
                    "INSERT INTO debriefs (id, title, body, created, updated, template_id, "
                    "template_version, fields, title_is_automatic, checkin_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        debrief.id,
                        debrief.title,
                        debrief.body,
                        to_db_time(debrief.created),
                        to_db_time(debrief.updated),
                        debrief.template_id,
                        debrief.template_version,
                        json.dumps(values),
                        int(automatic),
                        checkin_id,
                    ),
                )
                seq = cursor.lastrowid
                stored_tags = set_debrief_tags(connection, seq, tags, reindex_after=False)
                reindex(connection, seq)
            return debrief.model_copy(update={"tags": stored_tags})

        return self._worker.call(insert)

    def get(self, debrief_id: str, *, include_trashed: bool = False) -> Debrief:
        """One debrief; one in the trash only with `include_trashed`."""
        return self._worker.call(
            lambda c: read_debrief(c, debrief_id, include_trashed=include_trashed)
        )

    def update(
        self,
        debrief_id: str,
        *,
        title: str | None = None,
        body: str | None = None,
        fields: Mapping[str, str] | None = None,
    ) -> Debrief:
        """Save changed text. `fields` may hold only the fields that changed."""

        def change(connection: Connection) -> Debrief:
            with transaction(connection):
                current = read_debrief(connection, debrief_id)
                template = (
                    None
                    if current.template_id is None
                    else load_template(connection, current.template_id, current.template_version)
                )
                values = dict(current.fields)
                if fields is not None:
                    _check_field_ids(template, fields)
                    values.update(fields)
                if template is not None:
                    if body is not None:
                        raise ValueError("body is derived from the fields")
                    new_body = compose_body(template, values)
                else:
                    new_body = current.body if body is None else body
                new_title, automatic = _title(title, current, template, values, new_body)
                updated = _validated(
                    **{
                        **current.model_dump(),
                        "title": new_title,
                        "body": new_body,
                        "fields": values,
                        "updated": self._clock.now(),
                        "title_is_automatic": automatic,
                    }
                )
                connection.execute(
                    "UPDATE debriefs SET title = ?, body = ?, fields = ?, updated = ?, "
                    "title_is_automatic = ? WHERE id = ?",
                    (
                        updated.title,
                        updated.body,
                        json.dumps(values),
                        to_db_time(updated.updated),
                        int(automatic),
                        updated.id,
                    ),
                )
                if (updated.title, updated.body) != (current.title, current.body):
                    reindex(connection, debrief_seq(connection, debrief_id))
                return updated

        return self._worker.call(change)

    def delete(self, debrief_id: str) -> None:
        """Move a debrief to the trash (restorable for 30 days; see `TrashStore`)."""
        now = to_db_time(self._clock.now())
        moved = self._worker.call(
            lambda c: (
                c.execute(
                    "UPDATE debriefs SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL",
                    (now, debrief_id),
                ).rowcount
            )
        )
        if moved == 0:
            raise DebriefNotFound()

    def list(self) -> list[Debrief]:
        """All debriefs outside the trash, most recently updated first (small vaults;
        the list view uses `page`)."""

        def read(connection: Connection) -> list[Debrief]:
            rows = connection.execute(
                f"SELECT {COLUMNS} FROM debriefs WHERE trashed_at IS NULL ORDER BY updated DESC, id"
            ).fetchall()
            return [_row_to_debrief(row, tags_of(connection, row[0])) for row in rows]

        return self._worker.call(read)

    def page(
        self,
        list_filter: ListFilter | None = None,
        *,
        after: PageCursor | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> DebriefPage:
        """One page of the list, newest first: pass the last page's `next_cursor` as
        `after` (fast at any depth), or an `offset` for random access."""
        chosen = list_filter or ListFilter()
        return self._worker.call(
            lambda c: page_debriefs(c, chosen, after=after, offset=offset, limit=limit)
        )

    def count(self, list_filter: ListFilter | None = None) -> int:
        """How many debriefs match the filter (for the list's row count)."""
        chosen = list_filter or ListFilter()
        return self._worker.call(lambda c: count_debriefs(c, chosen))
