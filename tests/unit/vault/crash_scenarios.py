"""Work that crash tests kill at random moments (run inside a forked child)."""

from __future__ import annotations

from pathlib import Path

from desktop.vault import FLOOR_KDF, VaultError, open_vault, open_vault_with_recovery_code
from tests.crash_zygote import Report

PASSPHRASES = ("first passphrase here", "second passphrase here")


def debrief_body(marker: str) -> str:
    """The body saved for `marker`: long enough to span pages, checkable after a crash."""
    return f"{marker}: " + ("we talked it through and I felt heard. " * 40)


def save_debriefs(folder: Path, argument: str, report: Report) -> None:
    """Save debriefs forever, confirming each save only after `add` returned."""
    code, round_ = argument.split()
    vault = open_vault_with_recovery_code(folder, code)
    for number in range(10_000):
        marker = f"r{round_}-{number}"
        saved = vault.debriefs.add(marker, debrief_body(marker))
        report(f"{saved.id} {marker}")


def _open_with_either(folder: Path) -> tuple[object, int]:
    for index, passphrase in enumerate(PASSPHRASES):
        try:
            return open_vault(folder, passphrase), index
        except VaultError:
            continue
    raise RuntimeError("neither passphrase opens the vault")


def change_passphrase(folder: Path, argument: str, report: Report) -> None:
    """Flip the passphrase back and forth, confirming each completed change."""
    vault, current = _open_with_either(folder)
    for _ in range(10_000):
        current = 1 - current
        vault.change_passphrase(PASSPHRASES[current], kdf=FLOOR_KDF)  # type: ignore[attr-defined]
        report(PASSPHRASES[current].replace(" ", "_"))


def reencrypt(folder: Path, argument: str, report: Report) -> None:
    """Re-encrypt under alternating passphrases, confirming each completed rekey."""
    vault, current = _open_with_either(folder)
    for _ in range(10_000):
        current = 1 - current
        vault.reencrypt(PASSPHRASES[current], kdf=FLOOR_KDF)  # type: ignore[attr-defined]
        report(PASSPHRASES[current].replace(" ", "_"))
