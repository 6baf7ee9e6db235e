"""Restore: verified before anything is replaced; every bad backup refused plainly."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.vault import (
    FLOOR_KDF,
    RecoveryCodeTypo,
    Vault,
    VaultError,
    VaultOpenElsewhere,
    create_vault,
    open_vault,
)
from desktop.vault.backup_format import pack_backup
from desktop.vault.errors import (
    BackupDamaged,
    BackupOfAnotherVault,
    BackupWithoutKeyslots,
    NotABackup,
    RestoreFolderNotEmpty,
    WrongBackupPassphrase,
    WrongBackupRecoveryCode,
)
from desktop.vault.restore import describe_backup, restore_backup

from .backup_helpers import database_part, layout_of
from .conftest import PASSPHRASE
from .debriefing_helpers import START, FakeClock

Digests = Callable[[Path], dict[str, str]]


@pytest.fixture
def backed_up(tmp_path: Path, clock: FakeClock) -> tuple[Path, Path, str]:
    """A closed vault with two debriefs, its backup, and a third debrief made after it."""
    vault, code = create_vault(tmp_path / "v", "Mine", PASSPHRASE, kdf=FLOOR_KDF, clock=clock)
    vault.debriefs.add("Before 1", "In the backup.")
    vault.debriefs.add("Before 2", "In the backup too.")
    vault.back_up(tmp_path / "b.albk")
    vault.debriefs.add("After", "Only in the live vault.")
    vault.close()
    return tmp_path / "v", tmp_path / "b.albk", code


def _repack(
    backup: Path, out: Path, *, manifest: dict[str, Any] | None = None, database: bytes = b""
) -> Path:
    """A well-formed container (valid checksum) around altered parts of `backup`."""
    part = out.with_suffix(".part")
    part.write_bytes(database or database_part(backup))
    with out.open("wb") as stream:
        pack_backup(stream, manifest or layout_of(backup).manifest, part)
    part.unlink()
    return out


def _titles(folder: Path) -> set[str]:
    with open_vault(folder, PASSPHRASE) as vault:
        return {d.title for d in vault.debriefs.list()}


def test_restore_replaces_the_vault_and_keeps_the_old_one_aside(
    backed_up: tuple[Path, Path, str],
) -> None:
    folder, backup, _ = backed_up
    restored = restore_backup(backup, folder, passphrase=PASSPHRASE, clock=FakeClock())
    assert restored.folder == folder
    assert restored.replaced_folder == folder.with_name("v (replaced 2026-11-16)")
    assert sorted(p.name for p in folder.iterdir()) == ["keyslots.json", "vault.db"]
    if os.name == "posix":
        assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert _titles(folder) == {"Before 1", "Before 2"}
    assert _titles(restored.replaced_folder) == {"Before 1", "Before 2", "After"}
    # A second restore the same day keeps both earlier vaults.
    again = restore_backup(backup, folder, passphrase=PASSPHRASE, clock=FakeClock())
    assert again.replaced_folder == folder.with_name("v (replaced 2026-11-16) 2")
    assert sorted(p.name for p in folder.parent.iterdir()) == [
        "b.albk",
        "v",
        "v (replaced 2026-11-16)",
        "v (replaced 2026-11-16) 2",
    ]


def test_a_backup_can_be_described_before_any_secret_is_asked(
    backed_up: tuple[Path, Path, str],
) -> None:
    folder, backup, _ = backed_up
    info = describe_backup(backup)
    assert info.created == START
    assert info.vault_id == json.loads((folder / "keyslots.json").read_text())["vault_id"]
    (folder.parent / "note.txt").write_text("not a backup")
    with pytest.raises(NotABackup):
        describe_backup(folder.parent / "note.txt")


def _assert_refused(
    error: type[VaultError],
    backup: Path,
    folder: Path,
    digests: Digests,
    **secret: str,
) -> VaultError:
    before = digests(folder)
    listing = sorted(p.name for p in folder.parent.iterdir())
    with pytest.raises(error) as refused:
        restore_backup(backup, folder, **(secret or {"passphrase": PASSPHRASE}))
    assert digests(folder) == before
    assert sorted(p.name for p in folder.parent.iterdir()) == listing  # no staging left
    assert _titles(folder) == {"Before 1", "Before 2", "After"}
    return refused.value


def test_a_file_that_is_not_a_backup_is_refused(
    backed_up: tuple[Path, Path, str], digests: Digests
) -> None:
    folder, _, _ = backed_up
    for name, content in (("random.albk", b"\x8f" * 5000), ("empty.albk", b"")):
        path = folder.parent / name
        path.write_bytes(content)
        refusal = _assert_refused(NotABackup, path, folder, digests)
        path.unlink()
    assert str(refusal) == "This file is not an Alongside backup. Nothing was replaced."
    _assert_refused(NotABackup, folder / "keyslots.json", folder, digests)
    _assert_refused(NotABackup, folder.parent / "missing.albk", folder, digests)


@pytest.mark.parametrize("keep", [20, 40, 5000, -1])
def test_a_truncated_backup_is_refused(
    backed_up: tuple[Path, Path, str], digests: Digests, keep: int
) -> None:
    folder, backup, _ = backed_up
    raw = backup.read_bytes()
    cut = folder.parent / "cut.albk"
    cut.write_bytes(raw[:keep])
    refusal = _assert_refused(BackupDamaged, cut, folder, digests)
    assert "damaged or incomplete" in str(refusal)


def test_a_flipped_byte_is_caught_by_the_checksum(
    backed_up: tuple[Path, Path, str], digests: Digests
) -> None:
    folder, backup, _ = backed_up
    raw = bytearray(backup.read_bytes())
    raw[layout_of(backup).database_offset + 3 * 4096 + 100] ^= 0x01
    flipped = folder.parent / "flipped.albk"
    flipped.write_bytes(bytes(raw))
    _assert_refused(BackupDamaged, flipped, folder, digests)


def test_a_damaged_page_with_a_recomputed_checksum_fails_the_integrity_check(
    backed_up: tuple[Path, Path, str], digests: Digests
) -> None:
    folder, backup, _ = backed_up
    database = bytearray(database_part(backup))
    database[len(database) - 4096 + 200] ^= 0x01  # the last page, not page 1
    forged = _repack(backup, folder.parent / "forged.albk", database=bytes(database))
    _assert_refused(BackupDamaged, forged, folder, digests)


def test_another_vaults_backup_does_not_replace_this_vault(
    backed_up: tuple[Path, Path, str], digests: Digests, tmp_path: Path
) -> None:
    folder, _, _ = backed_up
    other, _ = create_vault(tmp_path / "other", "Other", PASSPHRASE, kdf=FLOOR_KDF)
    other.back_up(tmp_path / "other.albk")
    other.close()
    _assert_refused(BackupOfAnotherVault, tmp_path / "other.albk", folder, digests)
    # As a vault of its own, in an empty folder, it restores.
    restore_backup(tmp_path / "other.albk", tmp_path / "fresh", passphrase=PASSPHRASE)
    assert _titles(tmp_path / "fresh") == set()


def test_keyslots_of_another_vault_around_this_database_are_damage(
    backed_up: tuple[Path, Path, str], digests: Digests, tmp_path: Path
) -> None:
    folder, backup, _ = backed_up
    other, _ = create_vault(tmp_path / "other", "Other", PASSPHRASE, kdf=FLOOR_KDF)
    other.back_up(tmp_path / "other.albk")
    other.close()
    mixed = _repack(
        backup, tmp_path / "mixed.albk", manifest=layout_of(tmp_path / "other.albk").manifest
    )
    # Into an empty folder, so the vault-id check on the target does not decide it.
    with pytest.raises(BackupDamaged):
        restore_backup(mixed, tmp_path / "empty", passphrase=PASSPHRASE)
    assert not (tmp_path / "empty").exists()
    assert digests(folder)


def test_a_backup_with_only_a_device_slot_is_refused(
    backed_up: tuple[Path, Path, str], digests: Digests
) -> None:
    folder, backup, _ = backed_up
    manifest = layout_of(backup).manifest
    manifest["keyslots"]["slots"] = [
        {
            "kind": "device",
            "generation": 1,
            "keyring_entry": "alongside/device",
            "nonce": "AQ" * 16,
            "wrapped_key": "Ag" * 32,
        }
    ]
    device_only = _repack(backup, folder.parent / "device.albk", manifest=manifest)
    refusal = _assert_refused(BackupWithoutKeyslots, device_only, folder, digests)
    assert "no passphrase or recovery-code key" in str(refusal)


def test_wrong_secrets_are_refused_and_nothing_is_replaced(
    backed_up: tuple[Path, Path, str], digests: Digests
) -> None:
    folder, backup, code = backed_up
    _assert_refused(WrongBackupPassphrase, backup, folder, digests, passphrase="not it at all")
    other_code = create_vault(folder.parent / "x", "X", PASSPHRASE, kdf=FLOOR_KDF)
    other_code[0].close()
    _assert_refused(WrongBackupRecoveryCode, backup, folder, digests, recovery_code=other_code[1])
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    _assert_refused(RecoveryCodeTypo, backup, folder, digests, recovery_code=typo)


def test_an_open_vault_is_not_replaced(backed_up: tuple[Path, Path, str], digests: Digests) -> None:
    folder, backup, _ = backed_up
    with open_vault(folder, PASSPHRASE) as vault:
        assert isinstance(vault, Vault)
        with pytest.raises(VaultOpenElsewhere):
            restore_backup(backup, folder, passphrase=PASSPHRASE)
    assert _titles(folder) == {"Before 1", "Before 2", "After"}


def test_a_folder_of_other_files_is_not_replaced(
    backed_up: tuple[Path, Path, str], tmp_path: Path
) -> None:
    _, backup, _ = backed_up
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "letter.txt").write_text("keep me")
    with pytest.raises(RestoreFolderNotEmpty):
        restore_backup(backup, tmp_path / "documents", passphrase=PASSPHRASE)
    assert [p.name for p in (tmp_path / "documents").iterdir()] == ["letter.txt"]
