"""Aggregate request statistics: counts, status classes and latency — nothing about who."""

from __future__ import annotations

import logging
from collections import Counter

log = logging.getLogger("alongside.relay")

_MAX_SAMPLES = 10_000


class RequestStats:
    """Counts and latency samples since the last summary."""

    def __init__(self) -> None:
        self.by_status: Counter[int] = Counter()
        self.by_route: Counter[str] = Counter()
        self._latencies: list[float] = []

    def record(self, route: str, status: int, seconds: float) -> None:
        """Add one finished request."""
        self.by_status[status] += 1
        self.by_route[route] += 1
        if len(self._latencies) < _MAX_SAMPLES:
            self._latencies.append(seconds)

    def summary(self) -> dict[str, object]:
        """Counts and p50/p99 latency since the last call, then start over."""
        samples = sorted(self._latencies)
        result: dict[str, object] = {
            "requests": sum(self.by_status.values()),
            "status": {str(code): n for code, n in sorted(self.by_status.items())},
            "p50_ms": round(samples[len(samples) // 2] * 1000, 2) if samples else None,
            "p99_ms": round(samples[int(len(samples) * 0.99)] * 1000, 2) if samples else None,
        }
        self.by_status.clear()
        self.by_route.clear()
        self._latencies.clear()
        return result
