"""The vault folder is 0700 and every file in it 0600, whenever SQLite made it (issue 16)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.vault import FLOOR_KDF, Vault, create_vault, open_vault
from desktop.vault.file_modes import folder_keeps_private_modes, mode_is_private

from .conftest import PASSPHRASE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Windows uses the profile's ACL")


@pytest.fixture(autouse=True)
def wide_umask() -> Iterator[None]:
    """The usual desktop umask, under which SQLite alone would make 0644 files."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _modes(folder: Path) -> dict[str, str]:
    modes = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for path in folder.iterdir():
        modes[path.name] = oct(stat.S_IMODE(path.stat().st_mode))
    return modes


def _assert_private(folder: Path, expected_files: set[str]) -> None:
    modes = _modes(folder)
    assert modes.pop(".") == "0o700"
    assert expected_files <= set(modes), sorted(modes)
    assert modes == dict.fromkeys(modes, "0o600")


def test_a_new_vault_is_private_to_its_owner(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    _assert_private(vault.folder, {"vault.db", "vault.lock", "keyslots.json"})


def test_the_wal_sqlite_creates_later_is_private(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    vault.debriefs.add("Evening", "A long day.")
    assert (vault.folder / "vault.db-wal").exists()
    _assert_private(vault.folder, {"vault.db", "vault.db-wal", "vault.lock", "keyslots.json"})


def test_modes_stay_private_after_a_passphrase_change_and_a_reencryption(
    new_vault: tuple[Vault, str],
) -> None:
    vault, _ = new_vault
    vault.change_passphrase("a second passphrase 7", kdf=FLOOR_KDF)
    _assert_private(vault.folder, {"keyslots.json"})
    vault.reencrypt("a third passphrase 8", kdf=FLOOR_KDF)
    vault.debriefs.add("After", "Re-encrypted.")
    _assert_private(vault.folder, {"vault.db", "vault.db-wal", "keyslots.json"})
    vault.close()
    _assert_private(vault.folder, {"vault.db", "keyslots.json"})


def test_an_older_vault_with_open_modes_is_tightened_at_unlock(tmp_path: Path) -> None:
    vault, _ = create_vault(tmp_path / "v", "Old modes", PASSPHRASE, kdf=FLOOR_KDF)
    vault.close()
    (tmp_path / "v").chmod(0o755)
    for path in (tmp_path / "v").iterdir():
        path.chmod(0o644)
    with open_vault(tmp_path / "v", PASSPHRASE):
        _assert_private(tmp_path / "v", {"vault.db", "vault.lock", "keyslots.json"})


def test_an_ordinary_folder_keeps_private_modes(tmp_path: Path) -> None:
    assert folder_keeps_private_modes(tmp_path)
    assert folder_keeps_private_modes(tmp_path / "not" / "made" / "yet")
    assert list(tmp_path.iterdir()) == []  # the probe file is gone


def test_a_fat_style_fixed_mode_is_not_private() -> None:
    # FAT/exFAT mounted with the default umask report every file as 0755 (or 0777).
    # No FAT driver here to mount one, so the judgement on the mode is checked alone.
    assert not mode_is_private(stat.S_IFREG | 0o755)
    assert not mode_is_private(stat.S_IFREG | 0o777)
    assert not mode_is_private(stat.S_IFREG | 0o640)
    assert mode_is_private(stat.S_IFREG | 0o600)
