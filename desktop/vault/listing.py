"""The debrief list's SQL: filters, newest-first pages (keyset or offset) and counts.

The Qt item model asks for a count and then pages of light rows, so it never loads
every debrief or any debrief's full text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.models.checkin import StressZone
from desktop.models.listing import DebriefPage, DebriefSummary, ListFilter, PageCursor
from desktop.models.tag import InvalidTag, normalise_tag_name
from desktop.vault.database_worker import Connection
from desktop.vault.sql import from_db_time, to_db_time

MAX_PAGE = 1000

SUMMARY_COLUMNS = "d.id, d.title, d.template_id, d.created, d.updated, c.zone"
CHECKIN_JOIN = "LEFT JOIN checkins AS c ON c.id = d.checkin_id"
SUMMARY_FROM = f"debriefs AS d {CHECKIN_JOIN}"


def filter_clause(list_filter: ListFilter) -> tuple[str, list[object]]:
    """A WHERE condition (over `d` and `c`) and its parameters; trash is always left out."""
    conditions = ["d.trashed_at IS NULL"]
    params: list[object] = []
    if list_filter.tag is not None:
        try:
            name = normalise_tag_name(list_filter.tag)
        except InvalidTag:
            name = list_filter.tag
        conditions.append(
            "EXISTS (SELECT 1 FROM debrief_tags AS dt JOIN tags AS t ON t.id = dt.tag_id "
            "WHERE dt.debrief_seq = d.seq AND t.name = ?)"
        )
        params.append(name)
    if list_filter.template_id is not None:
        conditions.append("d.template_id = ?")
        params.append(list_filter.template_id)
    if list_filter.created_from is not None:
        conditions.append("d.created >= ?")
        params.append(to_db_time(list_filter.created_from))
    if list_filter.created_before is not None:
        conditions.append("d.created < ?")
        params.append(to_db_time(list_filter.created_before))
    if list_filter.zone is not None:
        conditions.append("c.zone = ?")
        params.append(list_filter.zone.value)
    return " AND ".join(conditions), params


def summary_from_row(row: Sequence[Any]) -> DebriefSummary:
    """A list row from the first six columns of `SUMMARY_COLUMNS`."""
    return DebriefSummary(
        id=row[0],
        title=row[1],
        template_id=row[2],
        created=from_db_time(row[3]),
        updated=from_db_time(row[4]),
        zone=None if row[5] is None else StressZone(row[5]),
    )


def page_debriefs(
    connection: Connection,
    list_filter: ListFilter,
    *,
    after: PageCursor | None = None,
    offset: int = 0,
    limit: int = 100,
) -> DebriefPage:
    """One page, newest first (by creation, so rows do not jump while being edited)."""
    limit = max(1, min(limit, MAX_PAGE))
    where, params = filter_clause(list_filter)
    if after is not None:
        where += " AND (d.created, d.id) < (?, ?)"
        params += [after.created, after.id]
    rows = connection.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM} WHERE {where} "
        "ORDER BY d.created DESC, d.id DESC LIMIT ? OFFSET ?",
        (*params, limit + 1, max(0, offset)),
    ).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = PageCursor(created=rows[-1][3], id=rows[-1][0]) if more else None
    return DebriefPage(rows=tuple(summary_from_row(row) for row in rows), next_cursor=cursor)


def count_debriefs(connection: Connection, list_filter: ListFilter) -> int:
    """How many debriefs match the filter (the list model's row count)."""
    where, params = filter_clause(list_filter)
    row = connection.execute(
        f"SELECT count(*) FROM {SUMMARY_FROM} WHERE {where}", params
    ).fetchone()
    return int(row[0])
