"""Check-ins: alone or with a debrief, the trend chart's buckets, the heavy-week card."""

from __future__ import annotations

from datetime import UTC, date, timedelta, timezone

import pytest

from desktop.models.checkin import StressZone
from desktop.vault import Vault
from desktop.vault.checkins import InvalidCheckIn

from .debriefing_helpers import FakeClock


def test_a_checkin_alone_or_with_a_debrief(vault: Vault) -> None:
    alone = vault.checkins.add(StressZone.READY, energy=7, sleep=6, note="ok day")
    assert vault.checkins.get(alone.id) == alone
    debrief = vault.debriefs.add("t", "b")
    linked = vault.checkins.add(StressZone.REACTING, debrief_id=debrief.id)
    assert vault.checkins.for_debrief(debrief.id) == linked
    vault.checkins.link(debrief.id, None)
    assert vault.checkins.for_debrief(debrief.id) is None


def test_out_of_range_sliders_are_refused_with_a_sentence(vault: Vault) -> None:
    with pytest.raises(InvalidCheckIn) as refused:
        vault.checkins.add(StressZone.READY, energy=11)
    assert "from 0 to 10" in str(refused.value)


def test_deleting_a_checkin_keeps_the_debrief(vault: Vault) -> None:
    checkin = vault.checkins.add(StressZone.ILL)
    debrief = vault.debriefs.add("t", "b", checkin_id=checkin.id)
    vault.checkins.delete(checkin.id)
    assert vault.debriefs.get(debrief.id).checkin_id is None


def test_week_trend_has_seven_daily_buckets_ending_today(vault: Vault, clock: FakeClock) -> None:
    start = clock.current
    for days, zone, energy in [
        (-8, StressZone.ILL, 1),
        (-6, StressZone.READY, 8),
        (0, StressZone.INJURED, 2),
        (0, StressZone.READY, 6),
    ]:
        vault.checkins.add(zone, energy=energy, at=start + timedelta(days=days))
    buckets = vault.checkins.trend("week", tz=UTC)
    assert [b.start for b in buckets] == [date(2026, 11, 10) + timedelta(days=i) for i in range(7)]
    assert buckets[0].counts[StressZone.READY] == 1
    assert buckets[-1].total == 2
    assert buckets[-1].heaviest is StressZone.INJURED
    assert buckets[-1].mean_energy == 4.0
    assert sum(b.total for b in buckets) == 3  # the one 8 days ago is outside


def test_buckets_follow_the_local_date(vault: Vault, clock: FakeClock) -> None:
    late_evening = clock.current.replace(hour=23, minute=30) - timedelta(days=1)
    vault.checkins.add(StressZone.READY, at=late_evening)
    plus_two = timezone(timedelta(hours=2))
    by_utc = vault.checkins.trend("week", tz=UTC)
    by_local = vault.checkins.trend("week", tz=plus_two)
    assert by_utc[-2].total == 1  # yesterday in UTC
    assert by_local[-1].total == 1  # already today two hours east


def test_month_and_year_spans(vault: Vault, clock: FakeClock) -> None:
    vault.checkins.add(StressZone.REACTING, at=clock.current - timedelta(days=200))
    month = vault.checkins.trend("month", tz=UTC)
    year = vault.checkins.trend("year", tz=UTC)
    assert len(month) == 30
    assert sum(b.total for b in month) == 0
    assert len(year) == 12
    assert year[-1].start == date(2026, 11, 1)
    assert year[0].start == date(2025, 12, 1)
    assert sum(b.total for b in year) == 1


def test_three_heavy_checkins_in_a_week_show_the_card_once(vault: Vault, clock: FakeClock) -> None:
    vault.checkins.add(StressZone.INJURED)
    clock.advance(days=3)
    vault.checkins.add(StressZone.READY)
    vault.checkins.add(StressZone.ILL)
    assert vault.checkins.heavy_week() is None
    clock.advance(days=3)
    vault.checkins.add(StressZone.INJURED)
    signal = vault.checkins.heavy_week()
    assert signal is not None
    assert signal.count == 3
    vault.checkins.dismiss_heavy_week()
    assert vault.checkins.heavy_week() is None
    clock.advance(hours=2)
    vault.checkins.add(StressZone.ILL)
    assert vault.checkins.heavy_week() is not None  # a new heavy check-in shows it again
    clock.advance(days=7)
    assert vault.checkins.heavy_week() is None  # the first ones left the 7-day window


def test_the_card_can_be_turned_off(vault: Vault) -> None:
    for _ in range(3):
        vault.checkins.add(StressZone.ILL)
    vault.checkins.heavy_week_signal_enabled = False
    assert vault.checkins.heavy_week() is None
    vault.checkins.heavy_week_signal_enabled = True
    assert vault.checkins.heavy_week() is not None
