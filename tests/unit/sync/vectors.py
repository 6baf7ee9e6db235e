"""Alongside's own pairing test vectors: fixed inputs through the real derivation code.

docs/protocol.md §10.8 quotes the outputs; `test_protocol_doc.py` checks that the doc
and this code agree, so an independent client can test itself against the doc alone.
"""

from __future__ import annotations

import nacl.public
import nacl.signing

from desktop.sync import derivation
from desktop.sync.pairing_messages import PublicKeys, done_body, seal_keys
from desktop.sync.safety_number import safety_number

IDENTITY_A_PRIVATE = bytes(range(0, 32))
IDENTITY_B_PRIVATE = bytes(range(32, 64))
SPAKE_KEY = bytes(range(64, 96))
SIDE_A = "AAAAAAAAAAAAAAAAAAAAAA"
SIDE_B = "BBBBBBBBBBBBBBBBBBBBBQ"
OWNER_A_SEED = bytes([7]) * 32
PUTTER_A_SEED = bytes([8]) * 32
KEYS_NONCE = bytes(24)


def public(private: bytes) -> bytes:
    return bytes(nacl.public.PrivateKey(private).public_key)


def vectors() -> dict[str, str]:
    """Every named output, hex (inbox ids: their base64url text)."""
    id_a, id_b = public(IDENTITY_A_PRIVATE), public(IDENTITY_B_PRIVATE)
    static = derivation.static_secret(IDENTITY_A_PRIVATE, id_b)
    root = derivation.root_secret(SPAKE_KEY, static, id_a, id_b)
    keys_a = PublicKeys(
        id_a,
        bytes(nacl.signing.SigningKey(OWNER_A_SEED).verify_key),
        bytes(nacl.signing.SigningKey(PUTTER_A_SEED).verify_key),
    )
    return {
        "identity_a_public": id_a.hex(),
        "identity_b_public": id_b.hex(),
        "confirm_key": derivation.confirm_key(SPAKE_KEY).hex(),
        "seal_key": derivation.seal_key(SPAKE_KEY).hex(),
        "confirm_body_a": derivation.confirmation(SPAKE_KEY, SIDE_A).hex(),
        "done_body_a": done_body(SPAKE_KEY, SIDE_A).hex(),
        "owner_a_public": keys_a.owner.hex(),
        "putter_a_public": keys_a.putter.hex(),
        "keys_body_a": seal_keys(SPAKE_KEY, SIDE_A, keys_a, nonce=KEYS_NONCE).hex(),
        "static_secret": static.hex(),
        "root_secret": root.hex(),
        "inbox_a": derivation.inbox_id(root, id_a),
        "inbox_b": derivation.inbox_id(root, id_b),
        "message_key_a_to_b": derivation.message_key(root, id_a, id_b).hex(),
        "message_key_b_to_a": derivation.message_key(root, id_b, id_a).hex(),
        "key_id": derivation.key_id(root),
        "safety_number": safety_number(id_a, id_b),
    }


if __name__ == "__main__":
    for name, value in vectors().items():
        print(f"{name} = {value}")
