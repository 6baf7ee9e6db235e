"""Pairing routes: nameplates and the pairing mailbox (docs/protocol.md §1)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request

from alongside_relay.context import Context, client_bucket
from alongside_relay.errors import RelayRefusal, error_responses
from alongside_relay.longpoll import long_poll
from alongside_relay.strict_json import StrictJSONRoute
from alongside_wire.protocol import (
    API_PREFIX,
    ID_PATTERN,
    MAX_PHASE_BODY_BYTES,
    ErrorCode,
    MailboxClosed,
    MailboxCloseRequest,
    MailboxMessages,
    NameplateAllocated,
    NameplateClaimed,
    PhaseMessageIn,
    PhaseMessageOut,
    PhaseMessagePosted,
    SideRequest,
)

router = APIRouter(prefix=API_PREFIX, route_class=StrictJSONRoute, tags=["pairing"])

MailboxId = Annotated[str, Path(pattern=ID_PATTERN, min_length=22, max_length=22)]
NameplateNumber = Annotated[int, Path(ge=1, le=1_000_000_000)]


def _mailbox_wakeup(mailbox: str) -> str:
    return "mailbox:" + mailbox


@router.post(
    "/nameplates",
    status_code=201,
    responses=error_responses(401, 507),
    summary="Allocate the smallest free nameplate and open a pairing mailbox",
)
async def allocate_nameplate(
    body: SideRequest,
    request: Request,
    ctx: Context,
    authorization: Annotated[str | None, Header()] = None,
) -> NameplateAllocated:
    """Start a pairing; needs the enrolment token when the relay has one."""
    ctx.check_rate(client_bucket(request))
    if not ctx.enrolment_accepts(authorization):
        raise RelayRefusal(
            401, ErrorCode.ENROLMENT_REQUIRED, "This relay needs your clinic's enrolment token."
        )
    allocation = await ctx.run(ctx.store.allocate_nameplate, body.side, ctx.now())
    return NameplateAllocated(
        nameplate=allocation.nameplate,
        mailbox=allocation.mailbox,
        expires_at=allocation.expires_at,
    )


@router.post(
    "/nameplates/{nameplate}/claim",
    responses=error_responses(404, 409),
    summary="Claim a nameplate once, joining its pairing mailbox",
)
async def claim_nameplate(
    nameplate: NameplateNumber, body: SideRequest, request: Request, ctx: Context
) -> NameplateClaimed:
    """Join a pairing as the second side; any later claim is 'crowded'."""
    ctx.check_rate(client_bucket(request))
    claim = await ctx.run(ctx.store.claim_nameplate, nameplate, body.side, ctx.now())
    return NameplateClaimed(mailbox=claim.mailbox, expires_at=claim.expires_at)


@router.post(
    "/mailboxes/{mailbox}/messages",
    status_code=201,
    responses=error_responses(404, 409),
    summary="Post a pairing message",
)
async def post_phase_message(
    mailbox: MailboxId, body: PhaseMessageIn, request: Request, ctx: Context
) -> PhaseMessagePosted:
    """Append an opaque pairing message and wake the other side."""
    ctx.check_rate(client_bucket(request))
    if len(body.body) > MAX_PHASE_BODY_BYTES:
        raise RelayRefusal(413, ErrorCode.TOO_LARGE, "The pairing message is too large.")
    index = await ctx.run(
        ctx.store.post_phase, mailbox, body.side, body.phase, body.body, ctx.now()
    )
    ctx.hub.notify(_mailbox_wakeup(mailbox))
    return PhaseMessagePosted(index=index)


@router.get(
    "/mailboxes/{mailbox}/messages",
    responses=error_responses(404, 409),
    summary="Read pairing messages after a cursor (long-poll)",
)
async def read_phase_messages(
    mailbox: MailboxId,
    request: Request,
    ctx: Context,
    side: Annotated[str, Query(pattern=ID_PATTERN, min_length=22, max_length=22)],
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    wait: Annotated[float, Query(ge=0, le=300)] = 0,
) -> MailboxMessages:
    """Messages with an index above `after`; waits up to `wait` s (capped) for one."""
    ctx.check_rate(client_bucket(request))

    async def query(first: bool) -> MailboxMessages:
        records, closed = await ctx.run(ctx.store.read_phase, mailbox, side, after, ctx.now())
        return MailboxMessages(
            messages=[
                PhaseMessageOut(index=r.index, side=r.side, phase=r.phase, body=r.body)
                for r in records
            ],
            closed=closed,
        )

    return await long_poll(
        ctx.hub,
        _mailbox_wakeup(mailbox),
        min(wait, ctx.settings.max_wait_seconds),
        query,
        lambda result: bool(result.messages) or result.closed,
    )


@router.post(
    "/mailboxes/{mailbox}/close",
    responses=error_responses(404, 409),
    summary="Close the pairing mailbox for one side, with a mood",
)
async def close_mailbox(
    mailbox: MailboxId, body: MailboxCloseRequest, request: Request, ctx: Context
) -> MailboxClosed:
    """Record the side's mood (counted only); the mailbox goes once both sides closed."""
    ctx.check_rate(client_bucket(request))
    finished = await ctx.run(ctx.store.close_mailbox, mailbox, body.side, body.mood, ctx.now())
    ctx.hub.notify(_mailbox_wakeup(mailbox))
    return MailboxClosed(closed=finished)
