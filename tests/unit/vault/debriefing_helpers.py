"""Shared by the debriefing tests: a settable clock and a vault opened with it."""

from __future__ import annotations

from pathlib import Path

from desktop.vault import FLOOR_KDF, Vault, create_vault
from tests.clock import START, FakeClock

__all__ = ["PASSPHRASE", "START", "FakeClock", "open_test_vault"]

PASSPHRASE = "quiet harbour lantern 42"


def open_test_vault(folder: Path, clock: FakeClock) -> Vault:
    vault, _ = create_vault(folder, "Debriefing", PASSPHRASE, kdf=FLOOR_KDF, clock=clock)
    return vault
