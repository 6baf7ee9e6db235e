"""The growing wait after wrong tries: free tries, doubling, the 60-second cap."""

from __future__ import annotations

from desktop.unlock_throttle import MAX_WAIT_SECONDS, wait_after


def test_three_tries_are_free_then_the_wait_grows_to_a_cap():
    assert [wait_after(n) for n in range(9)] == [0, 0, 0, 5, 10, 20, 40, 60, 60]
    assert wait_after(10_000) == MAX_WAIT_SECONDS  # a colleague cannot lock you out long
