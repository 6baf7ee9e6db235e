"""Receiving in order: apply the partner's messages by seq, hold gaps, drop replays.

The relay may hand messages over in any order (several fetches, a resend after a lost
answer, a retry of an identical PUT), and an attacker controlling the relay may replay
an old envelope. The sender numbers its messages 1, 2, 3, …; the receiver applies seq
``n`` only after ``n - 1``, holds later ones until the gap fills, and drops any seq it has
already applied or already holds. What it applies it commits before acking
(desktop/sync/envelope.py explains why a replay still opens).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

T = TypeVar("T")
# A gap this wide means messages were lost on the relay (expiry), not reordered: the
# receiver asks for a resync instead of holding ever more.
MAX_HELD = 10_000


class GapTooWide(Exception):
    """More messages arrived ahead of a gap than the receiver holds."""


class InboundSequencer(Generic[T]):
    """Which received messages can be applied now, in seq order."""

    def __init__(self, applied_upto: int = 0, held: Mapping[int, T] | None = None) -> None:
        self.applied_upto = applied_upto
        self._held: dict[int, T] = {
            seq: item for seq, item in (held or {}).items() if seq > applied_upto
        }

    @property
    def held(self) -> dict[int, T]:
        """Messages waiting for an earlier seq (kept in the vault between runs)."""
        return dict(self._held)

    def offer(self, seq: int, item: T) -> bool:
        """Take a message; False if it is a replay or a duplicate (nothing changes)."""
        if seq <= self.applied_upto or seq in self._held:
            return False
        if len(self._held) >= MAX_HELD:
            raise GapTooWide()
        self._held[seq] = item
        return True

    def offer_all(self, items: Iterable[tuple[int, T]]) -> int:
        """Take several; the number that were new."""
        return sum(self.offer(seq, item) for seq, item in items)

    def ready(self) -> list[tuple[int, T]]:
        """The messages that can be applied now, in order; they count as applied."""
        out: list[tuple[int, T]] = []
        while self.applied_upto + 1 in self._held:
            self.applied_upto += 1
            out.append((self.applied_upto, self._held.pop(self.applied_upto)))
        return out

    @property
    def missing_from(self) -> int | None:
        """The first seq still missing while later ones are held; None with no gap."""
        return self.applied_upto + 1 if self._held else None
