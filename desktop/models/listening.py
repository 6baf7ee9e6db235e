"""A listening session with equal turns: the plan, its format, and the turn clock.

Peer groups in the spirit of Russell and Jones's #SpacesforListening (2020) give each
person the same uninterrupted time in every round while the others listen. This module
holds no Qt and reads no clock: every method that depends on time takes a monotonic
reading (``desktop.clock.Clock.monotonic``) from the caller, so a turn's remaining time
is computed from the clock, never by counting timer ticks, and a busy or sleeping
machine never stretches a turn.

Nothing here records who spoke how long, who passed or who gave time back: a turn ends
and the next one begins, and that is all the session keeps (the equality of listening).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from desktop.sentences import UserSentence

MIN_PARTICIPANTS = 2
MAX_PARTICIPANTS = 8
MAX_NAME_CHARS = 40
MAX_ROUNDS = 6
MAX_QUESTION_CHARS = 120
MAX_FORMAT_NAME_CHARS = 60
MIN_MINUTES = 1
MAX_MINUTES = 15
DEFAULT_MINUTES = 2
# The gentle cue comes this many seconds before a turn ends.
WARNING_SECONDS = 15

DEFAULT_ROUNDS: tuple[str, ...] = (
    "How I am feeling",
    "What I am thinking",
    "What I am hoping for",
)
DEFAULT_FORMAT_NAME = "Three rounds"


class InvalidListeningPlan(UserSentence, ValueError):
    """This session cannot start yet: check the names, the rounds and the minutes."""


class ListeningFormat(BaseModel):
    """A named way to run a session: its rounds' questions and the minutes per turn.

    Formats may be saved in the vault; they hold no names of people.
    """

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    name: str = Field(repr=False, min_length=1, max_length=MAX_FORMAT_NAME_CHARS)
    rounds: tuple[str, ...] = Field(repr=False, min_length=1, max_length=MAX_ROUNDS)
    minutes_per_turn: int = Field(default=DEFAULT_MINUTES, ge=MIN_MINUTES, le=MAX_MINUTES)

    @field_validator("name")
    @classmethod
    def _name_has_text(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("blank name")
        return value

    @field_validator("rounds")
    @classmethod
    def _rounds_have_text(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(question.strip() for question in value)
        if any(not q or len(q) > MAX_QUESTION_CHARS for q in cleaned):
            raise ValueError("blank or long question")
        return cleaned


DEFAULT_FORMAT = ListeningFormat(name=DEFAULT_FORMAT_NAME, rounds=DEFAULT_ROUNDS)


def clean_names(names: Sequence[str]) -> tuple[str, ...]:
    """The participants' names, trimmed, blanks dropped; raises if the group won't work.

    Two to eight people, each name unique (ignoring case) so every turn is clear.
    """
    cleaned = tuple(name.strip() for name in names if name.strip())
    folded = {name.casefold() for name in cleaned}
    if not MIN_PARTICIPANTS <= len(cleaned) <= MAX_PARTICIPANTS:
        raise InvalidListeningPlan()
    if len(folded) != len(cleaned) or any(len(name) > MAX_NAME_CHARS for name in cleaned):
        raise InvalidListeningPlan()
    return cleaned


@dataclass(frozen=True)
class SessionPlan:
    """Who takes turns, in which order, the rounds' questions and the time each turn gets."""

    names: tuple[str, ...]
    rounds: tuple[str, ...]
    minutes_per_turn: int

    def __repr__(self) -> str:  # names are content: never in a log or a traceback
        return f"SessionPlan({len(self.names)} people, {len(self.rounds)} rounds)"

    @classmethod
    def make(
        cls,
        names: Sequence[str],
        session_format: ListeningFormat,
        *,
        shuffle: bool = False,
        rng: random.Random | None = None,
    ) -> SessionPlan:
        """Check the names and fix the order (as entered, or shuffled once for all rounds)."""
        order = list(clean_names(names))
        if shuffle:
            (rng or random.SystemRandom()).shuffle(order)
        return cls(tuple(order), session_format.rounds, session_format.minutes_per_turn)

    @property
    def seconds_per_turn(self) -> int:
        return self.minutes_per_turn * 60


def format_from(name: str, rounds: Sequence[str], minutes: int) -> ListeningFormat:
    """A format from what was typed; raises `InvalidListeningPlan` when it can't be used."""
    try:
        return ListeningFormat(name=name, rounds=tuple(rounds), minutes_per_turn=minutes)
    except ValidationError:
        raise InvalidListeningPlan() from None


