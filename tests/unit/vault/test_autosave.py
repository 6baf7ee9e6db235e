"""The autosave policy: after a short pause, and at least once a second while typing."""

from __future__ import annotations

import pytest

from desktop.vault.autosave import AutosavePolicy
from tests.clock import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_a_pause_in_typing_saves(clock: FakeClock) -> None:
    policy = AutosavePolicy(clock, pause=0.6, max_unsaved=1.0)
    policy.edited()
    assert policy.seconds_until_due() == pytest.approx(0.6)
    clock.advance(0.5)
    assert not policy.due()
    clock.advance(0.1)
    assert policy.due()


def test_continuous_typing_is_saved_every_second(clock: FakeClock) -> None:
    policy = AutosavePolicy(clock, pause=0.6, max_unsaved=1.0)
    waits = []
    unsaved_since = None
    for _ in range(50):  # 5 s of typing, a key every 0.1 s, never pausing
        policy.edited()
        unsaved_since = clock.monotonic() if unsaved_since is None else unsaved_since
        # The UI's timer fires when the policy says; keys arrive every 0.1 s.
        wait = policy.seconds_until_due()
        if wait is not None and wait < 0.1:
            clock.advance(wait)
            token = policy.begin_save()
            waits.append(clock.monotonic() - unsaved_since)
            unsaved_since = None
            policy.save_succeeded(token)
            clock.advance(0.1 - wait)
        else:
            clock.advance(0.1)
    assert len(waits) >= 4
    assert max(waits) <= 1.0 + 1e-9  # no keystroke waits more than a second


def test_edits_during_a_save_stay_unsaved(clock: FakeClock) -> None:
    policy = AutosavePolicy(clock)
    policy.edited()
    token = policy.begin_save()
    assert policy.has_unsaved_changes
    assert not policy.due()  # one save at a time
    clock.advance(0.1)
    policy.edited()
    policy.save_succeeded(token)
    assert policy.has_unsaved_changes
    clock.advance(1.0)
    assert policy.due()


def test_nothing_to_save_after_a_clean_save(clock: FakeClock) -> None:
    policy = AutosavePolicy(clock)
    policy.edited()
    policy.save_succeeded(policy.begin_save())
    assert not policy.has_unsaved_changes
    assert policy.seconds_until_due() is None
    with pytest.raises(RuntimeError):
        policy.begin_save()


def test_a_failed_save_keeps_the_changes_and_retries_later(clock: FakeClock) -> None:
    policy = AutosavePolicy(clock, retry_after=5.0)
    policy.edited()
    clock.advance(1.0)
    token = policy.begin_save()
    policy.save_failed(token)
    assert policy.failed
    assert policy.has_unsaved_changes
    clock.advance(4.9)
    assert not policy.due()
    clock.advance(0.1)
    assert policy.due()
    policy.save_succeeded(policy.begin_save())
    assert not policy.failed
    assert not policy.has_unsaved_changes
