"""Translate SQLite/SQLCipher exceptions into vault errors that carry no user words.

SQLite repeats query text and values in its messages (`no such column: Jones`), so an
exception's message never leaves this module: only its SQLite error *name* does.
"""

from __future__ import annotations

import sqlcipher3

from desktop.vault.errors import (
    DiskFull,
    FolderNotWritable,
    VaultDamaged,
    VaultError,
    VaultOpenElsewhere,
)


class StorageBug(Exception):
    """An unexpected database error: a bug in Alongside, not in the user's data.

    Its message is only the SQLite error name, never SQLite's own text.
    """


_BY_NAME: dict[str, type[VaultError]] = {
    "SQLITE_NOTADB": VaultDamaged,
    "SQLITE_CORRUPT": VaultDamaged,
    "SQLITE_CORRUPT_VTAB": VaultDamaged,
    "SQLITE_FULL": DiskFull,
    "SQLITE_IOERR_WRITE": DiskFull,
    "SQLITE_READONLY": FolderNotWritable,
    "SQLITE_READONLY_DIRECTORY": FolderNotWritable,
    "SQLITE_CANTOPEN": FolderNotWritable,
    "SQLITE_PERM": FolderNotWritable,
    "SQLITE_BUSY": VaultOpenElsewhere,
    "SQLITE_LOCKED": VaultOpenElsewhere,
}


def error_name(exc: BaseException) -> str:
    """The SQLite error name of `exc` (e.g. `SQLITE_NOTADB`), or its type name."""
    name = getattr(exc, "sqlite_errorname", None)
    return name if isinstance(name, str) else type(exc).__name__


def translate(exc: sqlcipher3.Error) -> Exception:
    """Return the vault error (or `StorageBug`) to raise in place of `exc`."""
    name = error_name(exc)
    known = _BY_NAME.get(name)
    if known is not None:
        return known(name)
    if name.startswith("SQLITE_IOERR") and "NOMEM" not in name:
        # A write that fails at the OS level is usually a full or vanished disk.
        return DiskFull(name)
    return StorageBug(name)


# `Connection.backup` raises with only `sqlite3_errstr(rc)`: SQLite's fixed text for the
# result code, never query text or values, and no error code attribute. These fixed
# texts are matched here so the message still never leaves this module.
_BACKUP_ERRSTR: dict[str, tuple[type[VaultError], str]] = {
    "database or disk is full": (DiskFull, "SQLITE_FULL"),
    "disk I/O error": (DiskFull, "SQLITE_IOERR"),
    "attempt to write a readonly database": (FolderNotWritable, "SQLITE_READONLY"),
    "unable to open database file": (FolderNotWritable, "SQLITE_CANTOPEN"),
    "access permission denied": (FolderNotWritable, "SQLITE_PERM"),
}


def translate_backup_failure(exc: sqlcipher3.Error) -> Exception:
    """Like `translate`, for the online backup API's code-less exceptions."""
    if isinstance(getattr(exc, "sqlite_errorname", None), str):
        return translate(exc)
    known = _BACKUP_ERRSTR.get(str(exc))
    if known is not None:
        error_type, name = known
        return error_type(name)
    return StorageBug(f"backup-{type(exc).__name__}")
