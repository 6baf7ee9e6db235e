"""Schemathesis against the relay's own OpenAPI, with requests signed so they pass auth.

Zero server errors and every response conforming to the schema, for generated requests
that mostly reach past authentication: a hook swaps generated inbox and mailbox ids for
real ones in most cases and signs each request with the right role's key. The schema is
read from the SQLite app; every case runs against it and against an app on PostgreSQL.
"""

from __future__ import annotations

import itertools
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import requests
import schemathesis
from anyio.from_thread import start_blocking_portal
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from alongside_relay.app import create_app
from alongside_relay.sqlite_store import SQLiteRelayStore
from alongside_relay.stores import open_store, store_limits
from alongside_wire.protocol import sign_request
from tests.relay.conftest import PortalTransport, make_settings
from tests.relay.postgres_server import PostgresServer
from tests.relay.relay_client import PairedInboxes, Signer, allocate_and_claim, pair

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


class SigningAuth(requests.auth.AuthBase):
    """Signs each prepared request exactly as sent (method, host, path+query, body)."""

    def __init__(self, signer: Signer) -> None:
        self.signer = signer

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        url = urlsplit(request.url or "")
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        request.headers.update(
            sign_request(
                self.signer.key,
                method=request.method or "GET",
                host=request.headers.get("Host") or url.netloc,
                path_with_query=url.path + (f"?{url.query}" if url.query else ""),
                body=body,
                timestamp=int(time.time()),
            )
        )
        return request


class Fixtures:
    """Real ids for the generated cases to aim at, made through the app itself."""

    def __init__(self, paired: PairedInboxes, open_mailbox: tuple[str, str, str]) -> None:
        self.paired = paired
        self.mailbox, self.side_a, self.side_b = open_mailbox
        self.turn = itertools.count()


def _build_app() -> FastAPI:
    # Built at import: schemathesis reads the schema when the module is collected.
    config = make_settings(Path(_TMP.name), max_wait_seconds=0.05)
    store = SQLiteRelayStore(config.db, store_limits(config))
    return create_app(config, store=store, prune_in_background=False)


def _fixtures(app: FastAPI) -> Fixtures:
    """Pair once through the app itself, the first time a case needs real ids."""
    if not hasattr(app.state, "fixtures"):
        with (
            start_blocking_portal() as portal,
            httpx.Client(
                transport=PortalTransport(app, portal), base_url="http://relay.test"
            ) as client,
        ):
            app.state.fixtures = Fixtures(pair(client, close=False), allocate_and_claim(client))
    fixtures: Fixtures = app.state.fixtures
    return fixtures


_TMP = tempfile.TemporaryDirectory(prefix="relay-schema-")
APP = _build_app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module")
def postgres_app(postgres_server: PostgresServer) -> Iterator[FastAPI]:
    """The same app on PostgreSQL, one database for the module's cases."""
    url = postgres_server.new_database()
    config = make_settings(Path(_TMP.name), max_wait_seconds=0.05, database=url)
    store = open_store(config)
    app = create_app(config, store=store, prune_in_background=False)
    yield app
    app.state.relay.stop_db_thread()
    store.close()
    postgres_server.drop_database(url)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_relay_api_conforms_to_its_schema_and_never_fails(
    case: schemathesis.Case, backend: str, request: pytest.FixtureRequest
) -> None:
    app: FastAPI = APP if backend == "sqlite" else request.getfixturevalue("postgres_app")
    fixtures = _fixtures(app)
    paired = fixtures.paired
    aim_at_real_ids = next(fixtures.turn) % 4 != 0
    params = case.path_parameters or {}
    registering = case.method == "PUT" and case.path == "/v1/inboxes/{inbox}"
    if aim_at_real_ids and "inbox" in params and case.method != "DELETE" and not registering:
        params["inbox"] = paired.inbox_a
    if aim_at_real_ids and registering and isinstance(case.body, dict):
        # A registration that proves the open mailbox: the first one lands, later ones
        # meet "one inbox per side".
        case.body.update(owner_key=paired.a.public, mailbox=fixtures.mailbox, side=fixtures.side_a)
    if aim_at_real_ids and "mailbox" in params:
        params["mailbox"] = fixtures.mailbox
    if aim_at_real_ids and case.query and "side" in case.query:
        case.query["side"] = fixtures.side_a
    # B writes into A's inbox; A does everything else with it.
    writer = case.method == "PUT" and case.path.endswith("/messages/{seq}")
    session = requests.Session()
    session.auth = SigningAuth(paired.b if writer else paired.a)
    response = case.call_and_validate(session=session, checks=CHECKS, app=app)
    STATUSES[f"{backend}: {case.method} {case.path}"][response.status_code] += 1


STATUSES: defaultdict[str, Counter[int]] = defaultdict(Counter)


def test_generated_cases_reached_past_authentication() -> None:
    """Runs after the schema test (file order): the signing hook got every case past auth."""
    signed = {
        route: statuses
        for route, statuses in STATUSES.items()
        if "/inboxes/" in route and 405 not in statuses
    }
    stores = {route.split(":")[0] for route in STATUSES}
    assert stores  # the schema test ran (on one store when the other was deselected)
    assert len(signed) == 6 * len(stores)  # the six signed inbox routes, on each store
    for route, statuses in signed.items():
        assert 401 not in statuses, route
        if ": DELETE" not in route:  # deletes aim at random ids: 404 after auth
            assert any(200 <= status < 300 for status in statuses), (route, statuses)
