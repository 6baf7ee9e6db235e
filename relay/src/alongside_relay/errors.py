"""Refusals the relay answers with an `ErrorBody`, and the OpenAPI entries that document them."""

from __future__ import annotations

from typing import Any

from alongside_wire.protocol import ErrorBody, ErrorCode, InvalidRequestBody


class RelayRefusal(Exception):
    """An expected refusal: its status, code and sentence go to the client as they are."""

    def __init__(
        self,
        status: int,
        code: ErrorCode,
        detail: str,
        *,
        server_time: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.body = ErrorBody(error=code, detail=detail, server_time=server_time)
        self.headers = headers or {}


_DESCRIPTIONS = {
    400: "Bad request (`bad_request`: the body is not JSON, or a rule below was broken)",
    401: "Authentication failed (see `error`; `stale_timestamp` carries `server_time`)",
    403: "Not allowed for this key",
    404: "Unknown nameplate, mailbox or inbox",
    409: "Conflict (crowded, already registered, different body for a seq)",
    413: "Body or ciphertext too large",
    422: "Invalid request",
    429: "Rate limited; see Retry-After",
    503: "The relay cannot reach its database (PostgreSQL); retry after Retry-After",
    507: "Quota reached; nothing was dropped",
}

# Every route can meet a malformed body or parameter, the body-size middleware, the
# rate limiter and (on PostgreSQL) a database that is briefly unreachable.
_ALWAYS = (400, 413, 422, 429, 503)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for the given refusal statuses plus the ones every route has."""
    responses: dict[int | str, dict[str, Any]] = {
        status: {"model": ErrorBody, "description": _DESCRIPTIONS[status]}
        for status in sorted({*statuses, *_ALWAYS})
    }
    responses[422] = {
        "model": InvalidRequestBody,
        "description": "`invalid_request`: valid JSON or parameters of the wrong shape; "
        "`fields` says where, never echoing the value",
    }
    return responses
