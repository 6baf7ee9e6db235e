"""Fixtures for relay tests: an in-process app with an injected clock, and a real uvicorn.

The real relay runs as `python -m alongside_relay serve` on 127.0.0.1 at a free port,
with its stderr captured to a file so tests can scan the logs. Every app and process
fixture is parametrised over both stores: SQLite, and a real PostgreSQL that the test run
starts itself (postgres_server.py). Where PostgreSQL cannot start, its tests are skipped
with the reason in the report, or fail the run when the environment variable CI is set.
"""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from fastapi import FastAPI

from alongside_relay.app import create_app
from alongside_relay.settings import RelaySettings
from alongside_relay.store import RelayStore
from alongside_relay.stores import open_store
from tests.relay.postgres_server import PostgresServer, PostgresUnavailable, start_postgres

ROOT = Path(__file__).resolve().parents[2]


class FakeClock:
    """A settable clock (Unix seconds) for exact expiry tests."""

    def __init__(self, start: float | None = None) -> None:
        self.now = float(int(time.time())) if start is None else start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_settings(tmp_path: Path, **overrides: object) -> RelaySettings:
    """Relay settings for tests: short waits, generous rate, a temporary database."""
    values: dict[str, object] = {
        "db": tmp_path / "relay.db",
        "max_wait_seconds": 0.5,
        "rate_per_second": 1000.0,
        "rate_burst": 1000,
        "prune_interval_seconds": 3600,
    }
    values.update(overrides)
    return RelaySettings(**values)  # type: ignore[arg-type]


class PortalTransport(httpx.BaseTransport):
    """Drives an ASGI app from synchronous tests through httpx's ASGITransport.

    The app runs on an event loop in a helper thread (anyio's blocking portal), so the
    tests stay plain functions and the app's own async code runs for real.
    """

    def __init__(self, app: FastAPI, portal: BlockingPortal) -> None:
        self._asgi = httpx.ASGITransport(app=app)
        self._portal = portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        async def forward() -> httpx.Response:
            response = await self._asgi.handle_async_request(request)
            body = await response.aread()
            return httpx.Response(response.status_code, headers=response.headers, content=body)

        return self._portal.call(forward)


@dataclass
class AppUnderTest:
    """The in-process relay app with its store and clock."""

    app: FastAPI
    store: RelayStore
    clock: FakeClock
    client: httpx.Client


def start_postgres_or_skip() -> PostgresServer:
    """A real PostgreSQL; where none can start, skip saying why (fail when CI is set)."""
    try:
        return start_postgres()
    except PostgresUnavailable as exc:
        message = f"PostgreSQL could not be started for the tests: {exc}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI is set: this fails the run)", pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One real PostgreSQL for the whole run; each test gets a database of its own."""
    server = start_postgres_or_skip()
    yield server
    server.destroy()


@pytest.fixture
def private_postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL of the test's own, which it may stop and restart."""
    server = start_postgres_or_skip()
    yield server
    server.destroy()


def new_postgres_database(request: pytest.FixtureRequest) -> str:
    """A fresh database on the session's server, dropped when the test ends."""
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.new_database()
    request.addfinalizer(lambda: server.drop_database(url))
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Which store the test runs on; every HTTP and store suite runs on both."""
    name: str = request.param
    return name


def database_settings(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, name: str = "relay"
) -> dict[str, object]:
    """The settings that put a relay on `backend`: a SQLite file or a fresh database."""
    if backend == "sqlite":
        return {"db": tmp_path / f"{name}.db"}
    return {"database": new_postgres_database(request), "database_pool_size": 4}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def relay_app(
    tmp_path: Path, clock: FakeClock, backend: str, request: pytest.FixtureRequest
) -> Iterator[AppUnderTest]:
    """An app over a fresh store, driven in-process through httpx's ASGI transport."""
    settings = make_settings(tmp_path, **database_settings(backend, request, tmp_path))
    yield from _relay_app(settings, clock)


def _relay_app(settings: RelaySettings, clock: FakeClock) -> Iterator[AppUnderTest]:
    store = open_store(settings)
    app = create_app(settings, store=store, clock=clock, prune_in_background=False)
    with (
        start_blocking_portal() as portal,
        httpx.Client(
            transport=PortalTransport(app, portal), base_url="http://relay.test"
        ) as client,
    ):
        yield AppUnderTest(app, store, clock, client)
    app.state.relay.stop_db_thread()
    store.close()


