"""Wall-clock time behind a tiny protocol, so auto-lock can be tested with a fake clock.

Wall-clock (``time.time``), not monotonic: on Linux the monotonic clock stops while the
machine sleeps, and auto-lock must count sleep as idle time (STYLE.md §8).
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current wall-clock time in seconds."""

    def now(self) -> float: ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> float:
        return time.time()
