"""An httpx client of the relay (docs/protocol.md §1-4): pairing requests and signed inbox requests.

Every failure becomes one `SyncError` sentence; the relay's error code (never its detail
text, a body, an id or a key) travels in `detail_code`. Signed requests carry the
canonical line of `alongside_wire.signing`; a `401 stale_timestamp` corrects the clock
offset from the relay's `server_time` and retries once with a fresh nonce. Nothing here
logs: the ids, bodies and keys it handles must not reach a log.
"""

from __future__ import annotations

import logging
from email.utils import parsedate_to_datetime
from typing import TypeVar
from urllib.parse import urlsplit

import httpx
import nacl.signing
from pydantic import BaseModel, ValidationError

from alongside_wire.protocol import (
    ErrorBody,
    InboxRegistered,
    InboxRegisterRequest,
    InboxStatus,
    MailboxClosed,
    MailboxCloseRequest,
    MailboxMessages,
    Mood,
    NameplateAllocated,
    NameplateClaimed,
    PhaseMessageIn,
    PhaseMessagePosted,
    SideRequest,
    b64url_encode,
)
from desktop.clock import Clock
from desktop.sync.errors import (
    CodeExpired,
    CodeInUse,
    InvalidRelayAddress,
    RelayBusy,
    RelayFailed,
    RelayRefused,
    RelayUnreachable,
    SyncError,
)
from desktop.sync.signed_request import build_signed

Answer = TypeVar("Answer", bound=BaseModel)

# httpx logs every request's URL at INFO and httpcore its steps at DEBUG: the URLs hold
# nameplate numbers (part of the pairing code), mailbox and inbox ids. Whatever level
# the app logs at (ALONGSIDE_LOG=info), these two stay at WARNING.
for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).setLevel(logging.WARNING)

# A relay that accepts the connection but never answers must not hold a pairing (or its
# Cancel) for long; long-polls add their own wait on top.
REQUEST_TIMEOUT_SECONDS = 10.0


def normalise_relay_address(address: str) -> str:
    """The relay's base URL without a trailing slash; `InvalidRelayAddress` otherwise."""
    text = address.strip().rstrip("/")
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        raise InvalidRelayAddress("bad-url") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname or not port_ok:
        raise InvalidRelayAddress("bad-url")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise InvalidRelayAddress("bad-url")
    return text


def error_for(status: int, code: str | None) -> SyncError:
    """The sentence for a relay's refusal (docs/protocol.md §0)."""
    if code == "crowded":
        return CodeInUse(code)
    if code in {"unknown_nameplate", "unknown_mailbox"}:
        return CodeExpired(code)
    if status in {429, 503} or code == "nameplates_exhausted":
        return RelayBusy(code or str(status))
    if code in {"enrolment_required", "relay_full"}:
        return RelayRefused(code)
    return RelayFailed(code or f"http-{status}")


