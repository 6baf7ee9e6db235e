"""Follow-ups after a hard debrief or check-in: 72 hours and a month, on the clock."""

from __future__ import annotations

from desktop.models.follow_up import FollowUpKind, FollowUpSource
from desktop.vault import Vault

from .debriefing_helpers import FakeClock

DEBRIEF = FollowUpSource.DEBRIEF


def test_the_72_hour_and_one_month_follow_ups_come_due_on_the_clock(
    vault: Vault, clock: FakeClock
) -> None:
    assert vault.follow_ups.should_offer(DEBRIEF, "a" * 32)
    vault.follow_ups.accept(DEBRIEF, "a" * 32)
    assert vault.follow_ups.due() == []
    clock.advance(hours=71)
    assert vault.follow_ups.due() == []
    clock.advance(hours=1)
    (soon,) = vault.follow_ups.due()
    assert soon.kind is FollowUpKind.SOON
    assert soon.sentence == "A few days ago you wrote a hard debrief. How are you doing now?"
    vault.follow_ups.close(soon.id)
    assert vault.follow_ups.due() == []
    assert vault.follow_ups.pending()
    clock.advance(days=27)
    (later,) = vault.follow_ups.due()
    assert later.kind is FollowUpKind.LATER
    assert later.sentence.startswith("About a month ago")
    vault.follow_ups.close(later.id)
    assert not vault.follow_ups.pending()


def test_offered_once_and_not_while_others_are_pending(vault: Vault, clock: FakeClock) -> None:
    vault.follow_ups.accept(DEBRIEF, "a" * 32)
    assert not vault.follow_ups.should_offer(DEBRIEF, "a" * 32)
    assert not vault.follow_ups.should_offer(FollowUpSource.CHECKIN, "b" * 32)
    clock.advance(days=31)
    for entry in vault.follow_ups.due():
        vault.follow_ups.close(entry.id)
    assert vault.follow_ups.should_offer(FollowUpSource.CHECKIN, "b" * 32)
    assert not vault.follow_ups.should_offer(DEBRIEF, "a" * 32)


def test_a_declined_offer_is_not_made_again_and_sets_nothing(vault: Vault) -> None:
    vault.follow_ups.decline(DEBRIEF, "a" * 32)
    assert not vault.follow_ups.should_offer(DEBRIEF, "a" * 32)
    assert not vault.follow_ups.pending()
    assert vault.follow_ups.should_offer(DEBRIEF, "c" * 32)
