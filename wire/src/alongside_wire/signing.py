"""Request signing: the canonical line an Ed25519 signature covers (docs/protocol.md §3)."""

from __future__ import annotations

import hashlib

import nacl.exceptions
import nacl.signing

from alongside_wire.encoding import (
    HEADER_KEY,
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    SIGNING_PURPOSE,
    ProtocolError,
    b64url_encode,
    new_random_id,
)


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
