"""Faults with real processes: an instance killed mid-request, PostgreSQL restarted under load.

A client here behaves as the sync client will: a request that fails at the transport or
answers 503 is signed afresh and sent again (to another instance when one died). Every
request is safe to repeat, so nothing may be lost or stored twice.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import nacl.secret
import nacl.utils

from tests.relay.conftest import RelayProcess, StartInstances, client_for, until
from tests.relay.postgres_server import PostgresServer
from tests.relay.relay_client import PairedInboxes, fetch, pair, put, seal

BOX = nacl.secret.SecretBox(nacl.utils.random(32))
RETRYABLE = (503,)


@dataclass
class Sender:
    """Puts seq 1, 2, 3, … into A's inbox through the instances, retrying like a client."""

    paired: PairedInboxes
    instances: list[RelayProcess]
    stop: threading.Event = field(default_factory=threading.Event)
    sent: dict[int, str] = field(default_factory=dict)
    answers: list[int] = field(default_factory=list)
    transport_errors: int = 0
    limit: int = 10_000

    def run(self) -> None:
        clients = [client_for(relay, timeout=10) for relay in self.instances]
        try:
            seq = 0
            while not self.stop.is_set() and seq < self.limit:
                seq += 1
                ciphertext = seal(BOX, f"note {seq}".encode())
                self.sent[seq] = ciphertext
                self._deliver(clients, seq, ciphertext)
        finally:
            for client in clients:
                client.close()

    def _deliver(self, clients: list[httpx.Client], seq: int, ciphertext: str) -> None:
        attempt = 0
        while True:
            client = clients[(seq + attempt) % len(clients)]
            attempt += 1
            try:
                status = put(client, self.paired, seq, ciphertext).status_code
            except httpx.TransportError:
                self.transport_errors += 1
                continue
            self.answers.append(status)
            if status in RETRYABLE:
                time.sleep(0.05)
                continue
            assert status in (200, 201), status
            return


def stored_messages(client: httpx.Client, paired: PairedInboxes) -> dict[int, str]:
    """Every message waiting in A's inbox, by seq; fails on a seq stored twice."""
    messages: list[dict[str, Any]] = []
    while True:
        after = messages[-1]["index"] if messages else 0
        page = fetch(client, paired, f"after={after}&limit=500").json()["messages"]
        if not page:
            break
        messages += page
    seqs = [m["seq"] for m in messages]
    assert len(seqs) == len(set(seqs)), "a message was stored twice"
    return {m["seq"]: m["ciphertext"] for m in messages}


def test_kill_9_of_an_instance_mid_request_loses_and_duplicates_nothing(
    start_instances: StartInstances,
) -> None:
    a, b = start_instances(2)
    with client_for(b) as via_b:
        paired = pair(via_b)
        sender = Sender(paired, [a, b], limit=400)
        thread = threading.Thread(target=sender.run)
        thread.start()
        assert until(lambda: len(sender.answers) >= 60, timeout=30)
        a.kill_hard()  # requests to A are in flight: half of all requests go there
        thread.join(60)
        assert not thread.is_alive()
        assert sender.transport_errors >= 1  # the kill did cut requests off
        assert 500 not in sender.answers

        assert stored_messages(via_b, paired) == sender.sent
        # The sender, unsure what landed, retries everything through B: all recognised.
        retries = [put(via_b, paired, seq, ct).status_code for seq, ct in sender.sent.items()]
        assert set(retries) == {200}
        assert stored_messages(via_b, paired) == sender.sent


def test_a_postgresql_restart_under_load_is_survived_without_restarting_the_relay(
    private_postgres: PostgresServer, start_instances: StartInstances
) -> None:
    a, b = start_instances(
        2, database=private_postgres.new_database(), ALONGSIDE_RELAY_MAX_WAIT_SECONDS="60"
    )
    pids = [a.proc.pid, b.proc.pid]  # type: ignore[union-attr]
    with client_for(a) as via_a, client_for(b) as via_b:
        paired = pair(via_a)
        reader = pair(via_a)  # a second pair whose owner parks a long-poll on B
        parked: dict[str, object] = {}

        def park_on_b() -> None:
            # As a client does: a long-poll that meets the database down gets 503
            # (docs/protocol.md §9) and asks again; one that times out asks again.
            deadline = time.monotonic() + 90
            with client_for(b, timeout=90) as waiting:
                while time.monotonic() < deadline:
                    answer = fetch(waiting, reader, "wait=60")
                    parked.setdefault("statuses", []).append(answer.status_code)  # type: ignore[attr-defined]
                    if answer.status_code == 200 and answer.json()["messages"]:
                        parked["answer"] = answer.json()
                        return
                    if answer.status_code not in (200, 503):
                        return

        waiter = threading.Thread(target=park_on_b)
        waiter.start()
        sender = Sender(paired, [a, b])
        load = threading.Thread(target=sender.run)
        load.start()
        assert until(lambda: len(sender.answers) >= 40, timeout=30)

        private_postgres.restart()
        stored_before = len(sender.answers)
        for relay in (a, b):  # both lost their notification connection: a real outage
            assert until(lambda r=relay: "notifications lost" in r.log_path.read_text())
        # The same processes keep serving: new messages are stored after the restart.
        assert until(lambda: len(sender.answers) >= stored_before + 40, timeout=30)
        sender.stop.set()
        load.join(30)

        # B's notification connection came back: a PUT through A wakes the long-poll on B.
        assert until(lambda: "notifications resumed" in b.log_path.read_text(), timeout=10)
        assert put(via_a, reader, 1, seal(BOX, b"after the restart")).status_code == 201
        waiter.join(10)
        assert [m["seq"] for m in parked["answer"]["messages"]] == [1]  # type: ignore[index]
        assert set(parked["statuses"]) <= {200, 503}  # type: ignore[arg-type]

        assert [a.proc.pid, b.proc.pid] == pids  # type: ignore[union-attr]
        assert a.proc.poll() is None  # type: ignore[union-attr]
        assert b.proc.poll() is None  # type: ignore[union-attr]
        assert 500 not in sender.answers
        assert stored_messages(via_b, paired) == sender.sent
    for relay in (a, b):
        assert "Traceback" not in relay.log_path.read_text()


def test_requests_while_postgresql_is_down_get_503_and_then_succeed(
    private_postgres: PostgresServer, start_instances: StartInstances
) -> None:
    (relay,) = start_instances(
        1, database=private_postgres.new_database(), ALONGSIDE_RELAY_DATABASE_TIMEOUT_SECONDS="1"
    )
    with client_for(relay) as client:
        paired = pair(client)
        private_postgres.stop()
        try:
            refused = put(client, paired, 1, seal(BOX, b"while down"))
            assert refused.status_code == 503
            assert refused.headers["retry-after"] == "1"
            assert refused.json()["error"] == "unavailable"
        finally:
            private_postgres.start()
        # A client retries after Retry-After; the same relay process recovers by itself.
        ciphertext = seal(BOX, b"after the outage")
        started = time.monotonic()
        assert until(lambda: put(client, paired, 1, ciphertext).status_code == 201, timeout=15)
        recovered_in = time.monotonic() - started
    assert recovered_in < 15
    assert relay.proc is not None
    assert relay.proc.poll() is None
    log = relay.log_path.read_text()
    assert "database unavailable" in log
    assert "Traceback" not in log
    assert "127.0.0.1" not in log  # no addresses, not even the database server's
