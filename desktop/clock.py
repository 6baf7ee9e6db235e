"""The one clock: every reading of the time in `desktop/` goes through a `Clock`.

It is injected wherever behaviour depends on time — dates shown, stored timestamps,
idle lock, autosave pauses, reminders, trash retention — so tests move a fake clock
and never sleep (STYLE.md §8, DESIGN.md §1). Wall-clock, not monotonic, for the idle
lock: on Linux the monotonic clock stops while the machine sleeps, and a laptop that
slept must lock when it wakes. `monotonic()` is for short pauses (autosave), which must
not jump when the wall clock is corrected.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Final, Protocol

if TYPE_CHECKING:
    from datetime import date, datetime


class Clock(Protocol):
    """Tells the time: an aware UTC wall-clock reading and a monotonic one."""

    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware, in UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary start that never go backwards."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        # Imported here, not at the top: start-up shows the window without datetime.
        from datetime import UTC, datetime

        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


SYSTEM_CLOCK: Final[Clock] = SystemClock()


def local_today(clock: Clock) -> date:
    """Today's date where the user is (the computer's time zone)."""
    return clock.now().astimezone().date()


def local_now(clock: Clock) -> datetime:
    """The current time in the computer's time zone."""
    return clock.now().astimezone()
