"""Inbox routes: registration, messages, ack, status and deletion, all signed (§2–§4)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel

from alongside_relay.auth import SignedRequest, verify_signed_headers
from alongside_relay.context import Context, RelayContext, relay_context
from alongside_relay.errors import RelayRefusal, error_responses
from alongside_relay.longpoll import long_poll
from alongside_relay.store import Fetched, InboxKeys, InboxMarks, RateClaim, UnknownInbox
from alongside_relay.strict_json import StrictJSONRoute
from alongside_wire.protocol import (
    API_PREFIX,
    HEADER_KEY,
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    ID_PATTERN,
    KEY_PATTERN,
    MAX_SEQ,
    SIGNATURE_PATTERN,
    AckRequest,
    ErrorCode,
    FetchResponse,
    InboxMessage,
    InboxRegistered,
    InboxRegisterRequest,
    InboxStatus,
    MessagePut,
    MessageStored,
)

router = APIRouter(prefix=API_PREFIX, route_class=StrictJSONRoute, tags=["inboxes"])

InboxId = Annotated[str, Path(pattern=ID_PATTERN, min_length=22, max_length=22)]
Role = Literal["owner", "peer"]

_SIGNED = (401, 403, 404)

# The four signature headers (docs/protocol.md §3), published as required parameters so
# the schema is as strict as the server. They are checked by `verify_signed_headers`,
# not by FastAPI, so a fault answers 401 bad_auth_header rather than 422.
SIGNED: dict[str, Any] = {
    "parameters": [
        {
            "name": name,
            "in": "header",
            "required": True,
            "description": description,
            "schema": {"type": "string", "pattern": pattern},
        }
        for name, pattern, description in (
            (HEADER_KEY, KEY_PATTERN, "the signer's Ed25519 public key (base64url)"),
            (HEADER_TIMESTAMP, r"^[0-9]{1,12}$", "Unix seconds, within 5 minutes of the relay"),
            (HEADER_NONCE, ID_PATTERN, "16 random bytes (base64url), never reused"),
            (HEADER_SIGNATURE, SIGNATURE_PATTERN, "Ed25519 signature of the canonical line"),
        )
    ]
}


def _inbox_wakeup(inbox: str) -> str:
    return "inbox:" + inbox


def _path_with_query(request: Request) -> str:
    """The request target exactly as the client sent it (the signature covers it)."""
    raw_path: bytes = request.scope.get("raw_path") or request.scope["path"].encode("utf-8")
    query: bytes = request.scope.get("query_string", b"")
    target = raw_path.decode("latin-1")
    return f"{target}?{query.decode('latin-1')}" if query else target


async def _verify(request: Request, ctx: RelayContext) -> SignedRequest:
    """Check the signature; per-key rates kept in memory (SQLite) are checked here too."""
    signed = verify_signed_headers(
        method=request.method,
        host=request.headers.get("host", ""),
        path_with_query=_path_with_query(request),
        body=await request.body(),
        headers=request.headers,
        now=ctx.now(),
    )
    if not ctx.shares_rate_limits:
        ctx.check_rate("key:" + signed.key)
    return signed


async def _authenticate(
    request: Request, ctx: RelayContext, inbox: str, role: Role, *, rate_in_store: bool = False
) -> tuple[SignedRequest, RateClaim | None]:
    """Verify the signature and that the signer holds `role` for `inbox`.

    With rate limits in the database, the key's token is taken before the inbox's keys
    are looked up, so a signer cannot make the relay query the database at will. On the
    two hot routes (`rate_in_store`), when the keys are already cached, the token is
    returned instead, for the store to take in the same round trip as the work.
    """
    signed = await _verify(request, ctx)
    deferred: RateClaim | None = None
    if ctx.shares_rate_limits:
        if rate_in_store and ctx.keys_cached(inbox):
            deferred = ctx.rate_claim(signed.key)
        else:
            await ctx.check_key_rate(signed.key)
    keys = await ctx.inbox_keys(inbox)
    if keys is None:
        raise UnknownInbox()
    if signed.key == keys.owner_key:
        actual: Role = "owner"
    elif signed.key == keys.peer_key:
        actual = "peer"
    else:
        raise RelayRefusal(403, ErrorCode.UNKNOWN_KEY, "This key has no access to the inbox.")
    if actual != role:
        raise RelayRefusal(403, ErrorCode.WRONG_ROLE, "This key may not do that here.")
    return signed, deferred


def _json(model: BaseModel, status: int) -> Response:
    """Serialise an answer once, by its own model.

    The two hot routes return a ready Response rather than a model, which FastAPI would
    validate and serialise a second time through the route's response field.
    """
    return Response(model.model_dump_json(), status_code=status, media_type="application/json")


def _status(marks: InboxMarks, ctx: RelayContext) -> InboxStatus:
    oldest = marks.oldest_received_at
    return InboxStatus(
        pending=marks.pending,
        pending_bytes=marks.pending_bytes,
        oldest_age=None if oldest is None else max(0, ctx.now() - oldest),
        last_index=marks.last_index,
        acked_upto=marks.acked_upto,
        expired_upto=marks.expired_upto,
        quota_messages=ctx.settings.inbox_max_messages,
        quota_bytes=ctx.settings.inbox_max_bytes,
    )


@router.put(
    "/inboxes/{inbox}",
    status_code=201,
    responses=error_responses(400, 401, 403, 409, 507),
    summary="Register an inbox (signed by its owner key, during pairing)",
    openapi_extra=SIGNED,
)
async def register_inbox(
    inbox: InboxId, body: InboxRegisterRequest, request: Request, ctx: Context
) -> InboxRegistered:
    """Create the inbox; needs an open pairing mailbox, and the first registration wins."""
    signed = await _verify(request, ctx)
    if ctx.shares_rate_limits:
        await ctx.check_key_rate(signed.key)
    if signed.key != body.owner_key:
        raise RelayRefusal(403, ErrorCode.WRONG_ROLE, "Sign the registration with the owner key.")
    if body.owner_key == body.peer_key:
        raise RelayRefusal(400, ErrorCode.BAD_REQUEST, "The owner and peer keys must differ.")
    keys = InboxKeys(owner_key=body.owner_key, peer_key=body.peer_key)
    await ctx.run(
        ctx.store.register_inbox, inbox, keys, body.mailbox, body.side, signed.nonce, ctx.now()
    )
    return InboxRegistered(inbox=inbox)


@router.put(
    "/inboxes/{inbox}/messages/{seq}",
    status_code=201,
    responses={
        200: {"model": MessageStored, "description": "Identical retry; nothing changed"},
        **error_responses(*_SIGNED, 409, 507),
    },
    summary="Put a message under the sender's sequence number (peer key)",
    openapi_extra=SIGNED,
    response_model=MessageStored,
)
async def put_message(
    inbox: InboxId,
    seq: Annotated[int, Path(ge=1, le=MAX_SEQ)],
    body: MessagePut,
    request: Request,
) -> Response:
    """Store one sealed message; an identical retry answers 200, a different body 409."""
    ctx = relay_context(request)
    signed, rate = await _authenticate(request, ctx, inbox, "peer", rate_in_store=True)
    if len(body.ciphertext) > ctx.settings.max_ciphertext_bytes:
        raise RelayRefusal(413, ErrorCode.TOO_LARGE, "The message is too large.")
    stored = await ctx.run(
        ctx.store.put_message, inbox, seq, body.ciphertext, signed.nonce, ctx.now(), rate
    )
    if not stored.duplicate:
        ctx.hub.notify(_inbox_wakeup(inbox))
    answer = MessageStored(seq=seq, index=stored.index, duplicate=stored.duplicate)
    return _json(answer, 200 if stored.duplicate else 201)


@router.get(
    "/inboxes/{inbox}/messages",
    responses=error_responses(*_SIGNED),
    summary="Fetch messages after a cursor (owner key; long-poll)",
    openapi_extra=SIGNED,
    response_model=FetchResponse,
)
async def fetch_messages(
    inbox: InboxId,
    request: Request,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    wait: Annotated[float, Query(ge=0, le=300)] = 0,
) -> Response:
    """Pending messages with an index above `after`, waiting up to `wait` s for one."""
    ctx = relay_context(request)
    signed, rate = await _authenticate(request, ctx, inbox, "owner", rate_in_store=True)

    async def query(first: bool) -> Fetched:
        nonce, token = (signed.nonce, rate) if first else (None, None)
        return await ctx.run(ctx.store.fetch_messages, inbox, after, limit, nonce, ctx.now(), token)

    fetched = await long_poll(
        ctx.hub,
        _inbox_wakeup(inbox),
        min(wait, ctx.settings.max_wait_seconds),
        query,
        lambda result: bool(result.messages),
    )
    marks = fetched.marks
    answer = FetchResponse(
        messages=[
            InboxMessage(
                index=m.index, seq=m.seq, ciphertext=m.ciphertext, received_at=m.received_at
            )
            for m in fetched.messages
        ],
        last_index=marks.last_index,
        acked_upto=marks.acked_upto,
        expired_upto=marks.expired_upto,
    )
    return _json(answer, 200)


@router.post(
    "/inboxes/{inbox}/ack",
    responses=error_responses(*_SIGNED),
    summary="Delete every message up to an index (owner key)",
    openapi_extra=SIGNED,
)
async def ack_messages(
    inbox: InboxId, body: AckRequest, request: Request, ctx: Context
) -> InboxStatus:
    """Ack up to `upto`: those messages are deleted; answers the new status."""
    signed, _ = await _authenticate(request, ctx, inbox, "owner")
    marks = await ctx.run(ctx.store.ack_messages, inbox, body.upto, signed.nonce, ctx.now())
    return _status(marks, ctx)


@router.get(
    "/inboxes/{inbox}",
    responses=error_responses(*_SIGNED),
    summary="Inbox status (owner key)",
    openapi_extra=SIGNED,
)
async def inbox_status(inbox: InboxId, request: Request, ctx: Context) -> InboxStatus:
    """Pending count and bytes, oldest age, and the acked and expired marks."""
    signed, _ = await _authenticate(request, ctx, inbox, "owner")
    marks = await ctx.run(ctx.store.inbox_marks, inbox, signed.nonce, ctx.now())
    return _status(marks, ctx)


@router.delete(
    "/inboxes/{inbox}",
    status_code=204,
    responses=error_responses(*_SIGNED),
    summary="Delete the inbox and its messages (owner key; unpairing)",
    openapi_extra=SIGNED,
)
async def delete_inbox(inbox: InboxId, request: Request, ctx: Context) -> Response:
    """Remove the inbox; waiting fetches wake and find it gone."""
    signed, _ = await _authenticate(request, ctx, inbox, "owner")
    await ctx.run(ctx.store.delete_inbox, inbox, signed.nonce, ctx.now())
    ctx.forget_inbox(inbox)
    ctx.hub.notify(_inbox_wakeup(inbox))
    return Response(status_code=204)
