"""Tags on debriefs: add, remove, autocomplete, rename everywhere.

Names match case-insensitively (ASCII letters; SQLite's NOCASE), so "Night" and
"night" are one tag. A tag no debrief carries any more is deleted.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.models.tag import Tag, normalise_tag_name
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.rows import debrief_seq
from desktop.vault.search_index import reindex, reindex_many
from desktop.vault.sql import transaction


def tags_of(connection: Connection, seq: int) -> tuple[str, ...]:
    """A debrief's tags, alphabetically."""
    rows = connection.execute(
        "SELECT t.name FROM debrief_tags AS dt JOIN tags AS t ON t.id = dt.tag_id "
        "WHERE dt.debrief_seq = ? ORDER BY t.name COLLATE NOCASE",
        (seq,),
    ).fetchall()
    return tuple(row[0] for row in rows)


def _tag_id(connection: Connection, name: str) -> int:
    connection.execute("INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (name,))
    row = connection.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
    return int(row[0])


def drop_unused_tags(connection: Connection) -> None:
    """Delete tags no debrief carries any more (their names are content too)."""
    connection.execute(
        "DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM debrief_tags WHERE tag_id = tags.id)"
    )


def set_debrief_tags(
    connection: Connection, seq: int, names: Sequence[str], *, reindex_after: bool = True
) -> tuple[str, ...]:
    """Give a debrief exactly these tags (call inside a transaction)."""
    wanted = {normalise_tag_name(name).casefold(): normalise_tag_name(name) for name in names}
    tag_ids = {_tag_id(connection, name) for name in wanted.values()}
    current = {
        row[0]
        for row in connection.execute(
            "SELECT tag_id FROM debrief_tags WHERE debrief_seq = ?", (seq,)
        ).fetchall()
    }
    for tag_id in current - tag_ids:
        connection.execute(
            "DELETE FROM debrief_tags WHERE debrief_seq = ? AND tag_id = ?", (seq, tag_id)
        )
    for tag_id in tag_ids - current:
        connection.execute(
            "INSERT INTO debrief_tags (debrief_seq, tag_id) VALUES (?, ?)", (seq, tag_id)
        )
    drop_unused_tags(connection)
    if reindex_after and current != tag_ids:
        reindex(connection, seq)
    return tags_of(connection, seq)


def _like_prefix(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


class TagStore:
    """The vault's tags; every call runs on the vault's database thread."""

    def __init__(self, worker: DatabaseWorker) -> None:
        self._worker = worker

    def of(self, debrief_id: str) -> tuple[str, ...]:
        """A debrief's tags, alphabetically."""
        return self._worker.call(lambda c: tags_of(c, debrief_seq(c, debrief_id)))

    def set(self, debrief_id: str, names: Sequence[str]) -> tuple[str, ...]:
        """Replace a debrief's tags; returns them as stored (sorted, de-duplicated)."""

        def change(connection: Connection) -> tuple[str, ...]:
            with transaction(connection):
                return set_debrief_tags(connection, debrief_seq(connection, debrief_id), names)

        return self._worker.call(change)

    def add(self, debrief_id: str, name: str) -> tuple[str, ...]:
        """Add one tag to a debrief; returns its tags as stored."""

        def change(connection: Connection) -> tuple[str, ...]:
            with transaction(connection):
                seq = debrief_seq(connection, debrief_id)
                return set_debrief_tags(connection, seq, (*tags_of(connection, seq), name))

        return self._worker.call(change)

    def remove(self, debrief_id: str, name: str) -> tuple[str, ...]:
        """Remove one tag (any case) from a debrief; returns its tags as stored."""
        gone = normalise_tag_name(name).casefold()

        def change(connection: Connection) -> tuple[str, ...]:
            with transaction(connection):
                seq = debrief_seq(connection, debrief_id)
                kept = [t for t in tags_of(connection, seq) if t.casefold() != gone]
                return set_debrief_tags(connection, seq, kept)

        return self._worker.call(change)

    def complete(self, prefix: str, limit: int = 10) -> list[str]:
        """Tags starting with `prefix` (any case), most used first, for autocomplete."""
        pattern = _like_prefix(" ".join(prefix.split()))
        rows = self._worker.call(
            lambda c: c.execute(
                "SELECT t.name FROM tags AS t JOIN debrief_tags AS dt ON dt.tag_id = t.id "
                "JOIN debriefs AS d ON d.seq = dt.debrief_seq AND d.trashed_at IS NULL "
                "WHERE t.name LIKE ? ESCAPE '\\' GROUP BY t.id "
                "ORDER BY count(*) DESC, t.name COLLATE NOCASE LIMIT ?",
                (pattern, limit),
            ).fetchall()
        )
        return [row[0] for row in rows]

    def all(self) -> list[Tag]:
        """Every tag in use outside the trash, with its count, alphabetically."""
        rows = self._worker.call(
            lambda c: c.execute(
                "SELECT t.name, count(*) FROM tags AS t "
                "JOIN debrief_tags AS dt ON dt.tag_id = t.id "
                "JOIN debriefs AS d ON d.seq = dt.debrief_seq AND d.trashed_at IS NULL "
                "GROUP BY t.id ORDER BY t.name COLLATE NOCASE"
            ).fetchall()
        )
        return [Tag(name=row[0], count=row[1]) for row in rows]

    def rename(self, old: str, new: str) -> None:
        """Rename a tag on every debrief; renaming onto an existing tag merges the two."""
        old_name, new_name = normalise_tag_name(old), normalise_tag_name(new)

        def change(connection: Connection) -> None:
            with transaction(connection):
                source = connection.execute(
                    "SELECT id FROM tags WHERE name = ?", (old_name,)
                ).fetchone()
                if source is None:
                    return
                seqs = [
                    row[0]
                    for row in connection.execute(
                        "SELECT debrief_seq FROM debrief_tags WHERE tag_id = ?", (source[0],)
                    ).fetchall()
                ]
                target = connection.execute(
                    "SELECT id FROM tags WHERE name = ?", (new_name,)
                ).fetchone()
                if target is None or target[0] == source[0]:
                    connection.execute(
                        "UPDATE tags SET name = ? WHERE id = ?", (new_name, source[0])
                    )
                else:
                    connection.execute(
                        "INSERT INTO debrief_tags (debrief_seq, tag_id) "
                        "SELECT debrief_seq, ? FROM debrief_tags WHERE tag_id = ? "
                        "ON CONFLICT DO NOTHING",
                        (target[0], source[0]),
                    )
                    connection.execute("DELETE FROM debrief_tags WHERE tag_id = ?", (source[0],))
                    connection.execute("DELETE FROM tags WHERE id = ?", (source[0],))
                reindex_many(connection, seqs)

        self._worker.call(change)
