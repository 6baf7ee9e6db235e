"""Wire models and request signing shared by the sync client and the relay (docs/protocol.md).

Everything here is pure: pydantic models for each JSON body, strict base64url helpers, and
the canonical line that Ed25519 request signatures cover. The relay imports only this
module from Alongside, so it must stay free of Qt, the vault and any I/O.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from enum import StrEnum
from typing import Annotated, Final, Literal

import nacl.exceptions
import nacl.signing
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
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


class ErrorCode(StrEnum):
    """Machine-readable error codes; clients translate these into sentences."""

    BAD_REQUEST = "bad_request"
    INVALID_REQUEST = "invalid_request"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    BAD_AUTH_HEADER = "bad_auth_header"
    STALE_TIMESTAMP = "stale_timestamp"
    BAD_SIGNATURE = "bad_signature"
    REPLAYED_NONCE = "replayed_nonce"
    UNKNOWN_KEY = "unknown_key"
    WRONG_ROLE = "wrong_role"
    ENROLMENT_REQUIRED = "enrolment_required"
    UNKNOWN_NAMEPLATE = "unknown_nameplate"
    UNKNOWN_MAILBOX = "unknown_mailbox"
    UNKNOWN_INBOX = "unknown_inbox"
    CROWDED = "crowded"
    NO_PAIRING_MAILBOX = "no_pairing_mailbox"
    INBOX_EXISTS = "inbox_exists"
    SEQ_CONFLICT = "seq_conflict"
    TOO_LARGE = "too_large"
    RATE_LIMITED = "rate_limited"
    INBOX_FULL = "inbox_full"
    RELAY_FULL = "relay_full"
    NAMEPLATES_EXHAUSTED = "nameplates_exhausted"
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"
    INTERNAL = "internal"


class WireModel(BaseModel):
    """Base for every body: unknown fields refused, inputs never echoed into error text."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


class ErrorBody(WireModel):
    """Body of every non-2xx answer (422 adds `fields`)."""

    error: ErrorCode
    detail: str
    server_time: int | None = None


class FieldProblem(WireModel):
    """Where a request's shape is wrong and what kind of wrong; never the value sent."""

    location: list[str | int]
    type: str


class InvalidRequestBody(ErrorBody):
    """Body of `422 invalid_request`: valid JSON (or parameters) of the wrong shape."""

    fields: list[FieldProblem]


class Health(WireModel):
    """Answer of `/healthz`."""

    status: Literal["ok"] = "ok"


# --- pairing ---------------------------------------------------------------------------


class Mood(StrEnum):
    """How a pairing ended, as magic-wormhole reports it; counted, never logged per pair."""

    HAPPY = "happy"
    LONELY = "lonely"
    SCARY = "scary"
    CROWDED = "crowded"
    ERRORY = "errory"


class SideRequest(WireModel):
    """Allocate or claim a nameplate as one side of a pairing."""

    side: Id128


class NameplateAllocated(WireModel):
    """A fresh nameplate and the pairing mailbox it leads to."""

    nameplate: int = Field(ge=1)
    mailbox: Id128
    expires_at: int


class NameplateClaimed(WireModel):
    """The pairing mailbox behind a claimed nameplate."""

    mailbox: Id128
    expires_at: int


class PhaseMessageIn(WireModel):
    """One pairing message (SPAKE2, key confirmation, sealed keys), opaque to the relay."""

    side: Id128
    phase: str = Field(pattern=PHASE_PATTERN)
    body: PhaseBody = Field(repr=False)


class PhaseMessagePosted(WireModel):
    """Where a pairing message landed in the mailbox."""

    index: int


class PhaseMessageOut(WireModel):
    """A pairing message as read back from the mailbox."""

    index: int
    side: Id128
    phase: str
    body: WireBytes = Field(repr=False)


class MailboxMessages(WireModel):
    """Pairing messages after a cursor, and whether the other side has closed."""

    messages: list[PhaseMessageOut]
    closed: bool


class MailboxCloseRequest(WireModel):
    """Close a pairing mailbox for one side, saying how it went."""

    side: Id128
    mood: Mood


class MailboxClosed(WireModel):
    """Whether the mailbox is now closed by both sides (and deleted)."""

    closed: bool


# --- inboxes and messages -------------------------------------------------------------


class InboxRegisterRequest(WireModel):
    """Register an inbox, proving an open pairing mailbox and naming both relay keys."""

    mailbox: Id128
    side: Id128
    owner_key: PublicKeyText
    peer_key: PublicKeyText


class InboxRegistered(WireModel):
    """The inbox now exists."""

    inbox: Id128


class MessagePut(WireModel):
    """One sealed message for the inbox's owner."""

    ciphertext: Ciphertext = Field(repr=False)


class MessageStored(WireModel):
    """Where a message sits in the inbox; `duplicate` when this was an identical retry."""

    seq: int
    index: int
    duplicate: bool


class InboxMessage(WireModel):
    """A pending message as fetched by the owner."""

    index: int
    seq: int
    ciphertext: WireBytes = Field(repr=False)
    received_at: int


class FetchResponse(WireModel):
    """Messages after a cursor plus the marks the client needs to notice gaps."""

    messages: list[InboxMessage]
    last_index: int
    acked_upto: int
    expired_upto: int


class AckRequest(WireModel):
    """Delete every message up to and including this index."""

    upto: Index


class InboxStatus(WireModel):
    """What is waiting in an inbox, and what has left it."""

    pending: int
    pending_bytes: int
    oldest_age: int | None
    last_index: int
    acked_upto: int
    expired_upto: int
    quota_messages: int
    quota_bytes: int


# --- signing ---------------------------------------------------------------------------


def body_digest(body: bytes) -> str:
    """Hex SHA-256 of the exact body bytes, as the canonical line carries it."""
    return hashlib.sha256(body).hexdigest()


def canonical_request_line(
    method: str, host: str, path_with_query: str, timestamp: int, nonce: str, body: bytes
) -> bytes:
    """The bytes a request signature covers (docs/protocol.md §3)."""
    parts = (
        SIGNING_PURPOSE.decode("ascii"),
        method.upper(),
        host.lower(),
        path_with_query,
        str(timestamp),
        nonce,
        body_digest(body),
    )
    for part in parts:
        if "\n" in part:
            raise ProtocolError("canonical line parts cannot contain a newline")
    return "\n".join(parts).encode("utf-8")


def sign_request(
    signing_key: nacl.signing.SigningKey,
    *,
    method: str,
    host: str,
    path_with_query: str,
    body: bytes,
    timestamp: int,
    nonce: str | None = None,
) -> dict[str, str]:
    """Headers that authenticate one request with a relay key."""
    nonce = nonce if nonce is not None else new_random_id()
    line = canonical_request_line(method, host, path_with_query, timestamp, nonce, body)
    signature = signing_key.sign(line).signature
    return {
        HEADER_KEY: b64url_encode(bytes(signing_key.verify_key)),
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: b64url_encode(signature),
    }


def signature_is_valid(public_key: bytes, signature: bytes, line: bytes) -> bool:
    """Whether `signature` is a valid Ed25519 signature of `line` by `public_key`."""
    try:
        nacl.signing.VerifyKey(public_key).verify(line, signature)
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, TypeError):
        return False
    return True
