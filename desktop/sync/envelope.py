"""Sealed envelopes: what goes into the partner's relay inbox (DESIGN.md §4.4).

An envelope is the bytes of one channel message, encrypted with XChaCha20-Poly1305
(libsodium's IETF construction, through PyNaCl) under the sender's per-direction message
key from pairing. Its header is in the clear and also bound into the associated data,
together with the inbox the envelope was sealed for, so an envelope cannot be moved to
another inbox, another sequence number or another key without failing to open.

Layout (docs/protocol.md, "Channel messages: envelopes"), all integers big-endian::

    offset  size  field
    0       1     version      0x01
    1       8     key id       which message key sealed it (the pairing's key id)
    9       8     seq          the sender's sequence number, 1 … 2**53 - 1
    17      24    nonce        random
    41      n+16  ciphertext   the plaintext operation, then the 16-byte tag

Associated data: ``b"alongside-envelope-v1" || inbox id (16 bytes) || header (17 bytes)``.

A reflection (my own envelope fed back to me) fails to open: each direction has its own
key. A replay opens but carries a sequence number already applied; the receiver's
sequencer drops it (desktop/models/sequencer.py).

The outbox stores the sealed bytes themselves: a retry must resend exactly these bytes,
because sealing again draws a new nonce and the relay answers a different body for the
same seq with ``409 seq_conflict``.
"""

from __future__ import annotations

import secrets
import struct
from typing import NamedTuple

import nacl.bindings as sodium
import nacl.exceptions

from desktop.sentences import UserSentence

ENVELOPE_VERSION = 1
AD_PREFIX = b"alongside-envelope-v1"
KEY_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES  # 32
NONCE_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES  # 24
TAG_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES  # 16
INBOX_ID_BYTES = 16
MAX_SEQ = 2**53 - 1
MAX_KEY_ID = 2**64 - 1
_HEADER = struct.Struct(">BQQ")
HEADER_BYTES = _HEADER.size  # 17
OVERHEAD_BYTES = HEADER_BYTES + NONCE_BYTES + TAG_BYTES  # 57


class EnvelopeRejected(UserSentence, ValueError):
    """A message from your sharing partner could not be opened and was set aside."""


class EnvelopeHeader(NamedTuple):
    """The clear part of an envelope."""

    version: int
    key_id: int
    seq: int


def _associated_data(inbox_id: bytes, header: bytes) -> bytes:
    return AD_PREFIX + inbox_id + header


def _check_sizes(key: bytes, inbox_id: bytes) -> None:
    if len(key) != KEY_BYTES:
        raise ValueError("a message key is 32 bytes")
    if len(inbox_id) != INBOX_ID_BYTES:
        raise ValueError("an inbox id is 16 bytes")


def seal(
    plaintext: bytes,
    *,
    key: bytes,
    key_id: int,
    inbox_id: bytes,
    seq: int,
    nonce: bytes | None = None,
) -> bytes:
    """The envelope for ``plaintext``; ``nonce`` only for test vectors (random otherwise)."""
    _check_sizes(key, inbox_id)
    if not 1 <= seq <= MAX_SEQ:
        raise ValueError("seq is 1 … 2**53 - 1")
    if not 0 <= key_id <= MAX_KEY_ID:
        raise ValueError("key id is 0 … 2**64 - 1")
    if nonce is None:
        nonce = secrets.token_bytes(NONCE_BYTES)
    if len(nonce) != NONCE_BYTES:
        raise ValueError("a nonce is 24 bytes")
    header = _HEADER.pack(ENVELOPE_VERSION, key_id, seq)
    sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
        plaintext, _associated_data(inbox_id, header), nonce, key
    )
    return header + nonce + sealed


def read_header(envelope: bytes) -> EnvelopeHeader:
    """The clear header; raises EnvelopeRejected for anything too short or unknown."""
    if len(envelope) < OVERHEAD_BYTES:
        raise EnvelopeRejected()
    version, key_id, seq = _HEADER.unpack_from(envelope)
    if version != ENVELOPE_VERSION or not 1 <= seq <= MAX_SEQ:
        raise EnvelopeRejected()
    return EnvelopeHeader(version, key_id, seq)


def open_envelope(envelope: bytes, *, key: bytes, inbox_id: bytes) -> tuple[EnvelopeHeader, bytes]:
    """Header and plaintext; EnvelopeRejected if any byte was changed, moved or reflected."""
    _check_sizes(key, inbox_id)
    header = read_header(envelope)
    nonce = envelope[HEADER_BYTES : HEADER_BYTES + NONCE_BYTES]
    try:
        plaintext = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
            envelope[HEADER_BYTES + NONCE_BYTES :],
            _associated_data(inbox_id, envelope[:HEADER_BYTES]),
            nonce,
            key,
        )
    except nacl.exceptions.CryptoError:
        raise EnvelopeRejected() from None
    return header, plaintext