@dataclass(frozen=True)
class Turn:
    """One person's turn in one round."""

    round_number: int  # from 1
    question: str
    speaker: str

    def __repr__(self) -> str:
        return f"Turn(round {self.round_number})"


class Phase(Enum):
    """Where the current turn is."""

    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"  # time is up or was given back; waiting for the next turn
    FINISHED = "finished"  # every turn is over


class Cue(Enum):
    """A gentle signal (chime and a visual change), each given once per turn."""

    NEARLY_DONE = "nearly_done"
    TIME_UP = "time_up"


class ListeningSession:
    """The turns of one session and the current turn's clock.

    Every turn is offered the same time. Pausing stops the clock; giving time back,
    passing or skipping ends only the current turn, never shortening or lengthening
    anyone else's.
    """

    def __init__(self, plan: SessionPlan, now: float) -> None:
        self.plan = plan
        self.turns: tuple[Turn, ...] = tuple(
            Turn(number, question, speaker)
            for number, question in enumerate(plan.rounds, start=1)
            for speaker in plan.names
        )
        self.index = 0
        self.phase = Phase.RUNNING
        self._started = now
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._cues_given: set[Cue] = set()

    def __repr__(self) -> str:
        return f"ListeningSession(turn {self.index + 1} of {len(self.turns)}, {self.phase.name})"

    @property
    def offered_seconds(self) -> int:
        """What every turn is offered: the same for everyone, in every round."""
        return self.plan.seconds_per_turn

    @property
    def current(self) -> Turn | None:
        return None if self.phase is Phase.FINISHED else self.turns[self.index]

    @property
    def upcoming(self) -> Turn | None:
        """The turn after this one (None at the last)."""
        following = self.index + 1
        if self.phase is Phase.FINISHED or following >= len(self.turns):
            return None
        return self.turns[following]

    def elapsed(self, now: float) -> float:
        if self.phase is Phase.FINISHED:
            return 0.0
        paused_now = 0.0 if self._paused_at is None else now - self._paused_at
        return max(0.0, now - self._started - self._paused_total - paused_now)

    def remaining(self, now: float) -> float:
        """Seconds left in the current turn, from the clock (0 once it has ended)."""
        if self.phase in (Phase.ENDED, Phase.FINISHED):
            return 0.0
        return max(0.0, self.offered_seconds - self.elapsed(now))

    def update(self, now: float) -> list[Cue]:
        """Move the current turn on to ENDED when its time is up; the cues now due.

        Called whenever the screen repaints; each cue is returned once per turn. If the
        machine slept past both moments, only the end is signalled.
        """
        if self.phase is not Phase.RUNNING:
            return []
        left = self.remaining(now)
        due: list[Cue] = []
        if left <= 0:
            self.phase = Phase.ENDED
            self._cues_given.add(Cue.NEARLY_DONE)
            due.append(Cue.TIME_UP)
        elif left <= min(WARNING_SECONDS, self.offered_seconds / 2):
            due.append(Cue.NEARLY_DONE)
        fresh = [cue for cue in due if cue not in self._cues_given]
        self._cues_given.update(fresh)
        return fresh

    def toggle_pause(self, now: float) -> None:
        """Space: pause a running turn, or carry on with a paused one."""
        if self.phase is Phase.RUNNING:
            self._paused_at = now
            self.phase = Phase.PAUSED
        elif self.phase is Phase.PAUSED and self._paused_at is not None:
            self._paused_total += now - self._paused_at
            self._paused_at = None
            self.phase = Phase.RUNNING

    def give_back(self, now: float) -> None:
        """End this turn early; the time left goes to nobody (no one else's time shifts)."""
        if self.phase in (Phase.RUNNING, Phase.PAUSED):
            self.phase = Phase.ENDED
            self._paused_at = None
            self._cues_given.update(Cue)  # no chime: the speaker chose to stop

    def next_turn(self, now: float) -> None:
        """→, skip or pass: start the next person's turn at once (or finish).

        A pass and a skip look the same to the session: nothing records either.
        """
        if self.phase is Phase.FINISHED:
            return
        if self.index + 1 >= len(self.turns):
            self.phase = Phase.FINISHED
            self._paused_at = None
            return
        self.index += 1
        self.phase = Phase.RUNNING
        self._started = now
        self._paused_at = None
        self._paused_total = 0.0
        self._cues_given = set()

    pass_turn = next_turn
