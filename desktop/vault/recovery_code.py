"""Recovery codes: 128 random bits written in short groups with a checksum.

Crockford's base32 alphabet (no I, L, O, U) avoids look-alike characters; when typed
back, `O` reads as zero and `I`/`L` as one, case and separators are ignored. Ten bits
of SHA-256 over the secret catch typos before any unwrap is tried (a random typo slips
through about once in a thousand).
"""

from __future__ import annotations

import hashlib
import secrets

from desktop.vault.errors import RecoveryCodeTypo

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SECRET_BYTES = 16
_SECRET_CHARS = 26  # ceil(128 / 5)
_CHECK_CHARS = 2
GROUP = 4
_TYPED_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _encode(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def _checksum(secret: bytes) -> str:
    digest = int.from_bytes(hashlib.sha256(b"alongside/recovery-code/v1" + secret).digest()[:2])
    return _encode(digest >> 6, _CHECK_CHARS)


def format_recovery_code(secret: bytes) -> str:
    """Render a 16-byte secret as `XXXX-XXXX-…` groups ending in the checksum."""
    if len(secret) != SECRET_BYTES:
        raise ValueError("recovery secret must be 16 bytes")
    text = _encode(int.from_bytes(secret), _SECRET_CHARS) + _checksum(secret)
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def new_recovery_secret() -> bytes:
    """Return 128 fresh random bits for a recovery code."""
    return secrets.token_bytes(SECRET_BYTES)


def parse_recovery_code(code: str) -> bytes:
    """Return the secret behind a typed recovery code; `RecoveryCodeTypo` if it is wrong.

    Only the checksum is consulted here, so no key derivation or unwrap is attempted
    for a mistyped code.
    """
    compact = "".join(ch for ch in code.upper() if not ch.isspace() and ch not in "-_.")
    compact = compact.translate(_TYPED_ALIASES)
    if len(compact) != _SECRET_CHARS + _CHECK_CHARS or any(ch not in ALPHABET for ch in compact):
        raise RecoveryCodeTypo("recovery-format")
    value = 0
    for ch in compact[:_SECRET_CHARS]:
        value = (value << 5) | ALPHABET.index(ch)
    if value >> (SECRET_BYTES * 8):
        raise RecoveryCodeTypo("recovery-range")
    secret = value.to_bytes(SECRET_BYTES)
    if _checksum(secret) != compact[_SECRET_CHARS:]:
        raise RecoveryCodeTypo("recovery-checksum")
    return secret


def check_recovery_code(code: str) -> str:
    """Return the canonical form of `code`, or raise `RecoveryCodeTypo`."""
    return format_recovery_code(parse_recovery_code(code))
