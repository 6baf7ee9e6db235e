"""Keyslots: which secrets open a vault, and which are refused before any work."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import desktop.vault.kdf as kdf_module
from desktop.vault import (
    FLOOR_KDF,
    SHIPPED_KDF,
    InvalidKdfParameters,
    KdfParams,
    RecoveryCodeTypo,
    Vault,
    VaultDamaged,
    WrongPassphrase,
    WrongRecoveryCode,
    check_recovery_code,
    create_vault,
    open_vault,
    open_vault_with_recovery_code,
)
from desktop.vault.recovery_code import ALPHABET

from .conftest import PASSPHRASE


def _keyslots(folder: Path) -> dict[str, object]:
    loaded = json.loads((folder / "keyslots.json").read_text())
    assert isinstance(loaded, dict)
    return loaded


def _write_keyslots(folder: Path, data: dict[str, object]) -> None:
    (folder / "keyslots.json").write_text(json.dumps(data))


def test_wrong_passphrase_is_refused_plainly(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    vault.close()
    with pytest.raises(WrongPassphrase) as refused:
        open_vault(vault.folder, "quiet harbour lantern 43")
    assert "passphrase is wrong" in str(refused.value)


def test_recovery_code_alone_opens_the_vault(new_vault: tuple[Vault, str]) -> None:
    vault, code = new_vault
    saved = vault.debriefs.add("Handover", "The handover went late.")
    vault.close()
    with open_vault_with_recovery_code(vault.folder, code.lower().replace("-", " ")) as reopened:
        assert reopened.debriefs.get(saved.id).body == "The handover went late."


def test_recovery_code_has_128_bits_in_short_groups(new_vault: tuple[Vault, str]) -> None:
    _, code = new_vault
    groups = code.split("-")
    assert all(len(group) == 4 for group in groups)
    # 26 characters of 5 bits carry the 128-bit secret; two more are the checksum.
    assert len("".join(groups)) * 5 >= 128 + 10
    assert set("".join(groups)) <= set(ALPHABET)


def test_a_mistyped_recovery_code_is_caught_by_its_checksum(
    new_vault: tuple[Vault, str], digests: object
) -> None:
    vault, code = new_vault
    vault.close()
    position = 5
    wrong_char = next(c for c in ALPHABET if c != code[position])
    typo = code[:position] + wrong_char + code[position + 1 :]
    with pytest.raises(RecoveryCodeTypo):
        open_vault_with_recovery_code(vault.folder, typo)


def test_almost_every_single_character_typo_is_caught(new_vault: tuple[Vault, str]) -> None:
    _, code = new_vault
    compact = code.replace("-", "")
    caught = total = 0
    for position in range(len(compact)):
        for replacement in ALPHABET:
            if replacement == compact[position]:
                continue
            total += 1
            try:
                check_recovery_code(compact[:position] + replacement + compact[position + 1 :])
            except RecoveryCodeTypo:
                caught += 1
    assert caught / total > 0.99


def test_a_recovery_code_of_another_vault_is_refused(
    new_vault: tuple[Vault, str], tmp_path: Path
) -> None:
    vault, _ = new_vault
    other, other_code = create_vault(tmp_path / "other", "Other", PASSPHRASE, kdf=FLOOR_KDF)
    other.close()
    vault.close()
    with pytest.raises(WrongRecoveryCode):
        open_vault_with_recovery_code(vault.folder, other_code)


def test_change_passphrase_then_old_fails_and_new_works(new_vault: tuple[Vault, str]) -> None:
    vault, code = new_vault
    saved = vault.debriefs.add("Ward round", "Hard conversation with a family.")
    vault.close()
    database_before = (vault.folder / "vault.db").read_bytes()
    vault = open_vault(vault.folder, PASSPHRASE)
    vault.change_passphrase("a brand new passphrase 7", kdf=FLOOR_KDF)
    vault.close()
    # Only the keyslot was rewrapped: the encrypted database is byte-for-byte the same.
    assert (vault.folder / "vault.db").read_bytes() == database_before
    with pytest.raises(WrongPassphrase):
        open_vault(vault.folder, PASSPHRASE)
    with open_vault(vault.folder, "a brand new passphrase 7") as reopened:
        assert reopened.debriefs.get(saved.id).title == "Ward round"
    # The recovery code still works after a plain passphrase change.
    with open_vault_with_recovery_code(vault.folder, code) as reopened:
        assert reopened.debriefs.get(saved.id).title == "Ward round"


def test_reencrypt_makes_an_old_keyslot_copy_useless(
    new_vault: tuple[Vault, str], tmp_path: Path
) -> None:
    vault, old_code = new_vault
    saved = vault.debriefs.add("Seen passphrase", "Someone watched me type it.")
    old_keyslots = tmp_path / "old-keyslots.json"
    shutil.copy(vault.folder / "keyslots.json", old_keyslots)
    new_code = vault.reencrypt("fresh words after a risk", kdf=FLOOR_KDF)
    assert new_code != old_code
    vault.close()

    with open_vault(vault.folder, "fresh words after a risk") as reopened:
        assert reopened.debriefs.get(saved.id).body == "Someone watched me type it."
    with pytest.raises(WrongRecoveryCode):
        open_vault_with_recovery_code(vault.folder, old_code)

    # An attacker's old copy of keyslots.json plus the old passphrase unwraps the old
    # data key, but the database no longer accepts it.
    shutil.copy(old_keyslots, vault.folder / "keyslots.json")
    with pytest.raises(VaultDamaged):
        open_vault(vault.folder, PASSPHRASE)
    with pytest.raises(VaultDamaged):
        open_vault_with_recovery_code(vault.folder, old_code)


@pytest.mark.parametrize(
    ("field", "index"),
    [("wrapped_key", 0), ("nonce", 0), ("salt", 0)],
)
def test_tampered_passphrase_slot_fails(
    new_vault: tuple[Vault, str], field: str, index: int
) -> None:
    vault, _ = new_vault
    vault.close()
    data = _keyslots(vault.folder)
    slots = data["slots"]
    assert isinstance(slots, list)
    passphrase_slot = next(s for s in slots if s["kind"] == "passphrase")
    raw = bytearray(__import__("base64").b64decode(passphrase_slot[field]))
    raw[index] ^= 0x01
    passphrase_slot[field] = __import__("base64").b64encode(bytes(raw)).decode()
    _write_keyslots(vault.folder, data)
    with pytest.raises(WrongPassphrase):
        open_vault(vault.folder, PASSPHRASE)


def test_slot_moved_to_another_vault_id_fails(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    vault.close()
    data = _keyslots(vault.folder)
    data["vault_id"] = "0" * 32
    _write_keyslots(vault.folder, data)
    # The vault id is associated data of every wrap, so no slot opens.
    with pytest.raises(WrongPassphrase):
        open_vault(vault.folder, PASSPHRASE)


@pytest.mark.parametrize("garbage", [b"", b"{", b"[]", b'{"format": "something-else"}'])
def test_malformed_keyslot_file_is_damage(new_vault: tuple[Vault, str], garbage: bytes) -> None:
    vault, _ = new_vault
    vault.close()
    (vault.folder / "keyslots.json").write_bytes(garbage)
    with pytest.raises(VaultDamaged):
        open_vault(vault.folder, PASSPHRASE)


@pytest.mark.parametrize(
    ("opslimit", "memlimit"),
    [
        (1, 19 * 1024 * 1024),  # below the t=2 floor
        (2, 8 * 1024 * 1024),  # below the 19 MiB floor
        (2, 4 * 1024 * 1024 * 1024),  # a hostile 4 GiB allocation
        (10_000, 64 * 1024 * 1024),  # hours of work
        ("3", 64 * 1024 * 1024),  # wrong type
    ],
)
def test_out_of_range_kdf_params_are_rejected_before_use(
    new_vault: tuple[Vault, str],
    monkeypatch: pytest.MonkeyPatch,
    opslimit: object,
    memlimit: int,
) -> None:
    vault, _ = new_vault
    vault.close()
    data = _keyslots(vault.folder)
    slots = data["slots"]
    assert isinstance(slots, list)
    for slot in slots:
        if slot["kind"] == "passphrase":
            slot["opslimit"], slot["memlimit"] = opslimit, memlimit
    _write_keyslots(vault.folder, data)

    calls: list[object] = []
    real_kdf = kdf_module.argon2id.kdf
    monkeypatch.setattr(
        kdf_module.argon2id, "kdf", lambda *a, **k: calls.append(k) or real_kdf(*a, **k)
    )
    with pytest.raises((InvalidKdfParameters, VaultDamaged)):
        open_vault(vault.folder, PASSPHRASE)
    assert calls == [], "Argon2id ran with parameters that should have been refused"


def test_nothing_constructs_kdf_params_below_the_floor() -> None:
    with pytest.raises(InvalidKdfParameters):
        KdfParams(opslimit=1, memlimit=FLOOR_KDF.memlimit)
    with pytest.raises(InvalidKdfParameters):
        KdfParams(opslimit=2, memlimit=FLOOR_KDF.memlimit - 1)
    assert SHIPPED_KDF.opslimit >= FLOOR_KDF.opslimit
    assert SHIPPED_KDF.memlimit >= FLOOR_KDF.memlimit


@pytest.mark.parametrize(
    "passphrase",
    [
        "it's \"quoted\" 'twice' ok",
        "drop; table debriefs; --",
        "nul\x00inside the passphrase",
        "x'00ff' AND 1=1 ",
        "calm \U0001f33f harbour \u00e9t\u00e9 \u6c34",
    ],
)
def test_unusual_passphrases_round_trip(tmp_path: Path, passphrase: str) -> None:
    vault, _ = create_vault(tmp_path / "v", "Unusual", passphrase, kdf=FLOOR_KDF)
    saved = vault.debriefs.add("t", "b")
    vault.close()
    with open_vault(tmp_path / "v", passphrase) as reopened:
        assert reopened.debriefs.get(saved.id).title == "t"
    with pytest.raises(WrongPassphrase):
        open_vault(tmp_path / "v", passphrase + " ")


def test_shipped_kdf_parameters_create_and_open_a_vault(tmp_path: Path) -> None:
    vault, _ = create_vault(tmp_path / "v", "Shipped", PASSPHRASE)
    vault.close()
    stored = _keyslots(tmp_path / "v")["slots"]
    assert isinstance(stored, list)
    slot = next(s for s in stored if s["kind"] == "passphrase")
    assert (slot["opslimit"], slot["memlimit"]) == (SHIPPED_KDF.opslimit, SHIPPED_KDF.memlimit)
    with open_vault(tmp_path / "v", PASSPHRASE) as reopened:
        assert reopened.name == "Shipped"


def test_verify_passphrase_accepts_only_the_current_one(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    assert vault.verify_passphrase(PASSPHRASE)
    assert not vault.verify_passphrase(PASSPHRASE + "!")
    vault.change_passphrase("the next passphrase 9", kdf=FLOOR_KDF)
    assert not vault.verify_passphrase(PASSPHRASE)
    assert vault.verify_passphrase("the next passphrase 9")
