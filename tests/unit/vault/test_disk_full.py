"""A full disk (real ENOSPC on a small tmpfs) during a backup and during a save."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.vault import (
    FLOOR_KDF,
    BackupDiskFull,
    DiskFull,
    RestoreDiskFull,
    create_vault,
    open_vault,
    restore_backup,
)

from .backup_helpers import fill
from .conftest import PASSPHRASE
from .small_disk import fill_up, small_tmpfs


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_full_disk_during_a_backup_keeps_the_last_good_backup(tmp_path: Path) -> None:
    vault, _ = create_vault(tmp_path / "v", "Mine", PASSPHRASE, kdf=FLOOR_KDF)
    vault.debriefs.add("First", "Backed up while small.")
    with small_tmpfs(tmp_path / "stick", 2048) as stick:
        backup = stick / "alongside-backup.albk"
        vault.back_up(backup)
        good = _sha(backup)
        fill(vault, 3_000)  # now several MiB: the next backup cannot fit
        try:
            vault.back_up(backup)
        except BackupDiskFull as exc:
            refusal = str(exc)
        else:
            raise AssertionError("the backup fitted; the test disk is too large")
        assert refusal.startswith("The disk is full, so the backup could not be written.")
        assert "Your vault is unchanged" in refusal
        assert isinstance(BackupDiskFull(), DiskFull)
        assert _sha(backup) == good
        assert [p.name for p in stick.iterdir()] == [backup.name]  # no temp file left
        # The vault goes on saving, and the good backup still restores.
        vault.debriefs.add("Later", "Saved after the failed backup.")
        vault.close()
        restore_backup(backup, tmp_path / "restored", passphrase=PASSPHRASE)
    with open_vault(tmp_path / "restored", PASSPHRASE) as restored:
        assert [d.title for d in restored.debriefs.list()] == ["First"]
        restored.integrity_check()


def test_a_full_disk_during_a_save_loses_nothing_saved(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "stick", 4096) as stick:
        vault, _ = create_vault(stick / "vault", "On a stick", PASSPHRASE, kdf=FLOOR_KDF)
        ballast = fill_up(stick, leave_kib=600)
        saved: list[str] = []
        try:
            for number in range(200):
                saved.append(vault.debriefs.add(f"Shift {number}", "word " * 8_000).id)
        except DiskFull as exc:
            refusal = str(exc)
        else:
            raise AssertionError("every save fitted; the test disk is too large")
        assert refusal.startswith("The disk is full, so the last change could not be saved.")
        assert len(saved) >= 2
        # What was saved before is still there, in this session and after freeing space.
        assert {d.id for d in vault.debriefs.list()} == set(saved)
        ballast.unlink()
        saved.append(vault.debriefs.add("After freeing space", "Saved.").id)
        vault.close()
        with open_vault(stick / "vault", PASSPHRASE) as reopened:
            assert {d.id for d in reopened.debriefs.list()} == set(saved)
            reopened.integrity_check()


def test_a_full_disk_during_a_passphrase_change_keeps_the_old_passphrase(
    tmp_path: Path,
) -> None:
    with small_tmpfs(tmp_path / "stick", 1024) as stick:
        vault, _ = create_vault(stick / "vault", "On a stick", PASSPHRASE, kdf=FLOOR_KDF)
        ballast = fill_up(stick, leave_kib=0)
        try:
            vault.change_passphrase("a new passphrase 5", kdf=FLOOR_KDF)
        except DiskFull:
            pass
        else:
            raise AssertionError("the keyslot file fitted; the test disk is too large")
        vault.close()
        ballast.unlink()
        open_vault(stick / "vault", PASSPHRASE).close()


def test_a_full_disk_during_a_restore_replaces_nothing(tmp_path: Path) -> None:
    vault, _ = create_vault(tmp_path / "v", "Mine", PASSPHRASE, kdf=FLOOR_KDF)
    fill(vault, 2_000)
    vault.back_up(tmp_path / "b.albk")
    vault.close()
    with small_tmpfs(tmp_path / "stick", 2048) as stick:
        small, _ = create_vault(stick / "vault", "Mine", PASSPHRASE, kdf=FLOOR_KDF)
        small.close()
        before = {p.name: _sha(p) for p in (stick / "vault").iterdir()}
        with pytest.raises(RestoreDiskFull) as refused:
            restore_backup(tmp_path / "b.albk", stick / "elsewhere", passphrase=PASSPHRASE)
        assert str(refused.value).startswith(
            "The disk is full, so the backup could not be restored."
        )
        assert sorted(p.name for p in stick.iterdir()) == ["vault"]  # no staging left
        assert {p.name: _sha(p) for p in (stick / "vault").iterdir()} == before
