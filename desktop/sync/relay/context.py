"""What every route needs: settings, store, clock, wake-ups, rate limiter and statistics."""

from __future__ import annotations

import hmac
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Annotated, ParamSpec, TypeVar

import anyio.to_thread
from fastapi import Depends, Request

from desktop.sync.protocol import ErrorCode
from desktop.sync.relay.errors import RelayRefusal
from desktop.sync.relay.ratelimit import RateLimiter
from desktop.sync.relay.settings import RelaySettings
from desktop.sync.relay.store import RelayStore
from desktop.sync.relay.telemetry import RequestStats
from desktop.sync.relay.wakeups import WakeupHub

P = ParamSpec("P")
T = TypeVar("T")


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

    def now(self) -> int:
        """The relay's clock in whole Unix seconds."""
        return math.floor(self.clock())

    async def run(self, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a blocking store call in a worker thread, off the event loop."""
        return await anyio.to_thread.run_sync(partial(func, *args, **kwargs))

    def check_rate(self, bucket: str) -> None:
        """Take a token for `bucket` (a signing key or client address) or refuse with 429."""
        wait = self.limiter.retry_after(bucket)
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
