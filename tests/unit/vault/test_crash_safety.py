"""Crash safety: SIGKILL at random moments never loses a confirmed save or the key.

A child process saves (or changes keys) and confirms each completed step over a pipe;
the test kills it at random moments and then checks, with a fresh open, that every
confirmed step is there and the database passes its full integrity check.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.vault import (
    FLOOR_KDF,
    VaultError,
    create_vault,
    open_vault,
    open_vault_with_recovery_code,
)
from tests.crash_harness import CrashHarness

from .crash_scenarios import PASSPHRASES, debrief_body

SCENARIOS = "tests.unit.vault.crash_scenarios"


@pytest.fixture
def harness() -> Iterator[CrashHarness]:
    zygote = CrashHarness()
    yield zygote
    zygote.close()


def test_every_confirmed_save_survives_sigkill(
    tmp_path: Path, harness: CrashHarness, request: pytest.FixtureRequest
) -> None:
    rounds = int(request.config.getoption("--crash-rounds"))
    rng = random.Random(20261122)
    folder = tmp_path / "vault"
    vault, code = create_vault(folder, "Crash", PASSPHRASES[0], kdf=FLOOR_KDF)
    vault.close()
    compact_code = code.replace("-", "")
    confirmed: dict[str, str] = {}
    for round_ in range(rounds):
        payloads = harness.run_and_kill(
            f"{SCENARIOS}:save_debriefs",
            folder,
            f"{compact_code} {round_}",
            confirmations_before_kill=rng.randint(0, 6),
            rng=rng,
            max_extra_delay=0.01,
        )
        for payload in payloads:
            debrief_id, marker = payload.split()
            confirmed[debrief_id] = marker
        with open_vault_with_recovery_code(folder, code) as reopened:
            stored = {d.id: d for d in reopened.debriefs.list()}
            missing = confirmed.keys() - stored.keys()
            assert not missing, f"round {round_}: {len(missing)} confirmed saves lost"
            for debrief_id, marker in confirmed.items():
                assert stored[debrief_id].body == debrief_body(marker)
            reopened.integrity_check()
    assert len(confirmed) >= rounds  # the kills did not stop every save


def _working_passphrases(folder: Path) -> list[str]:
    working = []
    for passphrase in PASSPHRASES:
        try:
            with open_vault(folder, passphrase) as vault:
                vault.integrity_check()
                assert vault.debriefs.list()[0].title == "Keep me"
            working.append(passphrase)
        except VaultError:
            continue
    return working


@pytest.mark.parametrize(("scenario", "rounds"), [("change_passphrase", 60), ("reencrypt", 40)])
def test_a_kill_during_a_key_change_leaves_exactly_one_passphrase_working(
    tmp_path: Path, harness: CrashHarness, scenario: str, rounds: int
) -> None:
    rng = random.Random(scenario)
    folder = tmp_path / "vault"
    vault, _ = create_vault(folder, "Keys", PASSPHRASES[0], kdf=FLOOR_KDF)
    vault.debriefs.add("Keep me", "This debrief must outlive every key change.")
    vault.close()
    for round_ in range(rounds):
        payloads = harness.run_and_kill(
            f"{SCENARIOS}:{scenario}",
            folder,
            str(round_),
            confirmations_before_kill=rng.randint(0, 2),
            rng=rng,
            max_extra_delay=0.04,
        )
        working = _working_passphrases(folder)
        assert len(working) == 1, f"round {round_}: {len(working)} passphrases work"
        if payloads:
            last_confirmed = payloads[-1].replace("_", " ")
            in_flight = PASSPHRASES[1 - PASSPHRASES.index(last_confirmed)]
            assert working[0] in (last_confirmed, in_flight)
