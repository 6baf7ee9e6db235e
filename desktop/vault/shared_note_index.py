"""Shared notes in the same full-text index as debriefs (`debrief_fts`).

Each live shared note (not deleted, not archived) has one row, under a fresh rowid from
the same counter debriefs use (rowids are never reused: see search_index.py), with its
title and text; `shared_notes.fts_rowid` points at it. Every write that changes a note
re-indexes it inside its own transaction, so the index never shows a word the note no
longer holds, and a deleted note's words are overwritten (secure-delete).
"""

from __future__ import annotations

from desktop.models.listing import HIGHLIGHT_END, HIGHLIGHT_START, Snippet
from desktop.vault.database_worker import Connection
from desktop.vault.search_index import _next_rowid


def reindex_shared(connection: Connection, note_id: str) -> None:
    """Index a shared note afresh, or drop it from the index once deleted or archived."""
    connection.execute(
        "DELETE FROM debrief_fts WHERE rowid = (SELECT fts_rowid FROM shared_notes WHERE id = ?)",
        (note_id,),
    )
    connection.execute("UPDATE shared_notes SET fts_rowid = NULL WHERE id = ?", (note_id,))
    row = connection.execute(
        "SELECT title, body FROM shared_notes WHERE id = ? AND deleted = 0 AND archived = 0",
        (note_id,),
    ).fetchone()
    if row is None:
        return
    rowid = _next_rowid(connection)
    connection.execute(
        "INSERT INTO debrief_fts (rowid, title, body, tags, actions) VALUES (?, ?, ?, '', '')",
        (rowid, row[0], row[1]),
    )
    connection.execute("UPDATE shared_notes SET fts_rowid = ? WHERE id = ?", (rowid, note_id))


def search_shared_notes(
    connection: Connection, query: str, *, limit: int = 50
) -> list[tuple[str, str, Snippet]]:
    """(note id, title, snippet) of live shared notes matching an FTS query, best first."""
    rows = connection.execute(
        "SELECT n.id, n.title, snippet(debrief_fts, -1, ?, ?, '…', 12) FROM debrief_fts "
        "JOIN shared_notes AS n ON n.fts_rowid = debrief_fts.rowid "
        "WHERE debrief_fts MATCH ? AND n.deleted = 0 AND n.archived = 0 ORDER BY rank LIMIT ?",
        (HIGHLIGHT_START, HIGHLIGHT_END, query, max(1, min(limit, 200))),
    ).fetchall()
    return [(row[0], row[1], Snippet.from_marked(row[2] or "")) for row in rows]
