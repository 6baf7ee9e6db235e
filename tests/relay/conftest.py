"""Fixtures for relay tests: an in-process app with an injected clock, and a real uvicorn.

The real relay runs as `python -m alongside_relay.cli serve` on 127.0.0.1 at a free
port, with its stderr captured to a file so tests can scan the logs.
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

from alongside_relay.app import create_app, store_limits
from alongside_relay.settings import RelaySettings
from alongside_relay.sqlite_store import SQLiteRelayStore

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
    store: SQLiteRelayStore
    clock: FakeClock
    client: httpx.Client


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def relay_app(tmp_path: Path, clock: FakeClock) -> Iterator[AppUnderTest]:
    """An app over a fresh SQLite store, driven through Starlette's TestClient."""
    yield from _relay_app(make_settings(tmp_path), clock)


def _relay_app(settings: RelaySettings, clock: FakeClock) -> Iterator[AppUnderTest]:
    store = SQLiteRelayStore(settings.db, store_limits(settings))
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
def make_relay_app(tmp_path: Path, clock: FakeClock) -> Iterator[Callable[..., AppUnderTest]]:
    """Factory for an app with custom settings (limits tests)."""
    stack: list[Iterator[AppUnderTest]] = []

    def build(**overrides: object) -> AppUnderTest:
        overrides.setdefault("db", tmp_path / f"relay-{len(stack)}.db")
        gen = _relay_app(make_settings(tmp_path, **overrides), clock)
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

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "alongside_relay.cli",
                "serve",
                "--db",
                str(self.db),
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


@pytest.fixture
def relay_process(tmp_path: Path) -> Iterator[RelayProcess]:
    """A running relay process with short long-polls and a generous rate limit."""
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
    relay = RelayProcess(db=tmp_path / "relay.db", log_path=tmp_path / "relay.log", env=env)
    relay.start()
    yield relay
    relay.stop()
