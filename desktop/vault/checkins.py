"""Check-ins on the Stress Continuum: with a debrief or alone, the trend, the heavy week.

The "heavy week" signal (3+ orange/red check-ins within 7 days) is shown at most once
per new heavy check-in: dismissing it remembers the latest one, and it can be turned
off. Both are kept in the vault's preferences.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

from pydantic import ValidationError

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.checkin import (
    HEAVY_WEEK_DAYS,
    CheckIn,
    HeavyWeek,
    StressZone,
    TrendBucket,
    TrendSpan,
    bucket_ranges,
    heavy_week,
    trend_buckets,
)
from desktop.sentences import UserSentence
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.rows import debrief_seq
from desktop.vault.sql import from_db_time, new_id, to_db_time, transaction

SIGNAL_ENABLED_KEY = "heavy_week_signal"
SIGNAL_DISMISSED_KEY = "heavy_week_dismissed_through"
_COLUMNS = "id, at, zone, energy, sleep, note"


class CheckInNotFound(UserSentence, LookupError):
    """That check-in no longer exists."""


class InvalidCheckIn(UserSentence, ValueError):
    """A check-in needs a zone; energy and sleep are from 0 to 10; the note is short."""


def _row(row: Sequence[Any]) -> CheckIn:
    return CheckIn(
        id=row[0],
        at=from_db_time(row[1]),
        zone=StressZone(row[2]),
        energy=row[3],
        sleep=row[4],
        note=row[5],
    )


def read_checkin(connection: Connection, checkin_id: str) -> CheckIn | None:
    """One check-in, or None, on the database thread."""
    row = connection.execute(
        f"SELECT {_COLUMNS} FROM checkins WHERE id = ?", (checkin_id,)
    ).fetchone()
    return None if row is None else _row(row)


def _preference(connection: Connection, key: str) -> object:
    row = connection.execute("SELECT value FROM preferences WHERE key = ?", (key,)).fetchone()
    return None if row is None else json.loads(row[0])


def _set_preference(connection: Connection, key: str, value: object) -> None:
    connection.execute(
        "INSERT INTO preferences (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value)),
    )


class CheckInStore:
    """The vault's check-ins; every call runs on the vault's database thread."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    def add(
        self,
        zone: StressZone,
        *,
        energy: int | None = None,
        sleep: int | None = None,
        note: str = "",
        debrief_id: str | None = None,
        at: datetime | None = None,
    ) -> CheckIn:
        """Record a check-in now (or at `at`); with `debrief_id`, link it to that debrief."""
        try:
            checkin = CheckIn(
                id=new_id(),
                at=at or self._clock.now(),
                zone=zone,
                energy=energy,
                sleep=sleep,
                note=note,
            )
        except ValidationError:
            raise InvalidCheckIn() from None

        def insert(connection: Connection) -> None:
            with transaction(connection):
                connection.execute(
                    f"INSERT INTO checkins ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        checkin.id,
                        to_db_time(checkin.at),
                        checkin.zone.value,
                        checkin.energy,
                        checkin.sleep,
                        checkin.note,
                    ),
                )
                if debrief_id is not None:
                    _link(connection, debrief_id, checkin.id)

        self._worker.call(insert)
        return checkin

    def get(self, checkin_id: str) -> CheckIn:
        """One check-in; `CheckInNotFound` if it was deleted."""
        checkin = self._worker.call(lambda c: read_checkin(c, checkin_id))
        if checkin is None:
            raise CheckInNotFound()
        return checkin

    def delete(self, checkin_id: str) -> None:
        """Remove a check-in; a debrief it was linked to keeps its text."""
        gone = self._worker.call(
            lambda c: c.execute("DELETE FROM checkins WHERE id = ?", (checkin_id,)).rowcount
        )
        if gone == 0:
            raise CheckInNotFound()

    def link(self, debrief_id: str, checkin_id: str | None) -> None:
        """Attach a check-in to a debrief (None detaches it)."""

        def change(connection: Connection) -> None:
            with transaction(connection):
                _link(connection, debrief_id, checkin_id)

        self._worker.call(change)

    def for_debrief(self, debrief_id: str) -> CheckIn | None:
        """The check-in linked to a debrief, if any."""
        row = self._worker.call(
            lambda c: c.execute(
                f"SELECT {_COLUMNS} FROM checkins WHERE id = "
                "(SELECT checkin_id FROM debriefs WHERE id = ?)",
                (debrief_id,),
            ).fetchone()
        )
        return None if row is None else _row(row)

    def between(self, start: datetime, end: datetime) -> list[CheckIn]:
        """Check-ins from `start` (inclusive) to `end` (exclusive), oldest first."""
        rows = self._worker.call(
            lambda c: c.execute(
                f"SELECT {_COLUMNS} FROM checkins WHERE at >= ? AND at < ? ORDER BY at, id",
                (to_db_time(start), to_db_time(end)),
            ).fetchall()
        )
        return [_row(row) for row in rows]

    def recent(self, limit: int = 50) -> list[CheckIn]:
        """The latest check-ins, newest first."""
        rows = self._worker.call(
            lambda c: c.execute(
                f"SELECT {_COLUMNS} FROM checkins ORDER BY at DESC, id LIMIT ?", (limit,)
            ).fetchall()
        )
        return [_row(row) for row in rows]

    def trend(self, span: TrendSpan, *, tz: tzinfo | None = None) -> list[TrendBucket]:
        """Buckets for the trend chart: 7 days, 30 days or 12 months, ending today in
        `tz` (default: the computer's local time zone)."""
        now = self._clock.now()
        zone = tz or now.astimezone().tzinfo
        assert zone is not None
        today = now.astimezone(zone).date()
        ranges = bucket_ranges(span, today)
        # One day either side covers any time zone's offset; buckets filter exactly.
        start = datetime.combine(ranges[0][0], datetime.min.time(), zone) - timedelta(days=1)
        end = datetime.combine(ranges[-1][1], datetime.min.time(), zone) + timedelta(days=1)
        return trend_buckets(self.between(start, end), span, today, zone)

    # -- the gentle "heavy week" signal --------------------------------------------

    def heavy_week(self) -> HeavyWeek | None:
        """The facts for the "It has been a heavy week" card, or None when it should not
        show: fewer than 3 orange/red check-ins in 7 days, dismissed, or turned off."""
        now = self._clock.now()

        def read(connection: Connection) -> tuple[list[CheckIn], object, object]:
            rows = connection.execute(
                f"SELECT {_COLUMNS} FROM checkins WHERE at > ? AND at <= ? "
                "AND zone IN ('injured', 'ill')",
                (to_db_time(now - timedelta(days=HEAVY_WEEK_DAYS)), to_db_time(now)),
            ).fetchall()
            return (
                [_row(row) for row in rows],
                _preference(connection, SIGNAL_ENABLED_KEY),
                _preference(connection, SIGNAL_DISMISSED_KEY),
            )

        checkins, enabled, dismissed = self._worker.call(read)
        if enabled is False:
            return None
        signal = heavy_week(checkins, now)
        if signal is None:
            return None
        if isinstance(dismissed, str) and signal.latest <= from_db_time(dismissed):
            return None
        return signal

    def dismiss_heavy_week(self) -> None:
        """Hide the card until another orange or red check-in arrives."""
        signal = self.heavy_week()
        if signal is not None:
            latest = to_db_time(signal.latest)
            self._worker.call(lambda c: _set_preference(c, SIGNAL_DISMISSED_KEY, latest))

    @property
    def heavy_week_signal_enabled(self) -> bool:
        """Whether the heavy-week card may show (on unless turned off)."""
        value = self._worker.call(lambda c: _preference(c, SIGNAL_ENABLED_KEY))
        return value is not False

    @heavy_week_signal_enabled.setter
    def heavy_week_signal_enabled(self, enabled: bool) -> None:
        """Whether the heavy-week card may show (on unless turned off)."""
        self._worker.call(lambda c: _set_preference(c, SIGNAL_ENABLED_KEY, bool(enabled)))


def _link(connection: Connection, debrief_id: str, checkin_id: str | None) -> None:
    seq = debrief_seq(connection, debrief_id)
    if checkin_id is not None:
        exists = connection.execute("SELECT 1 FROM checkins WHERE id = ?", (checkin_id,))
        if exists.fetchone() is None:
            raise CheckInNotFound()
    connection.execute("UPDATE debriefs SET checkin_id = ? WHERE seq = ?", (checkin_id, seq))