@pytest.fixture
def make_relay_app(
    tmp_path: Path, clock: FakeClock, backend: str, request: pytest.FixtureRequest
) -> Iterator[Callable[..., AppUnderTest]]:
    """Factory for an app with custom settings (limits tests), each on a fresh store."""
    stack: list[Iterator[AppUnderTest]] = []

    def build(**overrides: object) -> AppUnderTest:
        where = database_settings(backend, request, tmp_path, f"relay-{len(stack)}")
        gen = _relay_app(make_settings(tmp_path, **where, **overrides), clock)
        stack.append(gen)
        return next(gen)

    yield build
    for gen in stack:
        for _ in gen:
            pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RelayProcess:
    """A real `alongside-relay serve` subprocess; can be killed and restarted on its DB."""

    db: Path
    log_path: Path
    env: dict[str, str]
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    extra_args: list[str] = field(default_factory=list)
    tls: ssl.SSLContext | None = None
    # A PostgreSQL URL: the relay runs with --database (several may share it) and the
    # files a leak test scans are the server's.
    database: str | None = None
    database_files: Path | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "alongside_relay",
                "serve",
                *(["--database", self.database] if self.database else ["--db", str(self.db)]),
                "--listen",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "debug",
                *self.extra_args,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        log.close()
        self.wait_healthy()

    def wait_healthy(self) -> None:
        """Wait until /healthz answers (the relay is listening and its store is open)."""
        assert self.proc is not None
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"relay exited: {self.log_path.read_text()}")
            try:
                health = httpx.get(self.url + "/healthz", timeout=0.5, verify=self.tls or True)
                if health.status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("relay did not start")

    def kill_hard(self) -> None:
        """SIGKILL: no shutdown, no checkpoint — what a power cut looks like to the process."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(5)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def restart(self) -> None:
        self.stop()
        self.start()


def relay_env(**overrides: str) -> dict[str, str]:
    """Environment for a relay process: short long-polls and a generous rate limit."""
    env = dict(os.environ)
    env.update(
        {
            "ALONGSIDE_RELAY_MAX_WAIT_SECONDS": "0.5",
            "ALONGSIDE_RELAY_RATE_PER_SECOND": "1000",
            "ALONGSIDE_RELAY_RATE_BURST": "1000",
            "ALONGSIDE_RELAY_PRUNE_INTERVAL_SECONDS": "0.3",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


@pytest.fixture
def relay_process(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> Iterator[RelayProcess]:
    """A running relay process on `backend`."""
    relay = RelayProcess(db=tmp_path / "relay.db", log_path=tmp_path / "relay.log", env=relay_env())
    if backend == "postgresql":
        relay.database = new_postgres_database(request)
        relay.database_files = request.getfixturevalue("postgres_server").data
    relay.start()
    yield relay
    relay.stop()


@pytest.fixture
def pg_database(request: pytest.FixtureRequest) -> str:
    """A fresh database on the test run's PostgreSQL (PostgreSQL-only tests)."""
    return new_postgres_database(request)


# --- several instances on one PostgreSQL database ---------------------------------------

# What a load balancer passes on: one public Host for every instance, so a request signed
# for one instance is valid on any other.
PUBLIC_HOST = "relay.clinic.example"
StartInstances = Callable[..., list[RelayProcess]]


@pytest.fixture
def start_instances(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[StartInstances]:
    """Start relay processes on one database (a fresh one unless `database=` is given)."""
    started: list[RelayProcess] = []
    fresh: list[str] = []

    def start(n: int = 2, database: str | None = None, **env: str) -> list[RelayProcess]:
        if database is None:
            if not fresh:
                fresh.append(request.getfixturevalue("postgres_server").new_database())
            database = fresh[0]
        for _ in range(n):
            relay = RelayProcess(
                db=tmp_path / "unused.db",
                log_path=tmp_path / f"relay-{len(started)}.log",
                env=relay_env(**env),
                database=database,
            )
            relay.start()
            started.append(relay)
        return started[-n:]

    yield start
    for relay in started:
        relay.stop()
    for url in fresh:  # only once no instance uses it
        request.getfixturevalue("postgres_server").drop_database(url)


def client_for(relay: RelayProcess, timeout: float = 40) -> httpx.Client:
    """A client of one instance, sending the public Host."""
    return httpx.Client(base_url=relay.url, headers={"host": PUBLIC_HOST}, timeout=timeout)


def until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll `condition` until it holds or `timeout` passes; True when it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()
