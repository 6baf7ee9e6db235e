"""Shared by the debriefing tests: a settable clock and a vault opened with it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.vault import FLOOR_KDF, Vault, create_vault

PASSPHRASE = "quiet harbour lantern 42"
START = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # a Monday


class FakeClock:
    """A clock tests move by hand; each reading can also step forward a little."""

    def __init__(self, start: datetime = START, step: timedelta = timedelta(0)) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        current = self.now
        self.now += self.step
        return current

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def open_test_vault(folder: Path, clock: FakeClock) -> Vault:
    vault, _ = create_vault(folder, "Debriefing", PASSPHRASE, kdf=FLOOR_KDF, clock=clock)
    return vault
