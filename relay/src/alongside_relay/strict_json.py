"""Request bodies parsed as strict JSON (RFC 8259): UTF-8 only, no NaN or Infinity.

Python's `json` accepts `NaN`, `Infinity` and `-Infinity` and guesses UTF-16/32 from the
first bytes; FastAPI's standard validation answer then repeated such a value and could
not be encoded (a 500). Here anything that is not strict JSON becomes a JSON decode
error, which the app answers with `400 bad_request` (docs/protocol.md, Conventions).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_json_loads(body: bytes) -> Any:
    """Parse `body` as RFC 8259 JSON; any fault raises `json.JSONDecodeError`."""
    try:
        text = body.decode("utf-8")
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError) as exc:  # bad UTF-8, NaN/Infinity, deep nesting
        raise json.JSONDecodeError(type(exc).__name__, "", 0) from None


class StrictJSONRequest(Request):
    """A request whose `json()` is `strict_json_loads` of its body."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = strict_json_loads(await self.body())
        return self._json


class StrictJSONRoute(APIRoute):
    """An APIRoute whose endpoint sees a `StrictJSONRequest` (FastAPI's custom-route hook)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJSONRequest(request.scope, request.receive))

        return strict_handler
