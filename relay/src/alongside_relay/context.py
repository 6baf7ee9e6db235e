"""What every route needs: settings, store, clock, wake-ups, rate limiter and statistics."""

from __future__ import annotations

import asyncio
import hmac
import math
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Annotated, ParamSpec, TypeVar

from fastapi import Depends, Request

from alongside_relay.errors import RelayRefusal
from alongside_relay.ratelimit import RateLimiter
from alongside_relay.settings import RelaySettings
from alongside_relay.store import InboxKeys, RateClaim, RelayStore, SharedRateLimits
from alongside_relay.telemetry import RequestStats
from alongside_relay.wakeups import WakeupHub
from alongside_wire.protocol import ErrorCode

P = ParamSpec("P")
T = TypeVar("T")

# An inbox's keys never change, so they are cached per process. On a shared database a
# deletion by another instance arrives as a notification (listener.py); entries also age
# out, as a second line of defence.
KEY_CACHE_SECONDS = 30.0
KEY_CACHE_ENTRIES = 20_000


@dataclass
class RelayContext:
    """The relay's running state, one per app."""

    settings: RelaySettings
    store: RelayStore
    clock: Callable[[], float]
    limiter: RateLimiter
    enrolment_token: str | None = None
    hub: WakeupHub = field(default_factory=WakeupHub)
    stats: RequestStats = field(default_factory=RequestStats)
    _db_thread: ThreadPoolExecutor | None = None
    _keys: dict[str, tuple[InboxKeys, float]] = field(default_factory=dict)

    def now(self) -> int:
        """The relay's clock in whole Unix seconds."""
        return math.floor(self.clock())

    async def run(self, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a blocking store call on a database thread, off the event loop.

        SQLite: one thread owns the store's work (as the vault's worker owns its
        connection, DESIGN.md §1): SQLite serialises writers anyway, and a pool of threads
        queuing on one lock spent more time switching than writing. PostgreSQL: one
        thread per pooled connection, since the server runs transactions side by side.
        """
        if self._db_thread is None:
            self._db_thread = ThreadPoolExecutor(
                max_workers=self.store.worker_threads, thread_name_prefix="relay-db"
            )
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db_thread, partial(func, *args, **kwargs))

    def stop_db_thread(self) -> None:
        """Finish queued store calls and stop the thread (a later call starts a new one)."""
        if self._db_thread is not None:
            self._db_thread.shutdown(wait=True)
            self._db_thread = None

    async def inbox_keys(self, inbox: str) -> InboxKeys | None:
        """An inbox's public keys, from the cache or the store (one thread hop saved)."""
        now = time.monotonic()
        hit = self._keys.get(inbox)
        if hit is not None and now - hit[1] < KEY_CACHE_SECONDS:
            return hit[0]
        keys = await self.run(self.store.inbox_keys, inbox)
        if keys is not None:
            if len(self._keys) >= KEY_CACHE_ENTRIES:
                self._keys.clear()
            self._keys[inbox] = (keys, now)
        return keys

    def forget_inbox(self, inbox: str) -> None:
        """Drop a deleted inbox from the key cache."""
        self._keys.pop(inbox, None)

    def forget_all_inboxes(self) -> None:
        """Empty the key cache (deletions may have been missed)."""
        self._keys.clear()

    def check_rate(self, bucket: str) -> None:
        """Take a token for a client address (in memory, per instance) or refuse with 429."""
        self._refuse_if_waiting(self.limiter.retry_after(bucket))

    @property
    def shares_rate_limits(self) -> bool:
        """Whether per-key limits live in the database (PostgreSQL) rather than here."""
        return isinstance(self.store, SharedRateLimits)

    def rate_claim(self, key: str) -> RateClaim:
        """A token of `key`'s shared bucket, for the store to take with the request's work."""
        return RateClaim(
            "key:" + key, self.settings.rate_per_second, self.settings.rate_burst, time.time()
        )

    def keys_cached(self, inbox: str) -> bool:
        """Whether `inbox_keys` would answer without the database."""
        hit = self._keys.get(inbox)
        return hit is not None and time.monotonic() - hit[1] < KEY_CACHE_SECONDS

    async def check_key_rate(self, key: str) -> None:
        """Take a token for a signing key, shared by all instances when the store can."""
        bucket = "key:" + key
        if isinstance(self.store, SharedRateLimits):
            rate, burst = self.settings.rate_per_second, self.settings.rate_burst
            wait = await self.run(self.store.take_rate_token, bucket, rate, burst, time.time())
        else:
            wait = self.limiter.retry_after(bucket)
        self._refuse_if_waiting(wait)

    @staticmethod
    def _refuse_if_waiting(wait: float) -> None:
        if wait > 0:
            raise RelayRefusal(
                429,
                ErrorCode.RATE_LIMITED,
                "Too many requests; try again shortly.",
                headers={"Retry-After": str(max(1, math.ceil(wait)))},
            )

    def enrolment_accepts(self, authorization: str | None) -> bool:
        """Whether a request may allocate a nameplate under the enrolment policy."""
        if self.enrolment_token is None:
            return True
        if authorization is None or not authorization.startswith("Bearer "):
            return False
        offered = authorization.removeprefix("Bearer ").strip().encode("utf-8", "replace")
        return hmac.compare_digest(offered, self.enrolment_token.encode("utf-8"))


def relay_context(request: Request) -> RelayContext:
    """FastAPI dependency: the app's RelayContext."""
    context: RelayContext = request.app.state.relay
    return context


Context = Annotated[RelayContext, Depends(relay_context)]


def client_bucket(request: Request) -> str:
    """Rate-limit bucket for unsigned requests: the client address, held only in memory."""
    return "addr:" + (request.client.host if request.client else "unknown")
