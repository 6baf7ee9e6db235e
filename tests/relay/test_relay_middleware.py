"""The body cap, driven directly at the ASGI level with arbitrary chunking and headers."""

from __future__ import annotations

from typing import Any

import anyio
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside_relay.middleware import BodyLimitMiddleware

CAP = 1024


async def _run(chunks: list[bytes], content_length: bytes | None) -> tuple[int, bytes | None]:
    seen: dict[str, Any] = {}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        message = await receive()
        seen["body"] = message["body"]
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    messages = [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
        for i, chunk in enumerate(chunks or [b""])
    ]

    async def receive() -> dict[str, Any]:
        return messages.pop(0)

    status: dict[str, int] = {}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status["code"] = message["status"]

    headers = [] if content_length is None else [(b"content-length", content_length)]
    scope = {"type": "http", "method": "PUT", "path": "/", "headers": headers}
    await BodyLimitMiddleware(app, CAP)(scope, receive, send)
    return status["code"], seen.get("body")


@settings(max_examples=200)
@given(
    chunks=st.lists(st.binary(max_size=400), max_size=8),
    declared=st.none()
    | st.integers(0, 4 * CAP).map(lambda n: str(n).encode())
    | st.binary(max_size=8),
)
def test_the_app_sees_the_whole_body_only_when_it_fits(
    chunks: list[bytes], declared: bytes | None
) -> None:
    status, body = anyio.run(_run, chunks, declared)
    total = b"".join(chunks)
    declared_ok = declared is None or (declared.isdigit() and int(declared) <= CAP)
    if declared_ok and len(total) <= CAP:
        assert (status, body) == (200, total)
    else:
        assert (status, body) == (413, None)
