"""The listening session's turn clock: equal offered time, pause, pass, skip, give back."""

from __future__ import annotations

import random

import pytest

from desktop.models.listening import (
    DEFAULT_FORMAT,
    Cue,
    InvalidListeningPlan,
    ListeningSession,
    Phase,
    SessionPlan,
    format_from,
)
from tests.clock import FakeClock


def session_of_three(clock: FakeClock) -> ListeningSession:
    plan = SessionPlan.make(["Asha", "Ben", "Cai"], DEFAULT_FORMAT)
    return ListeningSession(plan, clock.monotonic())


def test_turns_go_round_by_round_in_the_order_entered() -> None:
    session = session_of_three(FakeClock())
    assert [(t.round_number, t.speaker) for t in session.turns] == [
        (1, "Asha"), (1, "Ben"), (1, "Cai"),
        (2, "Asha"), (2, "Ben"), (2, "Cai"),
        (3, "Asha"), (3, "Ben"), (3, "Cai"),
    ]  # fmt: skip
    assert session.turns[3].question == "What I am thinking"


def test_a_shuffled_order_is_kept_for_every_round() -> None:
    plan = SessionPlan.make(
        ["Asha", "Ben", "Cai", "Dee"], DEFAULT_FORMAT, shuffle=True, rng=random.Random(3)
    )
    assert sorted(plan.names) == ["Asha", "Ben", "Cai", "Dee"]
    session = ListeningSession(plan, 0.0)
    speakers = [t.speaker for t in session.turns]
    assert speakers[0:4] == speakers[4:8] == speakers[8:12] == list(plan.names)


def test_remaining_time_comes_from_the_clock_not_from_ticks() -> None:
    clock = FakeClock()
    session = session_of_three(clock)
    assert session.remaining(clock.monotonic()) == 120
    clock.advance(seconds=95)  # one jump, as after a busy or sleeping machine
    assert session.remaining(clock.monotonic()) == 25
    clock.advance(seconds=60)
    assert session.update(clock.monotonic()) == [Cue.TIME_UP]  # slept past the warning
    assert session.phase is Phase.ENDED
    assert session.remaining(clock.monotonic()) == 0


def test_each_cue_comes_once_a_turn() -> None:
    clock = FakeClock()
    session = session_of_three(clock)
    clock.advance(seconds=106)
    assert session.update(clock.monotonic()) == [Cue.NEARLY_DONE]
    clock.advance(seconds=1)
    assert session.update(clock.monotonic()) == []
    clock.advance(seconds=13)
    assert session.update(clock.monotonic()) == [Cue.TIME_UP]
    assert session.update(clock.monotonic()) == []
    session.next_turn(clock.monotonic())
    clock.advance(seconds=110)
    assert session.update(clock.monotonic()) == [Cue.NEARLY_DONE]


def test_pause_stops_the_clock_and_resume_carries_on() -> None:
    clock = FakeClock()
    session = session_of_three(clock)
    clock.advance(seconds=30)
    session.toggle_pause(clock.monotonic())
    clock.advance(seconds=600)
    assert session.phase is Phase.PAUSED
    assert session.remaining(clock.monotonic()) == 90
    assert session.update(clock.monotonic()) == []
    session.toggle_pause(clock.monotonic())
    clock.advance(seconds=10)
    assert session.remaining(clock.monotonic()) == 80


def test_give_back_pass_and_skip_never_shift_anyone_elses_time() -> None:
    clock = FakeClock()
    session = session_of_three(clock)
    clock.advance(seconds=20)
    session.give_back(clock.monotonic())
    assert session.phase is Phase.ENDED
    assert session.update(clock.monotonic()) == []  # no chime for time given back
    clock.advance(seconds=5)
    session.next_turn(clock.monotonic())
    assert session.current is not None
    assert session.current.speaker == "Ben"
    assert session.remaining(clock.monotonic()) == session.offered_seconds == 120
    session.pass_turn(clock.monotonic())  # Ben passes straight away
    assert session.current.speaker == "Cai"
    assert session.remaining(clock.monotonic()) == 120
    clock.advance(seconds=7)
    session.next_turn(clock.monotonic())  # skipped
    assert session.current.speaker == "Asha"
    assert session.current.round_number == 2
    assert session.remaining(clock.monotonic()) == 120


def test_the_session_finishes_after_the_last_turn() -> None:
    clock = FakeClock()
    session = session_of_three(clock)
    for _ in range(len(session.turns)):
        session.next_turn(clock.monotonic())
    assert session.phase is Phase.FINISHED
    assert session.current is None
    assert session.upcoming is None


@pytest.mark.parametrize(
    "names",
    [["Asha"], ["Asha", " "], ["Asha", "asha"], [f"P{n}" for n in range(9)], ["A" * 41, "B"]],
)
def test_groups_that_would_not_work_are_refused(names: list[str]) -> None:
    with pytest.raises(InvalidListeningPlan):
        SessionPlan.make(names, DEFAULT_FORMAT)


def test_names_never_reach_a_repr() -> None:
    plan = SessionPlan.make(["Asha", "Ben"], DEFAULT_FORMAT)
    session = ListeningSession(plan, 0.0)
    for text in (repr(plan), repr(session), repr(session.turns[0])):
        assert "Asha" not in text
        assert "Ben" not in text


def test_formats_are_checked() -> None:
    custom = format_from(" Short ", [" Right now ", "Next week"], 3)
    assert custom.name == "Short"
    assert custom.rounds == ("Right now", "Next week")
    for name, rounds, minutes in (("", ["x"], 2), ("x", [], 2), ("x", [" "], 2), ("x", ["y"], 0)):
        with pytest.raises(InvalidListeningPlan):
            format_from(name, rounds, minutes)
