"""Opening the store the settings ask for: SQLite by default, PostgreSQL with --database."""

from __future__ import annotations

from alongside_relay.settings import ConfigurationError, RelaySettings
from alongside_relay.sqlite_store import SQLiteRelayStore
from alongside_relay.store import RelayStore, StoreLimits


class DatabaseUnreachable(ConfigurationError):
    """PostgreSQL did not answer when the relay started."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"cannot connect to the PostgreSQL database given by --database ({reason}); "
            "check the URL and that PostgreSQL is running and accepts this user"
        )


def store_limits(settings: RelaySettings) -> StoreLimits:
    """The store's quotas and lifetimes from the relay settings."""
    return StoreLimits(
        nameplate_ttl=settings.nameplate_ttl_seconds,
        mailbox_ttl=settings.mailbox_ttl_seconds,
        message_ttl=settings.message_ttl_seconds,
        max_nameplates=settings.max_nameplates,
        max_inboxes=settings.max_inboxes,
        inbox_max_messages=settings.inbox_max_messages,
        inbox_max_bytes=settings.inbox_max_bytes,
    )


def open_store(settings: RelaySettings) -> RelayStore:
    """The store for `settings`; PostgreSQL's driver is imported only when it is used."""
    if settings.database is None:
        return SQLiteRelayStore(settings.db, store_limits(settings))
    import psycopg

    from alongside_relay.postgres_store import PostgresRelayStore

    try:
        return PostgresRelayStore(
            settings.database.get_secret_value(),
            store_limits(settings),
            pool_size=settings.database_pool_size,
            connect_timeout=settings.database_timeout_seconds,
        )
    except psycopg.OperationalError as exc:
        raise DatabaseUnreachable(_first_line(exc)) from None
    except psycopg.Error as exc:
        raise DatabaseUnreachable(type(exc).__name__) from None


def _first_line(exc: Exception) -> str:
    """libpq's first line names host, port and cause; it never holds the password."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
