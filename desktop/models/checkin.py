"""Check-ins on the Stress Continuum, with optional energy and sleep.

The Stress Continuum (Ready · Reacting · Injured · Ill) is the US Navy and Marine
Corps Combat and Operational Stress Control model, a US government work in the public
domain.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

STRESS_CONTINUUM_ATTRIBUTION = (
    "Stress Continuum: US Navy and Marine Corps Combat and Operational Stress Control "
    "model (public domain)."
)
MAX_CHECKIN_NOTE_CHARS = 500


class StressZone(StrEnum):
    """A zone of the Stress Continuum; its `colour` is for display beside the label."""

    READY = "ready"
    REACTING = "reacting"
    INJURED = "injured"
    ILL = "ill"

    @property
    def colour(self) -> str:
        """The zone's colour name, always shown with its label."""
        return _COLOURS[self]

    @property
    def label(self) -> str:
        """The zone's name as shown to the user."""
        return self.value.capitalize()

    @property
    def text(self) -> str:
        """Label and colour together, as every screen shows a zone: "Ready (green)"."""
        return f"{self.label} ({self.colour})"

    @property
    def description(self) -> str:
        """A few words in our own voice on what the zone feels like (never a diagnosis)."""
        return _DESCRIPTIONS[self]

    @property
    def is_heavy(self) -> bool:
        """Orange or red: counted by the gentle "heavy week" signal."""
        return self in (StressZone.INJURED, StressZone.ILL)

    @classmethod
    def from_colour(cls, colour: str) -> StressZone:
        """The zone shown in `colour` (for filters that speak in colours)."""
        for zone, zone_colour in _COLOURS.items():
            if zone_colour == colour:
                return zone
        raise ValueError("unknown colour")


_COLOURS = {
    StressZone.READY: "green",
    StressZone.REACTING: "yellow",
    StressZone.INJURED: "orange",
    StressZone.ILL: "red",
}
_DESCRIPTIONS = {
    StressZone.READY: "Steady; coping much as usual.",
    StressZone.REACTING: "Stretched; a bit on edge or tired.",
    StressZone.INJURED: "It is staying with me; harder to switch off.",
    StressZone.ILL: "Not OK; everyday things feel hard.",
}


class CheckIn(BaseModel):
    """How the user was doing at one moment, alone or attached to a debrief."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    at: datetime
    zone: StressZone
    energy: int | None = Field(default=None, ge=0, le=10)
    sleep: int | None = Field(default=None, ge=0, le=10)
    note: str = Field(default="", repr=False, max_length=MAX_CHECKIN_NOTE_CHARS)


class TrendBucket(BaseModel):
    """Check-ins in one day or month of the trend chart (and its table equivalent)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: date
    end: date  # exclusive
    counts: dict[StressZone, int]
    mean_energy: float | None = None
    mean_sleep: float | None = None

    @property
    def total(self) -> int:
        """How many check-ins the bucket holds."""
        return sum(self.counts.values())

    @property
    def heaviest(self) -> StressZone | None:
        """The most strained zone seen in the bucket, or None if it has no check-ins."""
        present = [zone for zone in StressZone if self.counts.get(zone)]
        return present[-1] if present else None


class HeavyWeek(BaseModel):
    """The gentle signal's facts: how many orange/red check-ins in the last 7 days."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    count: int
    since: datetime
    latest: datetime


TrendSpan = Literal["week", "month", "year"]
HEAVY_WEEK_DAYS = 7
HEAVY_WEEK_MIN_COUNT = 3


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def bucket_ranges(span: TrendSpan, today: date) -> list[tuple[date, date]]:
    """The chart's buckets, oldest first, ending with the one holding `today`:
    a week is 7 days, a month 30 days, a year 12 calendar months."""
    if span == "year":
        first = _add_months(today.replace(day=1), -11)
        return [(_add_months(first, i), _add_months(first, i + 1)) for i in range(12)]
    days = 7 if span == "week" else 30
    first_day = today - timedelta(days=days - 1)
    return [(first_day + timedelta(days=i), first_day + timedelta(days=i + 1)) for i in range(days)]


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def trend_buckets(
    checkins: Sequence[CheckIn], span: TrendSpan, today: date, tz: tzinfo
) -> list[TrendBucket]:
    """Group check-ins into the span's buckets by their local date in `tz`."""
    buckets = []
    for start, end in bucket_ranges(span, today):
        inside = [c for c in checkins if start <= c.at.astimezone(tz).date() < end]
        buckets.append(
            TrendBucket(
                start=start,
                end=end,
                counts={zone: sum(1 for c in inside if c.zone == zone) for zone in StressZone},
                mean_energy=_mean([c.energy for c in inside if c.energy is not None]),
                mean_sleep=_mean([c.sleep for c in inside if c.sleep is not None]),
            )
        )
    return buckets


def heavy_week(checkins: Sequence[CheckIn], now: datetime) -> HeavyWeek | None:
    """3 or more orange/red check-ins within the last 7 days, or None."""
    since = now - timedelta(days=HEAVY_WEEK_DAYS)
    heavy = sorted(c.at for c in checkins if c.zone.is_heavy and since < c.at <= now)
    if len(heavy) < HEAVY_WEEK_MIN_COUNT:
        return None
    return HeavyWeek(count=len(heavy), since=since, latest=heavy[-1])
