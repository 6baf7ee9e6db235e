"""Wire models and request signing shared by the sync client and the relay (docs/protocol.md).

Everything here is pure: pydantic models for each JSON body, strict base64url helpers, and
the canonical line that Ed25519 request signatures cover. The relay imports only this
module from Alongside, so it must stay free of Qt, the vault and any I/O.

The models live here; the byte encoding is `encoding.py` and request signing
`signing.py`, both re-exported so that `alongside_wire.protocol` stays the one import.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
)

from alongside_wire.encoding import (
    API_PREFIX,
    B64URL_PATTERN,
    HEADER_KEY,
    HEADER_NONCE,
    HEADER_SERVER_TIME,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    ID_PATTERN,
    KEY_PATTERN,
    MAX_CIPHERTEXT_BYTES,
    MAX_INDEX,
    MAX_PHASE_BODY_BYTES,
    MAX_REQUEST_BODY_BYTES,
    MAX_SEQ,
    PHASE_PATTERN,
    SIGNATURE_PATTERN,
    SIGNING_PURPOSE,
    TIMESTAMP_WINDOW_SECONDS,
    Ciphertext,
    Id128,
    Index,
    PhaseBody,
    ProtocolError,
    PublicKeyText,
    Seq,
    WireBytes,
    b64url_decode,
    b64url_encode,
    b64url_length,
    new_random_id,
)
from alongside_wire.signing import (
    body_digest,
    canonical_request_line,
    sign_request,
    signature_is_valid,
)

__all__ = [
    "API_PREFIX",
    "B64URL_PATTERN",
    "HEADER_KEY",
    "HEADER_NONCE",
    "HEADER_SERVER_TIME",
    "HEADER_SIGNATURE",
    "HEADER_TIMESTAMP",
    "ID_PATTERN",
    "KEY_PATTERN",
    "MAX_CIPHERTEXT_BYTES",
    "MAX_INDEX",
    "MAX_PHASE_BODY_BYTES",
    "MAX_REQUEST_BODY_BYTES",
    "MAX_SEQ",
    "PHASE_PATTERN",
    "SIGNATURE_PATTERN",
    "SIGNING_PURPOSE",
    "TIMESTAMP_WINDOW_SECONDS",
    "AckRequest",
    "Ciphertext",
    "ErrorBody",
    "ErrorCode",
    "FetchResponse",
    "FieldProblem",
    "Health",
    "Id128",
    "InboxMessage",
    "InboxRegisterRequest",
    "InboxRegistered",
    "InboxStatus",
    "Index",
    "InvalidRequestBody",
    "MailboxCloseRequest",
    "MailboxClosed",
    "MailboxMessages",
    "MessagePut",
    "MessageStored",
    "Mood",
    "NameplateAllocated",
    "NameplateClaimed",
    "PhaseBody",
    "PhaseMessageIn",
    "PhaseMessageOut",
    "PhaseMessagePosted",
    "ProtocolError",
    "PublicKeyText",
    "Seq",
    "SideRequest",
    "WireBytes",
    "WireModel",
    "b64url_decode",
    "b64url_encode",
    "b64url_length",
    "body_digest",
    "canonical_request_line",
    "new_random_id",
    "sign_request",
    "signature_is_valid",
]


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
