"""The names to watch for, kept in the vault's preferences (no table of their own).

One JSON list under `WATCH_LIST_PREFERENCE` in the per-vault `preferences` table, so
the list needs no migration, travels in backups, and a write announces
`Changed.PREFERENCES` like every other preference. Names are patient names: nothing
here logs them or puts them in an exception.
"""

from __future__ import annotations

import json

from desktop.models.watch_list import (
    MAX_NAMES,
    WatchListFull,
    clean_watch_name,
    fold,
    sorted_names,
    tolerant_names,
)
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.sql import transaction

WATCH_LIST_PREFERENCE = "identifier_watch_list"


def read_watch_list(connection: Connection) -> list[str]:
    row = connection.execute(
        "SELECT value FROM preferences WHERE key = ?", (WATCH_LIST_PREFERENCE,)
    ).fetchone()
    if row is None:
        return []
    try:
        stored = json.loads(row[0])
    except ValueError:
        return []
    return tolerant_names(stored)


def _write(connection: Connection, names: list[str]) -> None:
    connection.execute(
        "INSERT INTO preferences (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (WATCH_LIST_PREFERENCE, json.dumps(names, ensure_ascii=False)),
    )


class WatchListStore:
    """Read, add to and remove from the watch list; each call is one database job."""

    def __init__(self, worker: DatabaseWorker) -> None:
        self._worker = worker

    def names(self) -> list[str]:
        """The names, in a case- and accent-blind alphabetical order."""
        return self._worker.call(read_watch_list)

    def add(self, raw: str) -> list[str]:
        """Add a name (cleaned; `InvalidWatchName` if empty or long); the list after.

        A name already on the list (ignoring case and accents) is not added twice.
        """
        name = clean_watch_name(raw)

        def add(connection: Connection) -> list[str]:
            with transaction(connection):
                names = read_watch_list(connection)
                if any(fold(kept) == fold(name) for kept in names):
                    return names
                if len(names) >= MAX_NAMES:
                    raise WatchListFull()
                names = sorted_names([*names, name])
                _write(connection, names)
                return names

        return self._worker.call(add)

    def remove(self, name: str) -> list[str]:
        """Remove a name (matched ignoring case and accents); the list after."""
        key = fold(name)

        def remove(connection: Connection) -> list[str]:
            with transaction(connection):
                names = read_watch_list(connection)
                kept = [kept for kept in names if fold(kept) != key]
                if kept != names:
                    _write(connection, kept)
                return kept

        return self._worker.call(remove)
