"""Receiving in order: any reordering or duplication applies each message once, in order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.models.sequencer import MAX_HELD, GapTooWide, InboundSequencer


@given(
    st.integers(1, 60).flatmap(
        lambda n: st.lists(st.integers(1, n), min_size=n).map(lambda extra, n=n: (n, extra))
    ),
    st.randoms(),
)
def test_any_order_with_duplicates_applies_each_seq_once_in_order(
    case: tuple[int, list[int]], random: object
) -> None:
    count, extra = case
    deliveries = list(range(1, count + 1)) + extra  # every seq at least once, some again
    random.shuffle(deliveries)  # type: ignore[attr-defined]
    sequencer: InboundSequencer[str] = InboundSequencer()
    applied: list[int] = []
    for seq in deliveries:
        sequencer.offer(seq, f"message {seq}")
        applied.extend(seq for seq, _ in sequencer.ready())
    assert applied == list(range(1, count + 1))
    assert sequencer.missing_from is None


def test_a_gap_holds_later_messages_until_it_fills() -> None:
    sequencer: InboundSequencer[str] = InboundSequencer(applied_upto=4)
    assert sequencer.offer(6, "six")
    assert sequencer.offer(7, "seven")
    assert sequencer.ready() == []
    assert sequencer.missing_from == 5
    sequencer.offer(5, "five")
    assert sequencer.ready() == [(5, "five"), (6, "six"), (7, "seven")]
    assert sequencer.applied_upto == 7


def test_a_replay_of_an_applied_seq_changes_nothing() -> None:
    sequencer: InboundSequencer[str] = InboundSequencer(applied_upto=3)
    assert not sequencer.offer(2, "old again")
    assert sequencer.ready() == []
    assert sequencer.held == {}


def test_held_messages_survive_a_restart_through_what_the_vault_keeps() -> None:
    before: InboundSequencer[str] = InboundSequencer(applied_upto=1)
    before.offer(3, "three")
    after: InboundSequencer[str] = InboundSequencer(before.applied_upto, before.held)
    after.offer(2, "two")
    assert after.ready() == [(2, "two"), (3, "three")]


def test_too_wide_a_gap_asks_for_a_resync_instead_of_holding_more() -> None:
    sequencer: InboundSequencer[int] = InboundSequencer()
    sequencer.offer_all((seq, seq) for seq in range(2, MAX_HELD + 2))
    with pytest.raises(GapTooWide):
        sequencer.offer(MAX_HELD + 5, 0)
