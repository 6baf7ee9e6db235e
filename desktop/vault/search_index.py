"""Keep the full-text index in step with debriefs, tags and action points.

Every write that changes what a debrief says calls `reindex(connection, seq)` inside
its own transaction. Re-indexing deletes the debrief's index row and inserts a new one
under a *fresh* rowid, never the same one: with FTS5's `secure-delete` option on, an
in-place UPDATE (a delete and re-insert of one rowid in a transaction) of a document
with a long position list left orphan entries that a later delete did not remove, and
`PRAGMA integrity_check` reported "fts5: checksum mismatch" (SQLite 3.53.4 in
sqlcipher3 0.6.4; the reproduction is in docs/debriefs.md). Deleted words must not
survive "delete forever", so rowids are never reused; test_search_index.py checks it.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.vault.database_worker import Connection


def _next_rowid(connection: Connection) -> int:
    row = connection.execute("UPDATE search_rowid SET last = last + 1 RETURNING last").fetchone()
    return int(row[0])


def unindex(connection: Connection, seqs: Iterable[int]) -> None:
    """Remove debriefs from the index (secure-delete overwrites their words)."""
    for seq in seqs:
        connection.execute(
            "DELETE FROM debrief_fts WHERE rowid = (SELECT fts_rowid FROM debriefs WHERE seq = ?)",
            (seq,),
        )
        connection.execute("UPDATE debriefs SET fts_rowid = NULL WHERE seq = ?", (seq,))


def _insert(connection: Connection, seq: int) -> None:
    row = connection.execute("SELECT title, body FROM debriefs WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        return
    tags = connection.execute(
        "SELECT coalesce(group_concat(t.name, ' '), '') FROM debrief_tags AS dt "
        "JOIN tags AS t ON t.id = dt.tag_id WHERE dt.debrief_seq = ?",
        (seq,),
    ).fetchone()[0]
    actions = connection.execute(
        "SELECT coalesce(group_concat(text, ' '), '') FROM action_points WHERE debrief_seq = ?",
        (seq,),
    ).fetchone()[0]
    rowid = _next_rowid(connection)
    connection.execute(
        "INSERT INTO debrief_fts (rowid, title, body, tags, actions) VALUES (?, ?, ?, ?, ?)",
        (rowid, row[0], row[1], tags, actions),
    )
    connection.execute("UPDATE debriefs SET fts_rowid = ? WHERE seq = ?", (rowid, seq))


def reindex(connection: Connection, seq: int) -> None:
    """Index a debrief's title, text, tags and action points afresh (in a transaction)."""
    unindex(connection, (seq,))
    _insert(connection, seq)


BULK_REINDEX = 100


def optimize(connection: Connection) -> None:
    """Merge the index into one segment. Secure-delete looks every old word up in each
    segment, so re-indexing many debriefs (a tag rename) is ~10x cheaper afterwards."""
    connection.execute("INSERT INTO debrief_fts (debrief_fts) VALUES ('optimize')")


def reindex_many(connection: Connection, seqs: Iterable[int]) -> None:
    """Re-index several debriefs (in a transaction), merging the index first if many."""
    chosen = list(seqs)
    if len(chosen) > BULK_REINDEX:
        optimize(connection)
    # All deletes first, then all inserts: a secure-delete flushes FTS5's pending
    # inserts, so interleaving them would write (and merge) one segment per debrief.
    unindex(connection, chosen)
    for seq in chosen:
        _insert(connection, seq)