class RelayClient:
    """One relay, one connection pool. Blocking: run it on the long-job lane."""

    def __init__(
        self,
        address: str,
        *,
        clock: Clock,
        clock_offset: int = 0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.address = normalise_relay_address(address)
        self._clock = clock
        self.clock_offset = clock_offset
        # The relay's clock minus ours by the last answer's `Date` header (1 s
        # resolution): lets a computer with a wrong clock tell the code's minutes left.
        self.date_offset: int | None = None
        self._http = httpx.Client(
            base_url=self.address,
            timeout=REQUEST_TIMEOUT_SECONDS,
            transport=transport,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RelayClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def relay_now(self) -> int:
        """Unix seconds by the relay's clock, as far as we know its offset."""
        return int(self._clock.now().timestamp()) + self.clock_offset

    # -- sending and reading answers ---------------------------------------------------

    def _send(self, request: httpx.Request, timeout: float | None = None) -> httpx.Response:
        if timeout is not None:
            request.extensions["timeout"] = httpx.Timeout(timeout).as_dict()
        try:
            response = self._http.send(request)
        except httpx.TransportError as exc:  # refused, reset, timed out, TLS
            raise RelayUnreachable(type(exc).__name__) from None
        self._note_date(response)
        return response

    def _note_date(self, response: httpx.Response) -> None:
        try:
            sent = parsedate_to_datetime(response.headers.get("date", ""))
        except (TypeError, ValueError):
            return
        if sent.tzinfo is not None:
            self.date_offset = int(sent.timestamp()) - int(self._clock.now().timestamp())

    def adopt_date_offset(self) -> None:
        """Use the `Date` header's offset when it shows our clock clearly wrong (> 1 min)."""
        if self.date_offset is not None and abs(self.date_offset - self.clock_offset) > 60:
            self.clock_offset = self.date_offset

    @staticmethod
    def _error_code(response: httpx.Response) -> tuple[str | None, int | None]:
        try:
            body = ErrorBody.model_validate_json(response.content)
        except ValidationError:
            return None, None
        return body.error.value, body.server_time

    @classmethod
    def _parse(cls, response: httpx.Response, model: type[Answer]) -> Answer:
        if response.is_success:
            try:
                return model.model_validate_json(response.content)
            except ValidationError:
                raise RelayFailed("bad-answer") from None
        code, _ = cls._error_code(response)
        raise error_for(response.status_code, code)

    def _unsigned(
        self,
        method: str,
        path: str,
        body: BaseModel | None,
        model: type[Answer],
        *,
        params: dict[str, str | int] | None = None,
        timeout: float | None = None,
    ) -> Answer:
        content = b"" if body is None else body.model_dump_json().encode("utf-8")
        headers = {"content-type": "application/json"} if content else {}
        request = self._http.build_request(
            method, path, content=content, headers=headers, params=params
        )
        return self._parse(self._send(request, timeout), model)

    def _signed(
        self, key: nacl.signing.SigningKey, method: str, path: str, body: BaseModel | None
    ) -> httpx.Response:
        content = b"" if body is None else body.model_dump_json().encode("utf-8")
        for attempt in range(2):
            request = build_signed(self._http, key, method, path, content, self.relay_now())
            response = self._send(request)
            code, server_time = (
                self._error_code(response) if response.status_code == 401 else (None, None)
            )
            if code == "stale_timestamp" and server_time is not None and attempt == 0:
                self.clock_offset = server_time - int(self._clock.now().timestamp())
                continue
            return response
        return response

    # -- pairing (docs/protocol.md §1) -------------------------------------------------

    def allocate(self, side: str) -> NameplateAllocated:
        return self._unsigned("POST", "/v1/nameplates", SideRequest(side=side), NameplateAllocated)

    def claim(self, nameplate: int, side: str) -> NameplateClaimed:
        return self._unsigned(
            "POST", f"/v1/nameplates/{nameplate:d}/claim", SideRequest(side=side), NameplateClaimed
        )

    def post(self, mailbox: str, side: str, phase: str, body: bytes) -> int:
        message = PhaseMessageIn(side=side, phase=phase, body=body)
        return self._unsigned(
            "POST", f"/v1/mailboxes/{mailbox}/messages", message, PhaseMessagePosted
        ).index

    def read(self, mailbox: str, side: str, *, after: int, wait: float) -> MailboxMessages:
        """Messages after `after` (both sides'), long-polling up to `wait` seconds."""
        return self._unsigned(
            "GET",
            f"/v1/mailboxes/{mailbox}/messages",
            None,
            MailboxMessages,
            params={"side": side, "after": after, "wait": int(wait)},
            timeout=REQUEST_TIMEOUT_SECONDS + wait,
        )

    def close_mailbox(self, mailbox: str, side: str, mood: Mood) -> bool:
        request = MailboxCloseRequest(side=side, mood=mood)
        return self._unsigned(
            "POST", f"/v1/mailboxes/{mailbox}/close", request, MailboxClosed
        ).closed

    # -- inboxes (docs/protocol.md §2-4) -----------------------------------------------

    def register_inbox(
        self,
        owner: nacl.signing.SigningKey,
        inbox: str,
        *,
        mailbox: str,
        side: str,
        peer_key: bytes,
    ) -> None:
        """Register my inbox: `owner` may fetch and delete, `peer_key` may only put."""
        body = InboxRegisterRequest(
            mailbox=mailbox,
            side=side,
            owner_key=b64url_encode(bytes(owner.verify_key)),
            peer_key=b64url_encode(peer_key),
        )
        self._parse(self._signed(owner, "PUT", f"/v1/inboxes/{inbox}", body), InboxRegistered)

    def inbox_status(self, owner: nacl.signing.SigningKey, inbox: str) -> InboxStatus:
        return self._parse(self._signed(owner, "GET", f"/v1/inboxes/{inbox}", None), InboxStatus)

    def delete_inbox(self, owner: nacl.signing.SigningKey, inbox: str) -> bool:
        """Delete my inbox and everything in it; False when the relay has no such inbox."""
        response = self._signed(owner, "DELETE", f"/v1/inboxes/{inbox}", None)
        if response.status_code == 204:
            return True
        code, _ = self._error_code(response)
        if code == "unknown_inbox":
            return False
        raise error_for(response.status_code, code)
