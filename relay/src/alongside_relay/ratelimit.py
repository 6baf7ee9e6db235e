"""Token-bucket rate limiting per signing key or client address, kept only in memory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Allows `rate` requests a second per bucket with bursts up to `burst`.

    Buckets are keyed by a signing key or a client address and are forgotten once full
    again, so the limiter holds no lasting record of who connected.
    """

    def __init__(self, rate: float, burst: int, clock: Callable[[], float]) -> None:
        self.rate = rate
        self.burst = float(burst)
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._last_sweep = clock()

    def retry_after(self, key: str) -> float:
        """Take one token for `key`: 0.0 when allowed, else seconds until one is free."""
        now = self._clock()
        self._sweep(now)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(self.burst, now)
        else:
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.rate

    def _sweep(self, now: float) -> None:
        # Drop buckets that have refilled completely: they carry no information.
        refill = self.burst / self.rate
        if now - self._last_sweep < min(refill, 10.0):
            return
        self._last_sweep = now
        stale = [key for key, b in self._buckets.items() if now - b.updated >= refill]
        for key in stale:
            del self._buckets[key]
