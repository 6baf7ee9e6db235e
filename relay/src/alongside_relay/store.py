"""The relay's storage interface, with two implementations: SQLite and PostgreSQL.

Every method is synchronous and blocking; the web layer runs them on worker threads
(`worker_threads` of them: one for SQLite, one per pooled connection for PostgreSQL).
Time comes in as an argument (`now`, Unix seconds) so expiry is exact under test.
Refusals are `StoreRefusal` subclasses carrying the protocol's error code;
`DatabaseUnavailable` means the database cannot be reached right now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from alongside_wire.protocol import ErrorCode, Mood


class DatabaseUnavailable(Exception):
    """The database cannot be reached right now; the request may simply be retried."""


class StoreRefusal(Exception):
    """A request the store refuses for a protocol reason (never a bug)."""

    code: ErrorCode = ErrorCode.BAD_REQUEST
    status: int = 400
    detail: str = "The request was refused."

    def __init__(self) -> None:
        super().__init__(self.detail)


class NameplatesExhausted(StoreRefusal):
    """Every nameplate number is in use."""

    code, status, detail = ErrorCode.NAMEPLATES_EXHAUSTED, 507, "No nameplate is free."


class UnknownNameplate(StoreRefusal):
    """The nameplate does not exist or has expired."""

    code, status, detail = ErrorCode.UNKNOWN_NAMEPLATE, 404, "That pairing code is unknown."


class UnknownMailbox(StoreRefusal):
    """The pairing mailbox does not exist, has expired or was closed."""

    code, status, detail = ErrorCode.UNKNOWN_MAILBOX, 404, "The pairing has ended."


class Crowded(StoreRefusal):
    """A third side tried to join a pairing, or a nameplate was claimed twice."""

    code, status, detail = ErrorCode.CROWDED, 409, "Someone else is using this pairing code."


class NoPairingMailbox(StoreRefusal):
    """An inbox registration without proof of an open pairing mailbox."""

    code, status, detail = (
        ErrorCode.NO_PAIRING_MAILBOX,
        403,
        "An inbox can only be registered during pairing.",
    )


class InboxExists(StoreRefusal):
    """The inbox id is already registered; the first registration wins."""

    code, status, detail = ErrorCode.INBOX_EXISTS, 409, "That inbox is already registered."


class RelayFull(StoreRefusal):
    """The global inbox quota is reached."""

    code, status, detail = ErrorCode.RELAY_FULL, 507, "The relay has no room for a new inbox."


class UnknownInbox(StoreRefusal):
    """No inbox with that id."""

    code, status, detail = ErrorCode.UNKNOWN_INBOX, 404, "The inbox does not exist."


class SeqConflict(StoreRefusal):
    """A different body was sent for a sequence number already stored."""

    code, status, detail = (
        ErrorCode.SEQ_CONFLICT,
        409,
        "A different message was already stored with this number.",
    )


class InboxFull(StoreRefusal):
    """The inbox quota is reached; nothing old is dropped to make room."""

    code, status, detail = ErrorCode.INBOX_FULL, 507, "The peer's inbox on the relay is full."


class ReplayedNonce(StoreRefusal):
    """A signed request's nonce was already used with this key."""

    code, status, detail = ErrorCode.REPLAYED_NONCE, 401, "This request was already received."


class RateLimited(StoreRefusal):
    """The signing key's shared rate limit is used up (stores with `SharedRateLimits`)."""

    code, status, detail = ErrorCode.RATE_LIMITED, 429, "Too many requests; try again shortly."

    def __init__(self, retry_after: float = 1.0) -> None:
        super().__init__()
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class RateClaim:
    """A per-key rate-limit token, taken in the same database round trip as the work."""

    bucket: str
    rate: float
    burst: int
    now: float


