"""HKDF is RFC 5869's (its SHA-256 vectors), every purpose is distinct, and both sides of a
pairing derive the same root, inbox ids and crossed message keys."""

from __future__ import annotations

import nacl.public
import pytest

from desktop.sync import derivation

# RFC 5869 appendix A, test cases 1-3 (HMAC-SHA256): (IKM, salt, info, L, OKM).
RFC5869 = [
    (
        bytes([0x0B] * 22),
        bytes(range(0x00, 0x0D)),
        bytes(range(0xF0, 0xFA)),
        42,
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
    ),
    (
        bytes(range(0x00, 0x50)),
        bytes(range(0x60, 0xB0)),
        bytes(range(0xB0, 0x100)),
        82,
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
        "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
        "cc30c58179ec3e87c14c01d5c1f3434f1d87",
    ),
    (
        bytes([0x0B] * 22),
        b"",
        b"",
        42,
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
    ),
]


@pytest.mark.parametrize(("ikm", "salt", "info", "length", "okm"), RFC5869)
def test_hkdf_passes_the_rfc_5869_vectors(
    ikm: bytes, salt: bytes, info: bytes, length: int, okm: str
) -> None:
    assert derivation.hkdf_sha256(ikm, salt=salt, info=info, length=length).hex() == okm


def test_an_absent_salt_is_the_rfcs_string_of_zeros() -> None:
    ikm = bytes([0x0B] * 22)
    assert derivation.hkdf_sha256(ikm, info=b"x", length=32) == derivation.hkdf_sha256(
        ikm, salt=bytes(32), info=b"x", length=32
    )


def test_every_purpose_string_is_distinct_and_none_is_a_prefix_of_another() -> None:
    purposes = list(derivation.PURPOSES)
    assert len(set(purposes)) == len(purposes)
    for one in purposes:
        for other in purposes:
            assert one == other or not other.startswith(one)
    assert all(p.startswith(b"alongside/v1/") for p in purposes)


def _pair() -> tuple[bytes, bytes, bytes, bytes]:
    a, b = nacl.public.PrivateKey.generate(), nacl.public.PrivateKey.generate()
    return bytes(a), bytes(a.public_key), bytes(b), bytes(b.public_key)


def test_both_sides_derive_the_same_channel_and_every_output_differs() -> None:
    a_private, a_public, b_private, b_public = _pair()
    spake_key = bytes(range(32))
    root_a = derivation.root_secret(
        spake_key, derivation.static_secret(a_private, b_public), a_public, b_public
    )
    root_b = derivation.root_secret(
        spake_key, derivation.static_secret(b_private, a_public), b_public, a_public
    )
    assert root_a == root_b
    outputs = [
        derivation.confirm_key(spake_key),
        derivation.seal_key(spake_key),
        root_a,
        derivation.message_key(root_a, a_public, b_public),
        derivation.message_key(root_a, b_public, a_public),
    ]
    assert len(set(outputs)) == len(outputs)
    assert derivation.inbox_id(root_a, a_public) != derivation.inbox_id(root_a, b_public)
    assert len(derivation.inbox_id(root_a, a_public)) == 22


def test_the_root_depends_on_the_code_and_on_the_identity_keys() -> None:
    a_private, a_public, _, b_public = _pair()
    static = derivation.static_secret(a_private, b_public)
    root = derivation.root_secret(bytes(32), static, a_public, b_public)
    assert derivation.root_secret(bytes([1]) + bytes(31), static, a_public, b_public) != root
    _, c_public, _, _ = _pair()
    assert derivation.root_secret(bytes(32), static, a_public, c_public) != root


def test_confirmations_differ_per_side_so_a_reflection_proves_nothing() -> None:
    key = bytes(range(32))
    assert derivation.confirmation(key, "A" * 22) != derivation.confirmation(key, "Q" * 22)
