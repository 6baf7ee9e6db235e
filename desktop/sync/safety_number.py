"""Safety numbers: Signal's numeric fingerprint over the two identity public keys.

The construction is libsignal's `NumericFingerprintGenerator` (fingerprint.rs): per side,
SHA-512 iterated `iterations` times over a version, the key and a stable identifier;
the first 30 bytes read as six 5-byte big-endian numbers mod 100,000 give 30 digits;
the two sides' 30 digits are sorted and joined into 60. `numeric_fingerprint` is that
construction, generic (tests pass libsignal's own vectors through it);
`safety_number` is how Alongside uses it (docs/protocol.md §10.6).
"""

from __future__ import annotations

import hashlib

ITERATIONS = 5200
FINGERPRINT_VERSION = b"\x00\x00"  # libsignal's hash version (scannable versions differ)
DJB_KEY_TYPE = b"\x05"  # Signal's prefix for a Curve25519 public key
# Alongside has no phone numbers or account ids: both sides use this one identifier, so
# each side's half is fixed by its identity key alone.
ALONGSIDE_IDENTIFIER = b"alongside-identity-v1"


def _digits(fingerprint: bytes) -> str:
    if len(fingerprint) < 30:
        raise ValueError("fingerprint too short")
    chunks = (fingerprint[i : i + 5] for i in range(0, 30, 5))
    return "".join(f"{int.from_bytes(chunk, 'big') % 100_000:05d}" for chunk in chunks)


def side_hash(public_key: bytes, identifier: bytes, iterations: int = ITERATIONS) -> bytes:
    """One side's 64-byte iterated SHA-512 over (version, key, identifier, key)."""
    if not 1 < iterations <= 1_000_000:
        raise ValueError("iterations out of range")
    digest = hashlib.sha512(FINGERPRINT_VERSION + public_key + identifier + public_key).digest()
    for _ in range(1, iterations):
        digest = hashlib.sha512(digest + public_key).digest()
    return digest


def side_digits(public_key: bytes, identifier: bytes, iterations: int = ITERATIONS) -> str:
    """One side's 30 digits."""
    return _digits(side_hash(public_key, identifier, iterations))


def numeric_fingerprint(
    local_key: bytes,
    local_identifier: bytes,
    remote_key: bytes,
    remote_identifier: bytes,
    iterations: int = ITERATIONS,
) -> str:
    """The 60-digit displayable fingerprint: both sides' digits, lower first."""
    local = side_digits(local_key, local_identifier, iterations)
    remote = side_digits(remote_key, remote_identifier, iterations)
    return local + remote if local < remote else remote + local


def encode_identity(public_key: bytes) -> bytes:
    """An X25519 identity public key as Signal serialises it: 0x05 and the 32 bytes."""
    if len(public_key) != 32:
        raise ValueError("an X25519 public key is 32 bytes")
    return DJB_KEY_TYPE + public_key


def safety_number(my_identity: bytes, partner_identity: bytes) -> str:
    """The 60 digits both partners compare; the same on both sides."""
    return numeric_fingerprint(
        encode_identity(my_identity),
        ALONGSIDE_IDENTIFIER,
        encode_identity(partner_identity),
        ALONGSIDE_IDENTIFIER,
    )
