"""Verification of Ed25519-signed requests (docs/protocol.md §3).

`verify_signed_headers` is pure: it parses the four headers, checks the timestamp window
and the signature over the canonical line, and returns the nonce to record. Recording the
nonce happens in the store, in the same transaction as the request's work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from alongside_relay.errors import RelayRefusal
from alongside_relay.store import NonceClaim
from alongside_wire.protocol import (
    HEADER_KEY,
    HEADER_NONCE,
    HEADER_SERVER_TIME,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    ID_PATTERN,
    KEY_PATTERN,
    SIGNATURE_PATTERN,
    TIMESTAMP_WINDOW_SECONDS,
    ErrorCode,
    ProtocolError,
    b64url_decode,
    canonical_request_line,
    signature_is_valid,
)

_KEY_RE = re.compile(KEY_PATTERN)
_NONCE_RE = re.compile(ID_PATTERN)
_SIGNATURE_RE = re.compile(SIGNATURE_PATTERN)
_TIMESTAMP_RE = re.compile(r"^[0-9]{1,12}$")


@dataclass(frozen=True, slots=True)
class SignedRequest:
    """A request whose signature verified: who signed it and the nonce to record."""

    key: str
    nonce: NonceClaim


def _refuse(code: ErrorCode, detail: str) -> RelayRefusal:
    return RelayRefusal(401, code, detail)


def verify_signed_headers(
    *,
    method: str,
    host: str,
    path_with_query: str,
    body: bytes,
    headers: Mapping[str, str],
    now: int,
    window: int = TIMESTAMP_WINDOW_SECONDS,
) -> SignedRequest:
    """Check one request's signature headers; raises RelayRefusal (401) on any fault."""
    key = headers.get(HEADER_KEY, "")
    timestamp_text = headers.get(HEADER_TIMESTAMP, "")
    nonce = headers.get(HEADER_NONCE, "")
    signature_text = headers.get(HEADER_SIGNATURE, "")
    if not (
        _KEY_RE.fullmatch(key)
        and _TIMESTAMP_RE.fullmatch(timestamp_text)
        and _NONCE_RE.fullmatch(nonce)
        and _SIGNATURE_RE.fullmatch(signature_text)
    ):
        raise _refuse(ErrorCode.BAD_AUTH_HEADER, "The request is not signed correctly.")
    timestamp = int(timestamp_text)
    if abs(now - timestamp) > window:
        raise RelayRefusal(
            401,
            ErrorCode.STALE_TIMESTAMP,
            "This computer's clock differs from the relay's.",
            server_time=now,
            headers={HEADER_SERVER_TIME: str(now)},
        )
    try:
        line = canonical_request_line(method, host, path_with_query, timestamp, nonce, body)
        public_key = b64url_decode(key)
        signature = b64url_decode(signature_text)
    except ProtocolError:
        raise _refuse(ErrorCode.BAD_AUTH_HEADER, "The request is not signed correctly.") from None
    if not signature_is_valid(public_key, signature, line):
        raise _refuse(ErrorCode.BAD_SIGNATURE, "The request's signature does not verify.")
    return SignedRequest(key=key, nonce=NonceClaim(key, nonce, timestamp + window + 1))
