"""A child that types a debrief through the autosave policy (run by the crash zygote)."""

from __future__ import annotations

from pathlib import Path

from desktop.vault import open_vault_with_recovery_code
from desktop.vault.autosave import AutosavePolicy
from tests.clock import FakeClock
from tests.crash_zygote import Report

KEY_SECONDS = 0.08  # a fast typist: 12.5 characters a second
PAUSE_EVERY = 40  # characters, then the typist stops to think
PAUSE_SECONDS = 1.5
TEXT = "We sat with the family for an hour and I stayed calm. " * 40


def typed_at(index: int) -> float:
    """When (on the injected clock) the character at `index` is typed."""
    return index * KEY_SECONDS + (index // PAUSE_EVERY) * PAUSE_SECONDS


def type_with_autosave(folder: Path, argument: str, report: Report) -> None:
    """Type TEXT key by key; save when the policy says (its timer included); confirm
    `saved <n>` after each save returned and `typed <n>` after each key."""
    code, debrief_id = argument.split()
    vault = open_vault_with_recovery_code(folder, code)
    clock = FakeClock()
    policy = AutosavePolicy(clock)
    length = 0

    def save() -> None:
        token = policy.begin_save()
        vault.debriefs.update(debrief_id, fields={"note": TEXT[:length]})
        policy.save_succeeded(token)
        report(f"saved {length}")

    for index in range(len(TEXT)):
        wait = policy.seconds_until_due()
        if wait is not None and clock.elapsed + wait <= typed_at(index):
            clock.advance(wait)  # the UI's single-shot timer fires before the next key
            save()
        clock.elapsed = typed_at(index)
        length = index + 1
        policy.edited()
        if policy.due():
            save()
        report(f"typed {length}")
    raise RuntimeError("typed everything before the kill")
