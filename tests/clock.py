"""The tests' one fake clock: it moves only when a test moves it (or by a fixed step)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # a Monday


class FakeClock:
    """Implements `desktop.clock.Clock`; `advance` moves the wall and monotonic readings.

    ``step`` is added after every wall-clock reading, so stored times stay strictly in
    order without a test having to move the clock between two saves.
    """

    def __init__(self, start: datetime = START, step: timedelta = timedelta(0)) -> None:
        self.current = start
        self.step = step
        self.elapsed = 100.0

    def now(self) -> datetime:
        current = self.current
        self.current += self.step
        return current

    def monotonic(self) -> float:
        return self.elapsed

    def advance(self, seconds: float = 0.0, **delta: float) -> None:
        moved = timedelta(seconds=seconds, **delta)
        self.current += moved
        self.elapsed += moved.total_seconds()
