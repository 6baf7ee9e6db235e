"""One signed relay request (protocol.md: the signature headers), for both relay clients."""

from __future__ import annotations

import httpx
import nacl.signing

from alongside_wire.protocol import sign_request


def build_signed(
    http: httpx.Client,
    key: nacl.signing.SigningKey,
    method: str,
    path: str,
    body: bytes,
    timestamp: int,
    timeout: float | None = None,
) -> httpx.Request:
    """The request with its JSON content type (when there is a body) and signature."""
    headers = {"content-type": "application/json"} if body else {}
    if timeout is None:
        request = http.build_request(method, path, content=body, headers=headers)
    else:
        request = http.build_request(method, path, content=body, headers=headers, timeout=timeout)
    request.headers.update(
        sign_request(
            key,
            method=method,
            host=request.headers["host"],
            path_with_query=request.url.raw_path.decode("ascii"),
            body=body,
            timestamp=timestamp,
        )
    )
    return request
