"""Builds the relay's FastAPI app: routes, error answers, middleware and scheduled pruning."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from alongside_relay import inboxes, pairing
from alongside_relay.context import RelayContext
from alongside_relay.errors import RelayRefusal
from alongside_relay.middleware import BodyLimitMiddleware, TelemetryMiddleware
from alongside_relay.ratelimit import RateLimiter
from alongside_relay.settings import RelaySettings
from alongside_relay.sqlite_store import SQLiteRelayStore
from alongside_relay.store import PruneCounts, RelayStore, StoreLimits, StoreRefusal
from alongside_wire.protocol import ErrorBody, ErrorCode, Health

log = logging.getLogger("alongside.relay")


DESCRIPTION = """Store-and-forward relay for Alongside: it only ever sees ciphertext.

Inbox requests are signed with Ed25519 over a canonical line (headers `Alongside-Key`,
`Alongside-Timestamp`, `Alongside-Nonce`, `Alongside-Signature`); see docs/protocol.md."""


def store_limits(settings: RelaySettings) -> StoreLimits:
    """The store's quotas and lifetimes from the relay settings."""
    return StoreLimits(
        nameplate_ttl=settings.nameplate_ttl_seconds,
        mailbox_ttl=settings.mailbox_ttl_seconds,
        message_ttl=settings.message_ttl_seconds,
        max_nameplates=settings.max_nameplates,
        max_inboxes=settings.max_inboxes,
        inbox_max_messages=settings.inbox_max_messages,
        inbox_max_bytes=settings.inbox_max_bytes,
    )


async def prune_once(ctx: RelayContext) -> PruneCounts:
    """One pruning pass, then a summary log line of counts only."""
    counts = await ctx.run(ctx.store.prune, ctx.now())
    moods = await ctx.run(ctx.store.mood_counts)
    summary = {
        "pruned": {
            "nameplates": counts.nameplates,
            "mailboxes": counts.mailboxes,
            "nonces": counts.nonces,
            "messages": counts.messages,
        },
        "waiting": ctx.hub.waiting,
        "moods": moods,
        **ctx.stats.summary(),
    }
    log.info("relay summary %s", json.dumps(summary, sort_keys=True))
    return counts


async def _prune_forever(ctx: RelayContext) -> None:
    while True:
        await asyncio.sleep(ctx.settings.prune_interval_seconds)
        try:
            await prune_once(ctx)
        except Exception as exc:  # keep pruning; the type alone says what broke
            log.error("pruning failed: %s", type(exc).__name__)


def _error_response(
    status: int, body: ErrorBody, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def create_app(
    settings: RelaySettings,
    *,
    store: RelayStore | None = None,
    clock: Callable[[], float] = time.time,
    prune_in_background: bool = True,
) -> FastAPI:
    """The relay app; tests pass their own store and clock."""
    own_store = store is None
    relay_store: RelayStore = (
        store if store is not None else SQLiteRelayStore(settings.db, store_limits(settings))
    )
    ctx = RelayContext(
        settings=settings,
        store=relay_store,
        clock=clock,
        limiter=RateLimiter(settings.rate_per_second, settings.rate_burst, time.monotonic),
        enrolment_token=settings.resolved_enrolment_token(),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(_prune_forever(ctx)) if prune_in_background else None
        log.info("relay started")
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            ctx.stop_db_thread()
            if own_store:
                relay_store.close()
            log.info("relay stopped")

    app = FastAPI(
        title="Alongside relay",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.relay = ctx
    app.include_router(pairing.router)
    app.include_router(inboxes.router)

    @app.get("/healthz", tags=["operations"])
    async def healthz() -> Health:
        """Liveness: the process answers."""
        return Health()

    @app.exception_handler(RelayRefusal)
    async def on_refusal(_: Request, exc: RelayRefusal) -> JSONResponse:
        return _error_response(exc.status, exc.body, exc.headers)

    @app.exception_handler(StoreRefusal)
    async def on_store_refusal(_: Request, exc: StoreRefusal) -> JSONResponse:
        return _error_response(exc.status, ErrorBody(error=exc.code, detail=exc.detail))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = ErrorCode.NOT_FOUND if exc.status_code == 404 else ErrorCode.BAD_REQUEST
        body = ErrorBody(error=code, detail="The request was refused.")
        return _error_response(exc.status_code, body, dict(exc.headers or {}))

    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(TelemetryMiddleware, stats=ctx.stats)
    return app
