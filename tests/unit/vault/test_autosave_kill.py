"""SIGKILL while typing loses at most about the last second, never a confirmed save.

A child types through the autosave policy on an injected clock and reports over a pipe
each key and each confirmed save; the test kills it (the lead's crash harness) at
random moments and reopens the vault.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.vault import FLOOR_KDF, create_vault, open_vault_with_recovery_code
from desktop.vault.autosave import MAX_UNSAVED_SECONDS
from tests.crash_harness import CrashHarness

from .autosave_scenarios import TEXT, typed_at

ROUNDS = 6


@pytest.fixture
def harness() -> Iterator[CrashHarness]:
    zygote = CrashHarness()
    yield zygote
    zygote.close()


def test_a_kill_while_typing_loses_at_most_the_last_second(
    tmp_path: Path, harness: CrashHarness
) -> None:
    rng = random.Random(3)
    folder = tmp_path / "vault"
    vault, code = create_vault(folder, "Typing", "typing passphrase here", kdf=FLOOR_KDF)
    debrief = vault.debriefs.add(template=vault.templates.get("free_note"), fields={})
    vault.close()
    for round_ in range(ROUNDS):
        payloads = harness.run_and_kill(
            "tests.unit.vault.autosave_scenarios:type_with_autosave",
            folder,
            f"{code.replace('-', '')} {debrief.id}",
            confirmations_before_kill=rng.randint(60, 900),
            rng=rng,
            max_extra_delay=0.005,
        )
        typed = max(int(p.split()[1]) for p in payloads if p.startswith("typed"))
        saved = [int(p.split()[1]) for p in payloads if p.startswith("saved")]
        assert saved, "the child confirmed no save before the kill"
        with open_vault_with_recovery_code(folder, code) as reopened:
            stored = reopened.debriefs.get(debrief.id).fields.get("note", "")
            reopened.integrity_check()
        assert TEXT.startswith(stored), f"round {round_}: the text is not what was typed"
        assert len(stored) >= max(saved), f"round {round_}: a confirmed save was lost"
        if len(stored) < typed:
            # The first lost key was typed at most a second before the last key seen.
            lost_seconds = typed_at(typed - 1) - typed_at(len(stored))
            assert lost_seconds <= MAX_UNSAVED_SECONDS + 1e-9, f"round {round_}"
