"""Fixtures for vault tests: real SQLCipher vaults in a temporary folder, floor KDF."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.vault import FLOOR_KDF, Vault, create_vault

from .debriefing_helpers import FakeClock, open_test_vault

PASSPHRASE = "quiet harbour lantern 42"


@pytest.fixture
def vault_folder(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def new_vault(vault_folder: Path) -> Iterator[tuple[Vault, str]]:
    """A freshly created, open vault (floor KDF) and its recovery code."""
    vault, recovery_code = create_vault(vault_folder, "Test vault", PASSPHRASE, kdf=FLOOR_KDF)
    yield vault, recovery_code
    vault.close()


def file_digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every file in `folder`, to prove files were left untouched."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


@pytest.fixture
def digests() -> Callable[[Path], dict[str, str]]:
    return file_digests


@pytest.fixture
def clock() -> FakeClock:
    """A clock that moves only when a test moves it (modules may override it)."""
    return FakeClock()


@pytest.fixture
def vault(tmp_path: Path, clock: FakeClock) -> Iterator[Vault]:
    """An open vault with the debriefing stores, on the floor KDF and the test's clock."""
    vault = open_test_vault(tmp_path / "vault", clock)
    yield vault
    vault.close()
