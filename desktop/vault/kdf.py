"""Argon2id key derivation for the passphrase slot, with bounded parameters.

Parameters travel inside `keyslots.json`, which an attacker may edit. They are checked
against fixed bounds *before* any derivation: a hostile file must not make us allocate
gigabytes, nor weaken the KDF below OWASP's Argon2id minimum (t=2, 19 MiB). Nothing
(no environment variable, no configuration) lowers the floor.
"""

from __future__ import annotations

from dataclasses import dataclass

import nacl.pwhash.argon2id as argon2id

from desktop.vault.errors import InvalidKdfParameters

MIB = 1024 * 1024
KEY_BYTES = 32
SALT_BYTES = argon2id.SALTBYTES

MIN_OPSLIMIT = 2
MIN_MEMLIMIT = 19 * MIB
MAX_OPSLIMIT = 12
MAX_MEMLIMIT = 1024 * MIB


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: passes over memory (`opslimit`) and memory in bytes (`memlimit`)."""

    opslimit: int
    memlimit: int

    def __post_init__(self) -> None:
        check_kdf_params(self.opslimit, self.memlimit)


def check_kdf_params(opslimit: object, memlimit: object) -> None:
    """Raise `InvalidKdfParameters` unless both values are integers within bounds."""
    if not isinstance(opslimit, int) or isinstance(opslimit, bool):
        raise InvalidKdfParameters("kdf-type")
    if not isinstance(memlimit, int) or isinstance(memlimit, bool):
        raise InvalidKdfParameters("kdf-type")
    if not MIN_OPSLIMIT <= opslimit <= MAX_OPSLIMIT:
        raise InvalidKdfParameters("kdf-opslimit")
    if not MIN_MEMLIMIT <= memlimit <= MAX_MEMLIMIT:
        raise InvalidKdfParameters("kdf-memlimit")


# OWASP's minimum. Tests pass this explicitly; it is also the floor for any file.
FLOOR_KDF = KdfParams(opslimit=MIN_OPSLIMIT, memlimit=MIN_MEMLIMIT)

# Shipped default, calibrated with bench/kdf_calibration.py (docs/performance.md):
# t=3, 256 MiB takes ~0.8 s on this 2-core machine and ~0.5–1 s on a typical clinic PC,
# and fits comfortably in the memory of any PC that runs Qt.
SHIPPED_KDF = KdfParams(opslimit=3, memlimit=256 * MIB)


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Derive a 32-byte key-encryption key from `passphrase` with Argon2id."""
    if len(salt) != SALT_BYTES:
        raise InvalidKdfParameters("kdf-salt")
    check_kdf_params(params.opslimit, params.memlimit)
    secret = passphrase.encode("utf-8", "surrogatepass")
    return bytes(
        argon2id.kdf(KEY_BYTES, secret, salt, opslimit=params.opslimit, memlimit=params.memlimit)
    )
