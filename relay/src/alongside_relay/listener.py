"""Cross-instance wake-ups: LISTEN on a dedicated PostgreSQL connection outside the pool.

Each instance keeps one connection that LISTENs on the store's channel. A PUT, a pairing
message or a close committed by any instance wakes the long-polls parked here on that
inbox or mailbox; a deleted inbox also leaves this instance's key cache. When the
connection drops (PostgreSQL restarted, network cut) it reconnects with backoff, and then
wakes *every* parked long-poll and empties the key cache: a notification sent while it
was away is lost, so each waiter re-checks the database rather than sleep through it.
"""

from __future__ import annotations

import asyncio
import logging

from alongside_relay.context import RelayContext
from alongside_relay.store import SharedDatabase

log = logging.getLogger("alongside.relay")

# Reconnection backoff: fast at first (a restart takes about a second), capped low so a
# recovered database is noticed within a couple of seconds.
FIRST_RETRY_SECONDS = 0.05
LAST_RETRY_SECONDS = 2.0
# TCP keepalives, so a silently dead connection is noticed too (not only a closed one).
KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}


class PostgresListener:
    """Runs as a task for the app's lifetime; `wait_listening` returns once LISTEN is on."""

    def __init__(self, ctx: RelayContext, conninfo: str) -> None:
        self._ctx = ctx
        self._conninfo = conninfo
        self._listening = asyncio.Event()
        self.reconnects = 0

    async def wait_listening(self, timeout: float = 10.0) -> None:
        """Wait until the first LISTEN is in place (so no wake-up is missed at start)."""
        async with asyncio.timeout(timeout):
            await self._listening.wait()

    def dispatch(self, payload: str) -> None:
        """Act on one notification's payload."""
        kind, _, name = payload.partition(":")
        if kind == "deleted":
            self._ctx.forget_inbox(name)
            self._ctx.hub.notify("inbox:" + name)
        elif kind in ("inbox", "mailbox"):
            self._ctx.hub.notify(payload)

    async def run(self) -> None:
        """Listen forever, reconnecting whenever the connection is lost."""
        import psycopg
        from psycopg.conninfo import make_conninfo

        from alongside_relay.postgres_store_queries import NOTIFY_CHANNEL

        conninfo = make_conninfo(self._conninfo, **KEEPALIVES)
        delay = FIRST_RETRY_SECONDS
        connected_before = False
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(conninfo, autocommit=True)
                async with conn:
                    await conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    if connected_before:
                        self.reconnects += 1
                        self._ctx.forget_all_inboxes()
                        woken = self._ctx.hub.notify_all()
                        log.warning("database notifications resumed; re-checking %d waits", woken)
                    connected_before = True
                    delay = FIRST_RETRY_SECONDS
                    self._listening.set()
                    async for notification in conn.notifies():
                        self.dispatch(notification.payload)
            except psycopg.Error as exc:
                log.warning("database notifications lost (%s); reconnecting", type(exc).__name__)
            await asyncio.sleep(delay)
            delay = min(delay * 2, LAST_RETRY_SECONDS)


def cross_instance_listener(ctx: RelayContext) -> PostgresListener | None:
    """A listener when the store's database is shared with other instances, else None."""
    if isinstance(ctx.store, SharedDatabase):
        return PostgresListener(ctx, ctx.store.conninfo)
    return None