@dataclass(frozen=True, slots=True)
class StoreLimits:
    """Quotas and lifetimes the store enforces."""

    nameplate_ttl: int = 600
    mailbox_ttl: int = 1800
    message_ttl: int = 30 * 24 * 3600
    max_nameplates: int = 10_000
    max_inboxes: int = 10_000
    inbox_max_messages: int = 10_000
    inbox_max_bytes: int = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class NonceClaim:
    """A signed request's nonce, recorded in the same transaction as the request's work."""

    key: str
    nonce: str
    expires_at: int


@dataclass(frozen=True, slots=True)
class Allocation:
    """A freshly allocated nameplate."""

    nameplate: int
    mailbox: str
    expires_at: int


@dataclass(frozen=True, slots=True)
class PhaseRecord:
    """A pairing message as stored."""

    index: int
    side: str
    phase: str
    body: bytes


@dataclass(frozen=True, slots=True)
class InboxKeys:
    """The two public keys of an inbox, as base64url text."""

    owner_key: str
    peer_key: str


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """Result of a PUT: the arrival index and whether it was an identical retry."""

    index: int
    duplicate: bool


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """A pending message."""

    index: int
    seq: int
    ciphertext: bytes
    received_at: int


@dataclass(frozen=True, slots=True)
class InboxMarks:
    """An inbox's cursors and counters."""

    pending: int
    pending_bytes: int
    oldest_received_at: int | None
    last_index: int
    acked_upto: int
    expired_upto: int


@dataclass(frozen=True, slots=True)
class Fetched:
    """Pending messages after a cursor, with the inbox's marks."""

    messages: list[MessageRecord]
    marks: InboxMarks


@dataclass(frozen=True, slots=True)
class PruneCounts:
    """How much one pruning pass removed."""

    nameplates: int
    mailboxes: int
    nonces: int
    messages: int


class RelayStore(Protocol):
    """What the relay needs from a database; see `SQLiteRelayStore`, `PostgresRelayStore`."""

    # How many threads may call the store at once.
    worker_threads: int

    def allocate_nameplate(self, side: str, now: int) -> Allocation: ...

    def claim_nameplate(self, nameplate: int, side: str, now: int) -> Allocation: ...

    def post_phase(self, mailbox: str, side: str, phase: str, body: bytes, now: int) -> int: ...

    def read_phase(
        self, mailbox: str, side: str, after: int, now: int
    ) -> tuple[list[PhaseRecord], bool]: ...

    def close_mailbox(self, mailbox: str, side: str, mood: Mood, now: int) -> bool: ...

    def mood_counts(self) -> dict[str, int]: ...

    def inbox_keys(self, inbox: str) -> InboxKeys | None: ...

    def claim_nonce(self, claim: NonceClaim, now: int) -> None: ...

    def register_inbox(
        self, inbox: str, keys: InboxKeys, mailbox: str, side: str, nonce: NonceClaim, now: int
    ) -> None: ...

    def put_message(
        self,
        inbox: str,
        seq: int,
        ciphertext: bytes,
        nonce: NonceClaim | None,
        now: int,
        rate: RateClaim | None = None,
    ) -> StoredMessage: ...

    def fetch_messages(
        self,
        inbox: str,
        after: int,
        limit: int,
        nonce: NonceClaim | None,
        now: int,
        rate: RateClaim | None = None,
    ) -> Fetched: ...

    def ack_messages(self, inbox: str, upto: int, nonce: NonceClaim, now: int) -> InboxMarks: ...

    def inbox_marks(self, inbox: str, nonce: NonceClaim | None, now: int) -> InboxMarks: ...

    def delete_inbox(self, inbox: str, nonce: NonceClaim, now: int) -> None: ...

    def prune(self, now: int) -> PruneCounts: ...

    def close(self) -> None: ...


@runtime_checkable
class SharedRateLimits(Protocol):
    """A store that keeps per-key rate limits for every instance on the database."""

    def take_rate_token(self, bucket: str, rate: float, burst: int, now: float) -> float:
        """Take one token: 0.0 when allowed, else seconds until one is free."""
        ...


@runtime_checkable
class SharedDatabase(Protocol):
    """A store on a database other relay instances share, which they hear changes of."""

    conninfo: str
