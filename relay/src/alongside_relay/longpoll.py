"""Long-polling on top of the wake-up hub, with the relay's cap on the wait."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio

from alongside_relay.wakeups import WakeupHub, wait_for_event

T = TypeVar("T")


async def long_poll(
    hub: WakeupHub,
    name: str,
    wait: float,
    query: Callable[[bool], Awaitable[T]],
    ready: Callable[[T], bool],
) -> T:
    """Answer `query` at once when `ready`, else wait for a wake-up on `name` up to `wait` s.

    `query(first)` is told whether it is the first call so that work which must happen once
    per request (recording the signed nonce) is not repeated on re-queries.
    """
    if wait <= 0:
        return await query(True)
    deadline = anyio.current_time() + wait
    first = True
    while True:
        # Listen before querying: a write between the query and the wait still wakes us.
        async with hub.listen(name) as event:
            result = await query(first)
            first = False
            remaining = deadline - anyio.current_time()
            if ready(result) or remaining <= 0:
                return result
            if not await wait_for_event(event, remaining):
                return result
