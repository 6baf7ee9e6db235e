"""Numbered, forward-only schema migrations (`PRAGMA user_version`).

Each migration runs in its own transaction, so a crash mid-upgrade leaves the previous
version intact. A database newer than this app is refused without being touched.
Add a migration by appending to `MIGRATIONS`; never edit a released one.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.vault.database_worker import Connection
from desktop.vault.errors import VaultNewerThanApp

MIGRATIONS: Sequence[Sequence[str]] = (
    # 1: the vault's identity and the first aggregate.
    (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
        """CREATE TABLE debriefs (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        ) STRICT""",
    ),
    # 2: per-vault preferences (auto-lock, …) and the list's sort order.
    (
        "CREATE TABLE preferences (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
        "CREATE INDEX debriefs_by_updated ON debriefs (updated DESC, id)",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: Connection) -> int:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    assert isinstance(version, int)
    return version


def migrate(connection: Connection, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to `target`; return the version found before migrating."""
    found = schema_version(connection)
    if found > SCHEMA_VERSION:
        raise VaultNewerThanApp(f"schema-{found}")
    for version in range(found + 1, target + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version - 1]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version:d}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return found
