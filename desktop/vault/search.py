"""Full-text search over every field, tag and action point, inside the encrypted database.

The user's words never reach FTS5's query syntax: each word is quoted and prefix-matched
("burn" finds "burnout"), so no input can raise an FTS5 error (whose message would
repeat the words). Results come best first by `ORDER BY rank` (the index's own bm25,
weighted title > tags > body; `ORDER BY bm25(...)` measured 7–12x slower). A newer
search cancels an older one: `cancel()` interrupts only a search, never a save.
"""

from __future__ import annotations

import threading
import unicodedata

import sqlcipher3

from desktop.models.listing import HIGHLIGHT_END, HIGHLIGHT_START, ListFilter, SearchHit, Snippet
from desktop.sentences import UserSentence
from desktop.vault.database_errors import error_name
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.listing import CHECKIN_JOIN, MAX_PAGE, SUMMARY_COLUMNS, filter_clause
from desktop.vault.listing import summary_from_row as _summary
from desktop.vault.search_index import optimize
from desktop.vault.sql import transaction

SNIPPET_TOKENS = 12
MAX_QUERY_WORDS = 16


class SearchCancelled(UserSentence, Exception):
    """A newer search replaced this one (not an error to show)."""


def _is_text(ch: str) -> bool:
    category = unicodedata.category(ch)
    # Control, format and surrogate characters are dropped (a NUL ends FTS5's string);
    # private-use characters are kept, as the tokenizer keeps them.
    return category[0] != "C" or category == "Co"


def fts_query(text: str) -> str | None:
    """The FTS5 query for what the user typed: every word quoted and prefix-matched, all
    required. None when nothing searchable is left (then show the plain list)."""
    phrases = []
    for word in text.split()[:MAX_QUERY_WORDS]:
        cleaned = "".join(ch for ch in word if _is_text(ch))
        if any(ch.isalnum() for ch in cleaned):
            phrases.append('"' + cleaned.replace('"', '""') + '"*')
    return " ".join(phrases) or None


def search_debriefs(
    connection: Connection,
    text: str,
    list_filter: ListFilter | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
) -> list[SearchHit]:
    """Matching debriefs outside the trash, best first, each with a marked snippet."""
    query = fts_query(text)
    if query is None:
        return []
    where, params = filter_clause(list_filter or ListFilter())
    rows = connection.execute(
        f"SELECT {SUMMARY_COLUMNS}, snippet(debrief_fts, -1, ?, ?, '…', ?) "
        f"FROM debrief_fts JOIN debriefs AS d ON d.fts_rowid = debrief_fts.rowid {CHECKIN_JOIN} "
        f"WHERE debrief_fts MATCH ? AND {where} ORDER BY rank LIMIT ? OFFSET ?",
        (
            HIGHLIGHT_START,
            HIGHLIGHT_END,
            SNIPPET_TOKENS,
            query,
            *params,
            max(1, min(limit, MAX_PAGE)),
            max(0, offset),
        ),
    ).fetchall()
    return [
        SearchHit(summary=_summary(row), snippet=Snippet.from_marked(row[6] or "")) for row in rows
    ]


class SearchStore:
    """Search on the vault's database thread, cancellable by a newer search."""

    def __init__(self, worker: DatabaseWorker) -> None:
        self._worker = worker
        self._lock = threading.Lock()
        self._generation = 0
        self._running = False

    def find(
        self,
        text: str,
        list_filter: ListFilter | None = None,
        *,
        limit: int = 50,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Search, or raise `SearchCancelled` if `cancel()` was called before it finished."""
        with self._lock:
            generation = self._generation

        def run(connection: Connection) -> list[SearchHit]:
            with self._lock:
                if generation != self._generation:
                    raise SearchCancelled()
                self._running = True
            try:
                return search_debriefs(connection, text, list_filter, limit=limit, offset=offset)
            except sqlcipher3.Error as exc:
                if error_name(exc) == "SQLITE_INTERRUPT":
                    raise SearchCancelled() from None
                raise
            finally:
                with self._lock:
                    self._running = False

        return self._worker.call(run)

    def shared(self, text: str, *, limit: int = 50) -> list[tuple[str, str, Snippet]]:
        """Shared notes matching ``text`` in the same index: (id, title, snippet)."""
        from desktop.vault.shared_note_index import search_shared_notes

        query = fts_query(text)
        if query is None:
            return []
        return self._worker.call(
            lambda connection: search_shared_notes(connection, query, limit=limit)
        )

    def optimize_index(self) -> None:
        """Merge the search index into one segment (seconds on a large vault): run it in
        the background when the user is idle; it makes later bulk changes cheaper."""

        def run(connection: Connection) -> None:
            with transaction(connection):
                optimize(connection)

        self._worker.call(run)

    def cancel(self) -> None:
        """Stop the running search and any already queued; later searches run normally."""
        with self._lock:
            self._generation += 1
            if self._running:
                # Under the lock the database thread cannot move on to another job, so
                # the interrupt can only land on this search.
                self._worker.interrupt()
