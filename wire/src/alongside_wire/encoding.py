"""The wire's byte encoding and limits: canonical base64url, ids, keys and their patterns.

Pure functions and pydantic field types, shared by the models (protocol.py) and request
signing (signing.py).
"""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import Annotated, Final

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

API_PREFIX: Final = "/v1"

MAX_CIPHERTEXT_BYTES: Final = 256 * 1024
# 256 KiB of ciphertext is 349,526 base64url characters; the rest is room for JSON fields.
MAX_REQUEST_BODY_BYTES: Final = 352 * 1024
MAX_PHASE_BODY_BYTES: Final = 4096
TIMESTAMP_WINDOW_SECONDS: Final = 300
MAX_SEQ: Final = 2**53 - 1
MAX_INDEX: Final = 2**63 - 1

HEADER_KEY: Final = "Alongside-Key"
HEADER_TIMESTAMP: Final = "Alongside-Timestamp"
HEADER_NONCE: Final = "Alongside-Nonce"
HEADER_SIGNATURE: Final = "Alongside-Signature"
HEADER_SERVER_TIME: Final = "Alongside-Server-Time"

SIGNING_PURPOSE: Final = b"alongside-relay-request-v1"

# Canonical unpadded base64url of exactly N bytes: the last character may only carry the
# bits that belong to the data, so each byte string has one spelling (no malleable ids).
ID_PATTERN: Final = r"^[A-Za-z0-9_-]{21}[AQgw]$"  # 16 bytes
KEY_PATTERN: Final = r"^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$"  # 32 bytes
SIGNATURE_PATTERN: Final = r"^[A-Za-z0-9_-]{85}[AQgw]$"  # 64 bytes
# Any canonical unpadded base64url string (what `b64url_decode` accepts), so the published
# schema is exactly as strict as the server: whole quanta, then 2 or 3 characters whose
# last one carries no bits beyond the data.
B64URL_PATTERN: Final = (
    r"^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-][AQgw]|[A-Za-z0-9_-]{2}[AEIMQUYcgkosw048])?$"
)
PHASE_PATTERN: Final = r"^[a-z0-9_-]{1,32}$"


class ProtocolError(ValueError):
    """A value from the network is not valid protocol data."""


def b64url_encode(raw: bytes) -> str:
    """Encode bytes as unpadded base64url, the only byte encoding on the wire."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


# For an unpadded length of 2 or 3 mod 4, the last character may carry only data bits.
_CANONICAL_LAST = {2: frozenset("AQgw"), 3: frozenset("AEIMQUYcgkosw048")}


def b64url_decode(text: str) -> bytes:
    """Decode canonical unpadded base64url; anything else raises ProtocolError.

    Padding, other alphabets and non-canonical trailing bits are refused so that one byte
    string has exactly one spelling on the wire. The checks are C-speed string scans (a
    regular expression over a 256 KiB message costs more than the decoding).
    """
    remainder = len(text) % 4
    if (
        remainder == 1
        or not text.isascii()
        or "=" in text
        or "+" in text
        or "/" in text
        or (remainder and text[-1] not in _CANONICAL_LAST[remainder])
    ):
        raise ProtocolError("not canonical unpadded base64url")
    try:
        return base64.b64decode(text + "=" * (-remainder % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ProtocolError("not canonical unpadded base64url") from exc


def _decode_wire_bytes(value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a base64url string")
    try:
        return b64url_decode(value)
    except ProtocolError as exc:
        raise ValueError("expected unpadded base64url") from exc


def b64url_length(size: int) -> int:
    """How many base64url characters carry `size` bytes (no padding)."""
    return (size * 8 + 5) // 6


def _wire_bytes_schema(min_bytes: int = 0, max_bytes: int | None = None) -> dict[str, object]:
    schema: dict[str, object] = {
        "type": "string",
        "pattern": B64URL_PATTERN,
        "format": "base64url",
    }
    if min_bytes:
        schema["minLength"] = b64url_length(min_bytes)
    if max_bytes is not None:
        schema["maxLength"] = b64url_length(max_bytes)
    return schema


WireBytes = Annotated[
    bytes,
    BeforeValidator(_decode_wire_bytes),
    PlainSerializer(b64url_encode, return_type=str),
    WithJsonSchema(_wire_bytes_schema()),
]
"""Bytes carried as unpadded base64url text."""

PhaseBody = Annotated[
    bytes,
    BeforeValidator(_decode_wire_bytes),
    PlainSerializer(b64url_encode, return_type=str),
    WithJsonSchema(_wire_bytes_schema(max_bytes=MAX_PHASE_BODY_BYTES)),
]
"""A pairing message body (≤ 4 KiB decoded; a larger one is refused with 413)."""


def _non_empty(value: bytes) -> bytes:
    if not value:
        raise ValueError("a ciphertext is never empty")
    return value


Ciphertext = Annotated[
    bytes,
    BeforeValidator(_decode_wire_bytes),
    AfterValidator(_non_empty),
    PlainSerializer(b64url_encode, return_type=str),
    WithJsonSchema(_wire_bytes_schema(min_bytes=1, max_bytes=MAX_CIPHERTEXT_BYTES)),
]
"""A sealed message: at least one byte; the relay's size limit applies to decoded bytes
(256 KiB by default, `413 too_large` above it)."""

Id128 = Annotated[str, Field(pattern=ID_PATTERN, min_length=22, max_length=22)]
"""A random 128-bit id (mailbox, inbox, side, nonce) as base64url."""

PublicKeyText = Annotated[str, Field(pattern=KEY_PATTERN, min_length=43, max_length=43)]
"""An Ed25519 public key as base64url."""

Seq = Annotated[int, Field(ge=1, le=MAX_SEQ)]
Index = Annotated[int, Field(ge=0, le=MAX_INDEX)]


def new_random_id() -> str:
    """A fresh random 128-bit id in wire form."""
    return b64url_encode(secrets.token_bytes(16))
