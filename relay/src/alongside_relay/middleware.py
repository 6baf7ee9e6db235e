"""ASGI middleware: the request-body cap, and telemetry that records only counts and times.

FastAPI and uvicorn have no body limit of their own, so `BodyLimitMiddleware` refuses an
oversized request from its `Content-Length` and, for chunked or lying clients, from the
bytes actually streamed — before any of it is parsed.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from alongside_relay.telemetry import RequestStats
from alongside_wire.protocol import ErrorBody, ErrorCode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("alongside.relay")


async def send_error(
    send: Send, status: int, code: ErrorCode, detail: str, headers: dict[str, str] | None = None
) -> None:
    """Answer with an `ErrorBody` straight from middleware."""
    payload = ErrorBody(error=code, detail=detail).model_dump_json().encode("utf-8")
    raw_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode("ascii")),
    ]
    raw_headers += [
        (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": payload})


class BodyLimitMiddleware:
    """Reads the whole body (at most `max_bytes`) before the app sees the request."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and (not value.isdigit() or int(value) > self.max_bytes):
                await self._too_large(send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            # Later calls (long-polls watching for a disconnect) go to the real channel.
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _too_large(send: Send) -> None:
        await send_error(
            send,
            413,
            ErrorCode.TOO_LARGE,
            "The request is too large.",
            headers={"connection": "close"},
        )


class TelemetryMiddleware:
    """Counts requests by route template and status, times them, and hides crashes' text.

    Only the route *template* is recorded (never the path with its ids), and an unexpected
    exception is logged by type alone, since its message may repeat request data.
    """

    def __init__(self, app: ASGIApp, stats: RequestStats) -> None:
        self.app = app
        self.stats = stats

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        response_started = False

        async def watch(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = int(message["status"])
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            log.error("unexpected error: %s", type(exc).__name__)
            if not response_started:
                await send_error(send, 500, ErrorCode.INTERNAL, "Something went wrong.")
            status = 500
        finally:
            route = scope.get("route")
            template = getattr(route, "path", "unmatched")
            elapsed = time.perf_counter() - started
            self.stats.record(f"{scope['method']} {template}", status, elapsed)
            if log.isEnabledFor(logging.DEBUG):
                log.debug(
                    "%s",
                    json.dumps(
                        {
                            "route": f"{scope['method']} {template}",
                            "status": status,
                            "ms": round(elapsed * 1000, 2),
                        }
                    ),
                )
