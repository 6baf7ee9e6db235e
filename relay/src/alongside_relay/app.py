"""Builds the relay's FastAPI app: routes, error answers, middleware and scheduled pruning."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import time
from collections.abc import AsyncIterator, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from alongside_relay import inboxes, pairing
from alongside_relay.context import RelayContext
from alongside_relay.errors import RelayRefusal
from alongside_relay.listener import cross_instance_listener
from alongside_relay.middleware import BodyLimitMiddleware, TelemetryMiddleware
from alongside_relay.ratelimit import RateLimiter
from alongside_relay.settings import RelaySettings
from alongside_relay.store import (
    DatabaseUnavailable,
    PruneCounts,
    RateLimited,
    RelayStore,
    StoreRefusal,
)
from alongside_relay.stores import open_store
from alongside_wire.protocol import ErrorBody, ErrorCode, FieldProblem, Health, InvalidRequestBody

log = logging.getLogger("alongside.relay")


DESCRIPTION = """Store-and-forward relay for Alongside: it only ever sees ciphertext.

Inbox requests are signed with Ed25519 over a canonical line (headers `Alongside-Key`,
`Alongside-Timestamp`, `Alongside-Nonce`, `Alongside-Signature`); see docs/protocol.md."""


def log_summary(
    ctx: RelayContext, counts: PruneCounts | None, moods: dict[str, int] | None, when: str
) -> None:
    """The summary log line: counts and latency only (docs/relay-deployment.md, monitoring)."""
    summary = {
        "at": when,
        "pruned": None
        if counts is None
        else {
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


async def prune_once(ctx: RelayContext, when: str = "interval") -> PruneCounts:
    """One pruning pass, then a summary log line of counts only."""
    counts = await ctx.run(ctx.store.prune, ctx.now())
    moods = await ctx.run(ctx.store.mood_counts)
    log_summary(ctx, counts, moods, when)
    return counts


async def _final_summary(ctx: RelayContext) -> None:
    """At shutdown: a last pass and summary, so a relay stopped early still logs its counts."""
    try:
        await prune_once(ctx, "shutdown")
    except Exception as exc:  # the database may be gone; the request counts still matter
        log.warning("pruning at shutdown failed: %s", type(exc).__name__)
        log_summary(ctx, None, None, "shutdown")


async def _prune_forever(ctx: RelayContext) -> None:
    while True:
        await asyncio.sleep(ctx.settings.prune_interval_seconds)
        try:
            await prune_once(ctx)
        except DatabaseUnavailable:  # expected while PostgreSQL restarts; next round
            log.warning("pruning skipped: the database is unavailable")
        except Exception as exc:  # keep pruning; the type alone says what broke
            log.error("pruning failed: %s", type(exc).__name__)


def _error_response(
    status: int, body: ErrorBody, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


_HTTP_ERRORS = {
    404: (ErrorCode.NOT_FOUND, "There is nothing at this address."),
    405: (ErrorCode.METHOD_NOT_ALLOWED, "This address does not take that method."),
}


def _http_error_body(status: int) -> ErrorBody:
    code, detail = _HTTP_ERRORS.get(status, (ErrorCode.BAD_REQUEST, "The request was refused."))
    return ErrorBody(error=code, detail=detail)


def _validation_answer(exc: RequestValidationError) -> JSONResponse:
    """400 for a body that is not JSON, else 422 naming the fields but never their values.

    FastAPI's own answer repeats each bad value, which for NaN cannot even be encoded.
    """
    errors = exc.errors()
    if any(error.get("type") == "json_invalid" for error in errors):
        body = ErrorBody(error=ErrorCode.BAD_REQUEST, detail="The body is not valid JSON.")
        return _error_response(400, body)
    fields = [
        FieldProblem(
            location=[part for part in error.get("loc", ()) if isinstance(part, str | int)],
            type=str(error.get("type", "invalid")),
        )
        for error in errors[:20]
    ]
    invalid = InvalidRequestBody(
        error=ErrorCode.INVALID_REQUEST,
        detail="The request does not have the expected shape.",
        fields=fields,
    )
    return _error_response(422, invalid)


def create_app(
    settings: RelaySettings,
    *,
    store: RelayStore | None = None,
    clock: Callable[[], float] = time.time,
    prune_in_background: bool = True,
) -> FastAPI:
    """The relay app; tests pass their own store and clock."""
    own_store = store is None
    relay_store: RelayStore = store if store is not None else open_store(settings)
    ctx = RelayContext(
        settings=settings,
        store=relay_store,
        clock=clock,
        limiter=RateLimiter(settings.rate_per_second, settings.rate_burst, time.monotonic),
        enrolment_token=settings.resolved_enrolment_token(),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        tasks = [asyncio.create_task(_prune_forever(ctx))] if prune_in_background else []
        listener = cross_instance_listener(ctx)
        if listener is not None:
            tasks.append(asyncio.create_task(listener.run()))
            await listener.wait_listening()
        log.info("relay started")
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await _final_summary(ctx)
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

    @app.exception_handler(DatabaseUnavailable)
    async def on_database_unavailable(_: Request, exc: DatabaseUnavailable) -> JSONResponse:
        log.warning("database unavailable: %s", type(exc.__cause__).__name__)
        body = ErrorBody(
            error=ErrorCode.UNAVAILABLE,
            detail="The relay cannot reach its database right now; try again shortly.",
        )
        return _error_response(503, body, {"Retry-After": "1"})

    @app.exception_handler(StoreRefusal)
    async def on_store_refusal(_: Request, exc: StoreRefusal) -> JSONResponse:
        headers = (
            {"Retry-After": str(max(1, math.ceil(exc.retry_after)))}
            if isinstance(exc, RateLimited)
            else None
        )
        return _error_response(exc.status, ErrorBody(error=exc.code, detail=exc.detail), headers)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error_response(
            exc.status_code, _http_error_body(exc.status_code), dict(exc.headers or {})
        )

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _validation_answer(exc)

    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(TelemetryMiddleware, stats=ctx.stats)
    return app
