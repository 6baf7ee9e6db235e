"""docs/vault.md's worked example, recomputed from the doc's own inputs.

The doc and this test are checked against each other: the inputs, derived values and
the `keyslots.json` text are read from the doc. The derivations use plain libsodium,
`cryptography` and `hashlib` calls following the doc's words (not the app's helpers),
then the app's own functions must build the same bytes and open the quoted file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from pathlib import Path

import nacl.bindings as sodium
import nacl.pwhash.argon2id as argon2id
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.vault.kdf import KdfParams
from desktop.vault.keyslots import (
    KeyslotFile,
    make_passphrase_slot,
    make_recovery_slot,
    parse_keyslot_file,
    unwrap_with_passphrase,
    unwrap_with_recovery_secret,
)
from desktop.vault.recovery_code import ALPHABET, format_recovery_code, parse_recovery_code

DOC = Path(__file__).resolve().parents[3] / "docs" / "vault.md"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _block(name: str) -> str:
    found = re.search(
        rf"<!-- example:{name} -->\n```[a-z]*\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S
    )
    assert found, f"docs/vault.md has no example:{name} block"
    return found.group(1)


def _values(name: str) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in _block(name).splitlines() if line.strip())
    return {key.strip(): value.strip() for key, value in pairs}


@pytest.fixture(scope="module")
def given() -> dict[str, str]:
    return _values("inputs")


@pytest.fixture(scope="module")
def derived() -> dict[str, str]:
    return _values("derived")


def _ad(vault_id: str, kind: str, generation: int) -> bytes:
    # As the doc words it: ASCII text, zero-byte separators, hex id as text, decimal.
    return b"\0".join(
        [b"alongside/keyslot/v1", vault_id.encode(), kind.encode(), str(generation).encode()]
    )


def test_passphrase_slot_follows_the_doc(given: dict[str, str], derived: dict[str, str]) -> None:
    typed = bytes.fromhex(given["passphrase_typed_utf8"]).decode("utf-8")
    nfc = unicodedata.normalize("NFC", typed).encode("utf-8")
    assert nfc.hex() == derived["passphrase_nfc_utf8"]
    assert nfc != typed.encode("utf-8")  # the example really exercises normalisation
    ad = _ad(given["vault_id"], "passphrase", int(given["generation"]))
    assert ad.hex() == derived["passphrase_ad"]
    assert len(ad) == 66
    kek = argon2id.kdf(
        32,
        nfc,
        bytes.fromhex(given["passphrase_salt"]),
        opslimit=int(given["opslimit"]),
        memlimit=int(given["memlimit"]),
    )
    assert kek.hex() == derived["passphrase_kek"]
    wrapped = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
        bytes.fromhex(given["data_key"]), ad, bytes.fromhex(given["passphrase_nonce"]), kek
    )
    slot = json.loads(_block("keyslots"))["slots"][0]
    assert slot["kind"] == "passphrase"
    assert slot["passphrase_form"] == "NFC"
    assert base64.b64decode(slot["wrapped_key"]) == wrapped
    assert base64.b64decode(slot["salt"]).hex() == given["passphrase_salt"]
    assert base64.b64decode(slot["nonce"]).hex() == given["passphrase_nonce"]
    assert (slot["opslimit"], slot["memlimit"]) == (int(given["opslimit"]), int(given["memlimit"]))


def test_recovery_code_and_slot_follow_the_doc(
    given: dict[str, str], derived: dict[str, str]
) -> None:
    secret = bytes.fromhex(given["recovery_secret"])
    digest = hashlib.sha256(b"alongside/recovery-code/v1" + secret).digest()
    assert digest.hex() == derived["checksum_sha256"]
    checksum = (digest[0] << 2) | (digest[1] >> 6)  # the first 10 bits
    assert checksum == int(derived["checksum_10_bits"])
    # 26 digits of 5 bits, most significant first; the two spare bits lead and are zero.
    value = int.from_bytes(secret, "big")
    digits = [CROCKFORD[(value >> (5 * (25 - i))) & 31] for i in range(26)]
    digits += [CROCKFORD[checksum >> 5], CROCKFORD[checksum & 31]]
    assert CROCKFORD.index(digits[0]) == value >> 125 < 8
    text = "".join(digits)
    assert "-".join(text[i : i + 4] for i in range(0, 28, 4)) == derived["recovery_code"]
    kek = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=bytes.fromhex(given["recovery_salt"]),
        info=b"alongside/v1/recovery-kek",
    ).derive(secret)  # fmt: skip
    assert kek.hex() == derived["recovery_kek"]
    ad = _ad(given["vault_id"], "recovery", int(given["generation"]))
    assert ad.hex() == derived["recovery_ad"]
    wrapped = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
        bytes.fromhex(given["data_key"]), ad, bytes.fromhex(given["recovery_nonce"]), kek
    )
    slot = json.loads(_block("keyslots"))["slots"][1]
    assert slot["kind"] == "recovery"
    assert base64.b64decode(slot["wrapped_key"]) == wrapped


def test_the_app_builds_the_quoted_file_byte_for_byte(
    given: dict[str, str], derived: dict[str, str]
) -> None:
    assert ALPHABET == CROCKFORD
    typed = bytes.fromhex(given["passphrase_typed_utf8"]).decode("utf-8")
    vault_id, generation = given["vault_id"], int(given["generation"])
    data_key = bytes.fromhex(given["data_key"])
    secret = bytes.fromhex(given["recovery_secret"])
    params = KdfParams(int(given["opslimit"]), int(given["memlimit"]))
    built = KeyslotFile(
        vault_id=vault_id,
        slots=(
            make_passphrase_slot(
                vault_id, generation, data_key, typed, params,
                salt=bytes.fromhex(given["passphrase_salt"]),
                nonce=bytes.fromhex(given["passphrase_nonce"]),
            ),
            make_recovery_slot(
                vault_id, generation, data_key, secret,
                salt=bytes.fromhex(given["recovery_salt"]),
                nonce=bytes.fromhex(given["recovery_nonce"]),
            ),
        ),
    )  # fmt: skip
    assert built.to_bytes().decode("utf-8") == _block("keyslots")
    assert format_recovery_code(secret) == derived["recovery_code"]
    assert parse_recovery_code(derived["recovery_code"].lower()) == secret


def test_the_quoted_file_opens_with_either_form_and_the_code(
    given: dict[str, str], derived: dict[str, str]
) -> None:
    quoted = parse_keyslot_file(_block("keyslots").encode("utf-8"))
    typed = bytes.fromhex(given["passphrase_typed_utf8"]).decode("utf-8")
    expected = [(int(given["generation"]), bytes.fromhex(given["data_key"]))]
    assert unwrap_with_passphrase(quoted, typed) == expected
    assert unwrap_with_passphrase(quoted, unicodedata.normalize("NFC", typed)) == expected
    secret = parse_recovery_code(derived["recovery_code"])
    assert unwrap_with_recovery_secret(quoted, secret) == expected
