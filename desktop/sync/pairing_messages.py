"""The bodies of the pairing mailbox's messages (docs/protocol.md §10.2-10.3), pure.

Four phases, in order, one message each per side: `pake` (the SPAKE2 message), `confirm`
(key confirmation), `keys` (the sealed public keys) and `done` (my inbox is registered).
Nothing is sent under the SPAKE2 key before both confirmations matched.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import nacl.bindings
import nacl.exceptions
import nacl.utils

from desktop.sync.derivation import confirm_key, seal_key

PHASE_PAKE = "pake"
PHASE_CONFIRM = "confirm"
PHASE_KEYS = "keys"
PHASE_DONE = "done"
PHASES = (PHASE_PAKE, PHASE_CONFIRM, PHASE_KEYS, PHASE_DONE)

KEYS_VERSION = 1
KEYS_AAD_LABEL = b"alongside/v1/pairing/keys"
DONE_LABEL = b"alongside/v1/pairing/done"
NONCE_BYTES = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES  # 24
KEYS_PLAINTEXT_BYTES = 1 + 3 * 32
KEYS_BODY_BYTES = NONCE_BYTES + KEYS_PLAINTEXT_BYTES + 16


class UnreadableKeys(ValueError):
    """The sealed keys did not open or have the wrong shape (tampering, or a bug)."""


@dataclass(frozen=True, repr=False)
class PublicKeys:
    """What each side tells the other, sealed: three public keys, 32 bytes each."""

    identity: bytes  # the vault's long-term X25519 identity key
    owner: bytes  # Ed25519: the owner key of the sender's inbox
    putter: bytes  # Ed25519: the key the sender puts into the receiver's inbox with

    def __repr__(self) -> str:
        return "PublicKeys(<hidden>)"


def _mac(spake_key: bytes, label: bytes, side: str) -> bytes:
    return hmac.new(confirm_key(spake_key), label + side.encode("ascii"), hashlib.sha256).digest()


def done_body(spake_key: bytes, sender_side: str) -> bytes:
    """`done`: HMAC-SHA256 under the confirmation key over DONE_LABEL and the sender's side."""
    return _mac(spake_key, DONE_LABEL, sender_side)


def macs_match(expected: bytes, received: bytes) -> bool:
    return hmac.compare_digest(expected, received)


def seal_keys(
    spake_key: bytes, sender_side: str, keys: PublicKeys, *, nonce: bytes | None = None
) -> bytes:
    """`keys`: nonce (24) || XChaCha20-Poly1305(version byte, identity, owner, putter)."""
    plaintext = bytes([KEYS_VERSION]) + keys.identity + keys.owner + keys.putter
    if len(plaintext) != KEYS_PLAINTEXT_BYTES:
        raise ValueError("public keys are 32 bytes each")
    nonce = nacl.utils.random(NONCE_BYTES) if nonce is None else nonce
    aad = KEYS_AAD_LABEL + sender_side.encode("ascii")
    sealed = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
        plaintext, aad, nonce, seal_key(spake_key)
    )
    return nonce + sealed


def open_keys(spake_key: bytes, sender_side: str, body: bytes) -> PublicKeys:
    """The partner's public keys from its `keys` body; `UnreadableKeys` otherwise."""
    if len(body) != KEYS_BODY_BYTES:
        raise UnreadableKeys("length")
    aad = KEYS_AAD_LABEL + sender_side.encode("ascii")
    try:
        plaintext = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
            body[NONCE_BYTES:], aad, body[:NONCE_BYTES], seal_key(spake_key)
        )
    except nacl.exceptions.CryptoError:
        raise UnreadableKeys("seal") from None
    if plaintext[0] != KEYS_VERSION:
        raise UnreadableKeys("version")
    return PublicKeys(plaintext[1:33], plaintext[33:65], plaintext[65:97])
