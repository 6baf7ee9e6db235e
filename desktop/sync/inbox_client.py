"""Signed requests to the two inboxes of a pairing (docs/protocol.md §3–4), over httpx.

``put`` goes into the partner's inbox with my *putter* key; ``fetch`` and ``ack`` read my
own inbox with my *owner* key. Every request is signed over the canonical line; a
``401 stale_timestamp`` answer carries the relay's time, from which the client corrects
its clock offset and retries once. Failures become one of three sentences (relay down,
relay refused, channel broken); nothing here logs a key, an inbox id or a body.
"""

from __future__ import annotations

import json
import logging
from typing import NamedTuple

import httpx
import nacl.signing

from alongside_wire.protocol import (
    AckRequest,
    FetchResponse,
    MessagePut,
    MessageStored,
    b64url_encode,
)
from desktop.clock import Clock
from desktop.sentences import UserSentence
from desktop.sync.signed_request import build_signed

log = logging.getLogger("alongside.sync")
TIMEOUT_SECONDS = 10.0


class RelayUnreachable(UserSentence, ConnectionError):
    """Waiting for the relay: it cannot be reached right now. Notes wait in the outbox."""


class RelayRefused(UserSentence, RuntimeError):
    """The relay refused the request. Notes wait in the outbox; try again later."""


class RepairNeeded(UserSentence, RuntimeError):
    """Re-pair needed: the relay no longer knows this pairing's inboxes."""


class SeqConflict(UserSentence, RuntimeError):
    """The relay holds a different message under this number (409 seq_conflict)."""


class Fetched(NamedTuple):
    messages: list[tuple[int, int, bytes]]  # (index, seq, envelope)
    last_index: int
    expired_upto: int


class InboxClient:
    """My owner key for my inbox, my putter key for the partner's, one relay."""

    def __init__(
        self,
        relay_url: str,
        *,
        owner_key: nacl.signing.SigningKey,
        putter_key: nacl.signing.SigningKey,
        my_inbox: str,
        partner_inbox: str,
        clock: Clock,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._client = httpx.Client(
            base_url=relay_url.rstrip("/"), timeout=TIMEOUT_SECONDS, transport=transport
        )
        self._owner, self._putter = owner_key, putter_key
        self._mine, self._theirs = my_inbox, partner_inbox
        self._clock = clock
        self.clock_offset = 0  # relay time minus ours, learnt from stale_timestamp

    def close(self) -> None:
        self._client.close()

    def put(self, seq: int, envelope: bytes) -> bool:
        """Store one envelope in the partner's inbox; True if it was an identical retry."""
        body = MessagePut(ciphertext=envelope).model_dump_json().encode()
        answer = self._send("PUT", f"/v1/inboxes/{self._theirs}/messages/{seq}", body, self._putter)
        return MessageStored.model_validate_json(answer.content).duplicate

    def fetch(self, after: int, wait: float) -> Fetched:
        """My inbox's messages after ``after`` (long-polls up to ``wait`` seconds)."""
        path = f"/v1/inboxes/{self._mine}/messages?after={after}&wait={wait:g}"
        answer = self._send("GET", path, b"", self._owner, extra_timeout=wait)
        fetched = FetchResponse.model_validate_json(answer.content)
        return Fetched(
            [(m.index, m.seq, bytes(m.ciphertext)) for m in fetched.messages],
            fetched.last_index,
            fetched.expired_upto,
        )

    def ack(self, upto: int) -> None:
        """Let the relay delete my inbox's messages up to this index (after committing)."""
        body = AckRequest(upto=upto).model_dump_json().encode()
        self._send("POST", f"/v1/inboxes/{self._mine}/ack", body, self._owner)

    def delete_my_inbox(self) -> None:
        """Unpairing: remove my inbox and whatever waits in it."""
        self._send("DELETE", f"/v1/inboxes/{self._mine}", b"", self._owner)

    def _send(
        self,
        method: str,
        path: str,
        body: bytes,
        key: nacl.signing.SigningKey,
        *,
        extra_timeout: float = 0.0,
        retried: bool = False,
    ) -> httpx.Response:
        request = build_signed(
            self._client,
            key,
            method,
            path,
            body,
            timestamp=int(self._clock.now().timestamp()) + self.clock_offset,
            timeout=TIMEOUT_SECONDS + extra_timeout,
        )
        try:
            answer = self._client.send(request)
        except httpx.HTTPError:
            raise RelayUnreachable() from None
        if answer.status_code < 300:
            return answer
        code, server_time = _error(answer)
        if code == "stale_timestamp" and server_time is not None and not retried:
            self.clock_offset = server_time - int(self._clock.now().timestamp())
            log.info("sync.clock_corrected")
            return self._send(method, path, body, key, extra_timeout=extra_timeout, retried=True)
        log.info("sync.refused %s %s", answer.status_code, code)
        if code == "seq_conflict":
            raise SeqConflict()
        if code in {"unknown_inbox", "unknown_key", "wrong_role"}:
            raise RepairNeeded()
        if answer.status_code >= 500 or code in {"rate_limited", "unavailable"}:
            raise RelayUnreachable()
        raise RelayRefused(code)


def _error(answer: httpx.Response) -> tuple[str, int | None]:
    """The error code and the relay's time from an error body (docs/protocol.md §0)."""
    try:
        body = json.loads(answer.content)
    except ValueError:
        return "unknown", None
    if not isinstance(body, dict):
        return "unknown", None
    code = body.get("error")
    server_time = body.get("server_time")
    return (
        code if isinstance(code, str) and code.isidentifier() else "unknown",
        server_time if type(server_time) is int else None,
    )


def wire_id(raw: bytes) -> str:
    """A 16-byte id in the relay's text form."""
    return b64url_encode(raw)
