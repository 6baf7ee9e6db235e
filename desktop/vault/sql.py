"""Small helpers shared by the vault's stores: transactions, ids and stored times."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from desktop.vault.database_worker import Connection


def new_id() -> str:
    """A random 128-bit id in hex: reveals nothing, unlike a counter or a time."""
    return secrets.token_hex(16)


def to_db_time(moment: datetime) -> str:
    """A stored time: UTC, always with microseconds, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(stored: str) -> datetime:
    """A stored time back as an aware datetime."""
    return datetime.fromisoformat(stored)


def optional_time(stored: str | None) -> datetime | None:
    """A stored time or None."""
    return None if stored is None else datetime.fromisoformat(stored)


def optional_date(stored: str | None) -> date | None:
    """A stored date or None."""
    return None if stored is None else date.fromisoformat(stored)


@contextmanager
def transaction(connection: Connection) -> Iterator[None]:
    """Run the block in one write transaction (or inside the caller's, if one is open)."""
    if connection.in_transaction:
        yield
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
