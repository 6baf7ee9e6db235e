"""Stress Continuum zones, trend buckets and the heavy-week rule as pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from desktop.models.checkin import (
    STRESS_CONTINUUM_ATTRIBUTION,
    CheckIn,
    StressZone,
    bucket_ranges,
    heavy_week,
)

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def _checkin(zone: StressZone, days_ago: float) -> CheckIn:
    return CheckIn(id="c" * 32, at=NOW - timedelta(days=days_ago), zone=zone)


def test_zones_have_colours_and_labels_in_order() -> None:
    assert [z.colour for z in StressZone] == ["green", "yellow", "orange", "red"]
    assert [z.label for z in StressZone] == ["Ready", "Reacting", "Injured", "Ill"]
    assert StressZone.from_colour("orange") is StressZone.INJURED
    assert "public domain" in STRESS_CONTINUUM_ATTRIBUTION


def test_heavy_week_needs_three_orange_or_red_within_seven_days() -> None:
    two = [_checkin(StressZone.ILL, 1), _checkin(StressZone.INJURED, 2)]
    assert heavy_week([*two, _checkin(StressZone.REACTING, 3)], NOW) is None
    assert heavy_week([*two, _checkin(StressZone.INJURED, 7.5)], NOW) is None
    signal = heavy_week([*two, _checkin(StressZone.INJURED, 6.9)], NOW)
    assert signal is not None
    assert signal.count == 3


def test_year_buckets_cross_the_new_year() -> None:
    ranges = bucket_ranges("year", date(2026, 2, 10))
    assert ranges[0] == (date(2025, 3, 1), date(2025, 4, 1))
    assert ranges[-1] == (date(2026, 2, 1), date(2026, 3, 1))
