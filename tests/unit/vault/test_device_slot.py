"""The device slot ("Remember on this computer"): the data key wrapped under a random
KEK that the OS keyring holds; it opens the vault through the normal open path, a wrong
or foreign KEK opens nothing, forgetting removes it, and a backup never carries it."""

from __future__ import annotations

import json
import secrets

import pytest

from desktop.vault import (
    FLOOR_KDF,
    WrongDeviceKey,
    WrongPassphrase,
    open_vault,
    open_vault_with_device_key,
    remembered_entry,
)
from desktop.vault.keyslots import new_device_key

from .conftest import PASSPHRASE


def test_a_device_key_opens_the_vault_and_nothing_else_does(new_vault, vault_folder):
    vault, _ = new_vault
    device_key = new_device_key()
    vault.remember_on_device(device_key, f"vault-{vault.vault_id}")
    assert vault.remembered_entry == f"vault-{vault.vault_id}"
    vault.debriefs.add("Kept", "Body")
    vault.close()
    assert remembered_entry(vault_folder) == (vault.vault_id, f"vault-{vault.vault_id}")
    slots = json.loads((vault_folder / "keyslots.json").read_text())["slots"]
    assert [s["kind"] for s in slots] == ["passphrase", "recovery", "device"]
    assert device_key.hex() not in (vault_folder / "keyslots.json").read_text()
    with open_vault_with_device_key(vault_folder, device_key) as opened:
        assert [d.title for d in opened.debriefs.list()] == ["Kept"]
    with pytest.raises(WrongDeviceKey):
        open_vault_with_device_key(vault_folder, secrets.token_bytes(32))
    with pytest.raises(WrongDeviceKey):
        open_vault_with_device_key(vault_folder, b"short")
    with open_vault(vault_folder, PASSPHRASE) as opened:  # the passphrase still works
        opened.change_passphrase("a new passphrase for the test", kdf=FLOOR_KDF)  # keeps it
    with open_vault_with_device_key(vault_folder, device_key) as opened:
        opened.forget_device()
        assert opened.remembered_entry is None
    assert remembered_entry(vault_folder) is None
    with pytest.raises(WrongDeviceKey):
        open_vault_with_device_key(vault_folder, device_key)


def test_the_device_key_is_not_a_passphrase(new_vault, vault_folder):
    vault, _ = new_vault
    device_key = new_device_key()
    vault.remember_on_device(device_key, "vault-x")
    vault.close()
    import base64

    for guess in (base64.b64encode(device_key).decode(), device_key.hex()):
        with pytest.raises(WrongPassphrase):
            open_vault(vault_folder, guess)


def test_no_device_slot_and_no_vault_mean_not_remembered(new_vault, vault_folder, tmp_path):
    vault, _ = new_vault
    vault.close()
    assert remembered_entry(vault_folder) is None
    assert remembered_entry(tmp_path / "nowhere") is None
