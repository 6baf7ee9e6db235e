"""Two real vaults (SQLCipher files, floor KDF) and a real relay process on 127.0.0.1.

`Pairing` runs both sides of a pairing on their own threads, as the UI's long-job lane
would: the inviter's code reaches the joiner through the progress callback, exactly as a
person would read it off one screen and type it into the other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.sync.pairing import (
    PairingProgress,
    PairingResult,
    PairingStep,
    enter_code,
    show_code,
)
from desktop.vault import FLOOR_KDF, Vault, create_vault
from tests.relay.conftest import RelayProcess, relay_env

PASSPHRASE = "quiet harbour lantern 42"
StartRelay = Callable[..., RelayProcess]


@pytest.fixture
def start_relay(tmp_path: Path) -> Iterator[StartRelay]:
    """Start a real `alongside-relay serve` (SQLite) with extra environment settings."""
    started: list[RelayProcess] = []

    def start(**env: str) -> RelayProcess:
        n = len(started)
        relay = RelayProcess(
            db=tmp_path / f"relay-{n}.db",
            log_path=tmp_path / f"relay-{n}.log",
            env=relay_env(**env),
        )
        relay.start()
        started.append(relay)
        return relay

    yield start
    for relay in started:
        relay.stop()


@pytest.fixture
def relay(start_relay: StartRelay) -> RelayProcess:
    return start_relay()


def make_vault(folder: Path, name: str) -> Vault:
    vault, _ = create_vault(folder, name, PASSPHRASE, kdf=FLOOR_KDF, clock=SYSTEM_CLOCK)
    return vault


@pytest.fixture
def vault_a(tmp_path: Path) -> Iterator[Vault]:
    vault = make_vault(tmp_path / "vault-a", "Alex's vault")
    yield vault
    vault.close()


@pytest.fixture
def vault_b(tmp_path: Path) -> Iterator[Vault]:
    vault = make_vault(tmp_path / "vault-b", "Blair's vault")
    yield vault
    vault.close()


@dataclass
class Side:
    """One side's run: its steps as the progress line would show them, and its outcome."""

    steps: list[PairingProgress] = field(default_factory=list)
    cancel: threading.Event = field(default_factory=threading.Event)
    future: Future[PairingResult] | None = None

    def report(self, progress: PairingProgress) -> None:
        self.steps.append(progress)

    def reached(self, step: PairingStep) -> bool:
        return any(p.step is step for p in self.steps)

    @property
    def code(self) -> str | None:
        return next((p.code for p in self.steps if p.code is not None), None)

    def result(self) -> PairingResult:
        assert self.future is not None
        return self.future.result(timeout=30)

    def error(self) -> BaseException | None:
        assert self.future is not None
        return self.future.exception(timeout=30)


class Lanes(ThreadPoolExecutor):
    """The long-job lane; remembers each side it ran, so a failed test cancels them all
    instead of waiting for an inviter's code to expire."""

    def __init__(self) -> None:
        super().__init__(max_workers=4)
        self.sides: list[Side] = []

    def run_side(
        self,
        side: Side,
        work: Callable[..., PairingResult],
        *args: object,
        clock: Clock = SYSTEM_CLOCK,
    ) -> Side:
        self.sides.append(side)
        side.future = self.submit(
            work, *args, clock=clock, cancel=side.cancel, progress=side.report
        )
        return side


@pytest.fixture
def lanes() -> Iterator[Lanes]:
    """The long-job lane: each side's blocking pairing call runs on its own thread."""
    pool = Lanes()
    try:
        yield pool
    finally:
        for side in pool.sides:
            side.cancel.set()
        pool.shutdown(wait=True)


def start_showing(pool: Lanes, vault: Vault, address: str, side: Side | None = None) -> Side:
    return pool.run_side(side or Side(), show_code, vault, address)


def start_entering(
    pool: Lanes, vault: Vault, address: str, code: str, side: Side | None = None
) -> Side:
    return pool.run_side(side or Side(), enter_code, vault, address, code)


def relay_rows(relay: RelayProcess) -> dict[str, int]:
    """How many nameplates, mailboxes, pairing messages and inboxes the relay holds."""
    import sqlite3

    connection = sqlite3.connect(f"file:{relay.db}?mode=ro", uri=True)
    try:
        return {
            table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("nameplates", "mailboxes", "phase_messages", "inboxes")
        }
    finally:
        connection.close()


def relay_holds_no_pairing(relay: RelayProcess, inboxes: int = 0) -> bool:
    """No nameplate, mailbox or pairing message is left, and `inboxes` inboxes exist."""
    return relay_rows(relay) == {
        "nameplates": 0,
        "mailboxes": 0,
        "phase_messages": 0,
        "inboxes": inboxes,
    }


def pair(pool: Lanes, a: Vault, b: Vault, address: str) -> tuple[Side, Side]:
    """A shows a code, B types it; both run to the end."""
    from tests.waiting import wait_until

    shower = start_showing(pool, a, address)
    wait_until(lambda: shower.code is not None or shower.future.done(), timeout=10)  # type: ignore[union-attr]
    assert shower.code is not None
    enterer = start_entering(pool, b, address, shower.code)
    return shower, enterer
