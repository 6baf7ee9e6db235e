"""The same passphrase in another Unicode form opens the vault (issue 16, point 1)."""

from __future__ import annotations

import json
import secrets
import unicodedata
from pathlib import Path

import nacl.bindings as sodium
import pytest

from desktop.vault import FLOOR_KDF, WrongPassphrase, create_vault, open_vault
from desktop.vault.kdf import SALT_BYTES, KdfParams, derive_key
from desktop.vault.keyslots import (
    NONCE_BYTES,
    KeyslotFile,
    PassphraseSlot,
    parse_keyslot_file,
    unwrap_with_recovery_secret,
)
from desktop.vault.recovery_code import parse_recovery_code

# "Café crème, Zoë" with precomposed letters, and the same words as a Mac may send them.
COMPOSED = "Caf\u00e9 cr\u00e8me, Zo\u00eb \u00e0 l'h\u00f4pital"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def _passphrase_slot(folder: Path) -> dict[str, object]:
    slots = json.loads((folder / "keyslots.json").read_text())["slots"]
    return next(slot for slot in slots if slot["kind"] == "passphrase")


def _old_style_slot(
    vault_id: str, generation: int, dek: bytes, passphrase: str, params: KdfParams
) -> PassphraseSlot:
    """The passphrase slot exactly as Alongside wrote it before issue 16: no normalising."""
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    kek = derive_key(passphrase, salt, params)
    ad = f"alongside/keyslot/v1\x00{vault_id}\x00passphrase\x00{generation}".encode("ascii")
    wrapped = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(dek, ad, nonce, kek)
    return PassphraseSlot(
        generation=generation,
        salt=salt,
        opslimit=params.opslimit,
        memlimit=params.memlimit,
        nonce=nonce,
        wrapped_key=wrapped,
    )


def _make_old_vault(folder: Path, passphrase: str) -> str:
    """A vault whose passphrase slot was made by the old code from `passphrase` as typed."""
    vault, code = create_vault(folder, "Old", "temporary passphrase 1", kdf=FLOOR_KDF)
    saved = vault.debriefs.add("Night shift", "Kept across the upgrade.")
    vault.close()
    keyslots = parse_keyslot_file((folder / "keyslots.json").read_bytes())
    [(generation, dek)] = unwrap_with_recovery_secret(keyslots, parse_recovery_code(code))
    others = tuple(s for s in keyslots.slots if not isinstance(s, PassphraseSlot))
    old = _old_style_slot(keyslots.vault_id, generation, dek, passphrase, FLOOR_KDF)
    rewritten = KeyslotFile(vault_id=keyslots.vault_id, slots=(old, *others))
    (folder / "keyslots.json").write_bytes(rewritten.to_bytes())
    assert "passphrase_form" not in _passphrase_slot(folder)
    return saved.id


@pytest.mark.parametrize(
    ("created_with", "typed"), [(COMPOSED, DECOMPOSED), (DECOMPOSED, COMPOSED)]
)
def test_a_new_vault_opens_with_either_form(tmp_path: Path, created_with: str, typed: str) -> None:
    vault, _ = create_vault(tmp_path / "v", "Forms", created_with, kdf=FLOOR_KDF)
    vault.close()
    assert _passphrase_slot(tmp_path / "v")["passphrase_form"] == "NFC"
    with open_vault(tmp_path / "v", typed) as reopened:
        assert reopened.verify_passphrase(created_with)
        assert reopened.verify_passphrase(typed)


def test_a_changed_passphrase_opens_with_either_form(tmp_path: Path) -> None:
    vault, _ = create_vault(tmp_path / "v", "Forms", "first passphrase here", kdf=FLOOR_KDF)
    vault.change_passphrase(DECOMPOSED, kdf=FLOOR_KDF)
    vault.close()
    assert _passphrase_slot(tmp_path / "v")["passphrase_form"] == "NFC"
    open_vault(tmp_path / "v", COMPOSED).close()
    open_vault(tmp_path / "v", DECOMPOSED).close()


@pytest.mark.parametrize(
    ("created_with", "typed"),
    [(DECOMPOSED, COMPOSED), (DECOMPOSED, DECOMPOSED), (COMPOSED, DECOMPOSED)],
)
def test_an_old_vault_opens_with_any_form_and_its_slot_is_then_marked(
    tmp_path: Path, created_with: str, typed: str
) -> None:
    folder = tmp_path / "old"
    saved_id = _make_old_vault(folder, created_with)
    with open_vault(folder, typed) as reopened:
        assert reopened.debriefs.get(saved_id).body == "Kept across the upgrade."
    slot = _passphrase_slot(folder)
    assert slot["passphrase_form"] == "NFC"
    assert (slot["opslimit"], slot["memlimit"]) == (FLOOR_KDF.opslimit, FLOOR_KDF.memlimit)
    # After the rewrap both forms open it, and a wrong passphrase still does not.
    open_vault(folder, COMPOSED).close()
    open_vault(folder, DECOMPOSED).close()
    with pytest.raises(WrongPassphrase):
        open_vault(folder, COMPOSED + "!")


def test_an_old_vault_is_not_marked_by_a_wrong_passphrase(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    _make_old_vault(folder, DECOMPOSED)
    before = (folder / "keyslots.json").read_bytes()
    with pytest.raises(WrongPassphrase):
        open_vault(folder, "Cafe creme, Zoe a l'hopital")
    assert (folder / "keyslots.json").read_bytes() == before
