"""Key derivation for pairing and the channel: HKDF-SHA256 with one purpose string each.

`cryptography`'s HKDF (RFC 5869), never a home-made one; tests check it against the RFC's
vectors. Every output has its own purpose string, so no two uses share a key (STYLE.md
§7, magic-wormhole's `_key.py`). docs/protocol.md §10.4 lists them with lengths and
test vectors; `tests/unit/sync/test_derivation.py` checks the doc against these.
"""

from __future__ import annotations

import hashlib
import hmac

import nacl.bindings
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from alongside_wire.protocol import b64url_encode

# SPAKE2 symmetric mode's identifier: both sides must use the same bytes.
SPAKE2_ID = b"alongside.pairing.v1"

# Purpose strings (HKDF `info`), each with the length of its output in bytes.
PURPOSE_CONFIRM = b"alongside/v1/pairing/confirm"  # 32: key confirmation MAC key
PURPOSE_SEAL = b"alongside/v1/pairing/seal"  # 32: seals the key exchange
PURPOSE_ROOT = b"alongside/v1/root"  # 32: the channel's root secret
PURPOSE_INBOX = b"alongside/v1/inbox"  # 16: + owner's identity key: that side's inbox id
PURPOSE_MESSAGE_KEY = b"alongside/v1/message-key"  # 32: + sender's, receiver's identity
PURPOSE_KEY_ID = b"alongside/v1/key-id"  # 8: names the pair of message keys
PURPOSES = (
    PURPOSE_CONFIRM,
    PURPOSE_SEAL,
    PURPOSE_ROOT,
    PURPOSE_INBOX,
    PURPOSE_MESSAGE_KEY,
    PURPOSE_KEY_ID,
)
CONFIRM_LABEL = b"alongside/v1/pairing/confirmation"
KEY_BYTES = 32


def hkdf_sha256(ikm: bytes, *, info: bytes, length: int, salt: bytes | None = None) -> bytes:
    """RFC 5869 HKDF with SHA-256 (`salt=None` is the RFC's string of HashLen zeros)."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def confirm_key(spake_key: bytes) -> bytes:
    return hkdf_sha256(spake_key, info=PURPOSE_CONFIRM, length=KEY_BYTES)


def seal_key(spake_key: bytes) -> bytes:
    return hkdf_sha256(spake_key, info=PURPOSE_SEAL, length=KEY_BYTES)


def confirmation(spake_key: bytes, sender_side: str) -> bytes:
    """The key-confirmation MAC a side sends: HMAC-SHA256 over the label and its side id.

    The side id makes the two sides' confirmations differ, so a relay reflecting my own
    confirmation back to me proves nothing.
    """
    return hmac.new(
        confirm_key(spake_key), CONFIRM_LABEL + sender_side.encode("ascii"), hashlib.sha256
    ).digest()


def static_secret(my_private: bytes, partner_public: bytes) -> bytes:
    """X25519 of the two identity keys (the same on both sides); refuses an all-zero result."""
    # crypto_scalarmult raises on an all-zero output (a low-order partner key).
    return nacl.bindings.crypto_scalarmult(my_private, partner_public)


def root_secret(spake_key: bytes, static: bytes, identity_a: bytes, identity_b: bytes) -> bytes:
    """The channel's root: HKDF over the SPAKE2 key and the static-static secret.

    The salt is the two identity public keys in ascending byte order, so both sides
    compute the same root and it is bound to exactly these identities.
    """
    salt = b"".join(sorted((identity_a, identity_b)))
    return hkdf_sha256(spake_key + static, salt=salt, info=PURPOSE_ROOT, length=KEY_BYTES)


def inbox_id(root: bytes, owner_identity: bytes) -> str:
    """The inbox owned by the side with `owner_identity`: 16 bytes, base64url (22 chars)."""
    raw = hkdf_sha256(root, info=PURPOSE_INBOX + owner_identity, length=16)
    return b64url_encode(raw)


def message_key(root: bytes, sender_identity: bytes, receiver_identity: bytes) -> bytes:
    """The XChaCha20-Poly1305 key for messages from sender to receiver."""
    info = PURPOSE_MESSAGE_KEY + sender_identity + receiver_identity
    return hkdf_sha256(root, info=info, length=KEY_BYTES)


def key_id(root: bytes) -> str:
    """Names this pairing's message keys (envelope associated data, issue 12): 16 hex."""
    return hkdf_sha256(root, info=PURPOSE_KEY_ID, length=8).hex()
