"""Safety numbers: Signal's construction passes libsignal's own vectors, and ours are fixed.

libsignal's vectors are from signalapp/libsignal, `rust/protocol/src/fingerprint.rs`
(test `fingerprint_test_v1`, the same as the Java `NumericFingerprintGeneratorTest`
`testVectorsVersion1`): Alice's and Bob's 33-byte identity keys, their stable ids
"+14152222222" / "+14153333333", 5,200 iterations, the displayable fingerprint
`DISPLAYABLE_FINGERPRINT_V1`, and the scannable fingerprint
`ALICE_SCANNABLE_FINGERPRINT_V1`, whose protobuf carries the first 32 bytes of each
side's iterated hash.
"""

from __future__ import annotations

import nacl.public
import pytest

from desktop.models.pairing import group_safety_number
from desktop.sync.safety_number import (
    ITERATIONS,
    encode_identity,
    numeric_fingerprint,
    safety_number,
    side_hash,
)

ALICE_IDENTITY = bytes.fromhex("0506863bc66d02b40d27b8d49ca7c09e9239236f9d7d25d6fcca5ce13c7064d868")
BOB_IDENTITY = bytes.fromhex("05f781b6fb32fed9ba1cf2de978d4d5da28dc34046ae814402b5c0dbd96fda907b")
ALICE_STABLE_ID = b"+14152222222"
BOB_STABLE_ID = b"+14153333333"
DISPLAYABLE_FINGERPRINT_V1 = "300354477692869396892869876765458257569162576843440918079131"
ALICE_SCANNABLE_FINGERPRINT_V1 = (
    "080112220a201e301a0353dce3dbe7684cb8336e85136cdc0ee96219494ada305d62a7bd61df"
    "1a220a20d62cbf73a11592015b6b9f1682ac306fea3aaf3885b84d12bca631e9d4fb3a4d"
)


def test_libsignal_displayable_fingerprint_from_both_sides() -> None:
    assert ITERATIONS == 5200
    from_alice = numeric_fingerprint(ALICE_IDENTITY, ALICE_STABLE_ID, BOB_IDENTITY, BOB_STABLE_ID)
    from_bob = numeric_fingerprint(BOB_IDENTITY, BOB_STABLE_ID, ALICE_IDENTITY, ALICE_STABLE_ID)
    assert from_alice == from_bob == DISPLAYABLE_FINGERPRINT_V1


def test_libsignal_scannable_fingerprint_holds_our_iterated_hashes() -> None:
    alice = side_hash(ALICE_IDENTITY, ALICE_STABLE_ID)[:32]
    bob = side_hash(BOB_IDENTITY, BOB_STABLE_ID)[:32]
    # CombinedFingerprints{version: 1, local: {content: alice}, remote: {content: bob}}
    encoded = "080112220a20" + alice.hex() + "1a220a20" + bob.hex()
    assert encoded == ALICE_SCANNABLE_FINGERPRINT_V1


def test_a_different_key_or_identifier_changes_the_number() -> None:
    base = numeric_fingerprint(ALICE_IDENTITY, ALICE_STABLE_ID, BOB_IDENTITY, BOB_STABLE_ID)
    other_id = numeric_fingerprint(ALICE_IDENTITY, b"+141512222222", BOB_IDENTITY, BOB_STABLE_ID)
    other_key = numeric_fingerprint(
        ALICE_IDENTITY, ALICE_STABLE_ID, encode_identity(bytes(32)), BOB_STABLE_ID
    )
    assert len({base, other_id, other_key}) == 3


def test_both_partners_see_the_same_sixty_digits_in_twelve_groups() -> None:
    a = bytes(nacl.public.PrivateKey.generate().public_key)
    b = bytes(nacl.public.PrivateKey.generate().public_key)
    number = safety_number(a, b)
    assert number == safety_number(b, a)
    assert len(number) == 60
    assert number.isdigit()
    groups = group_safety_number(number)
    assert len(groups) == 12
    assert "".join(groups) == number


def test_iterations_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="iterations"):
        side_hash(ALICE_IDENTITY, b"", iterations=1)
