"""In-process wake-ups for long-polls: one asyncio event per inbox or mailbox being waited on.

A waiter takes the current event *before* it queries the store, so a message stored between
the query and the wait still wakes it. Events exist only while someone waits, so thousands
of idle inboxes cost nothing. With several instances on PostgreSQL, writes made by other
instances arrive here through LISTEN/NOTIFY (listener.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class _Slot:
    __slots__ = ("event", "waiters")

    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.waiters = 0


class WakeupHub:
    """Named events that long-polls wait on and writers fire."""

    def __init__(self) -> None:
        self._slots: dict[str, _Slot] = {}

    @property
    def waiting(self) -> int:
        """How many requests are waiting right now (for logs and tests)."""
        return sum(slot.waiters for slot in self._slots.values())

    @asynccontextmanager
    async def listen(self, name: str) -> AsyncIterator[asyncio.Event]:
        """Register interest in `name`; the yielded event is set by the next `notify`."""
        slot = self._slots.get(name)
        if slot is None:
            slot = self._slots[name] = _Slot()
        slot.waiters += 1
        try:
            yield slot.event
        finally:
            slot.waiters -= 1
            if slot.waiters == 0 and self._slots.get(name) is slot:
                del self._slots[name]

    def notify(self, name: str) -> None:
        """Wake everyone listening on `name`; later listeners get a fresh event."""
        slot = self._slots.pop(name, None)
        if slot is not None:
            slot.event.set()

    def notify_all(self) -> int:
        """Wake every waiter (to re-check after missed notifications); returns how many."""
        slots, self._slots = self._slots, {}
        for slot in slots.values():
            slot.event.set()
        return sum(slot.waiters for slot in slots.values())


async def wait_for_event(event: asyncio.Event, timeout: float) -> bool:
    """Wait up to `timeout` seconds; True when the event fired."""
    if timeout <= 0:
        return event.is_set()
    try:
        async with asyncio.timeout(timeout):
            await event.wait()
    except TimeoutError:
        return False
    return True
