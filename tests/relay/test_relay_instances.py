"""Several real relay processes on one PostgreSQL database, as behind a load balancer.

Each client talks to the instances with the same public Host header (what a load
balancer passes on), so a request signed for one instance is valid on any other.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import nacl.secret
import nacl.utils

from alongside_wire.protocol import new_random_id
from tests.relay.conftest import StartInstances, client_for, until
from tests.relay.relay_client import Signer, allocate_and_claim, fetch, pair, put, register, seal

BOX = nacl.secret.SecretBox(nacl.utils.random(32))


def test_a_put_through_one_instance_wakes_a_long_poll_parked_on_another(
    start_instances: StartInstances,
) -> None:
    a, b = start_instances(2, ALONGSIDE_RELAY_MAX_WAIT_SECONDS="30")
    with client_for(a) as via_a, client_for(b) as via_b:
        paired = pair(via_a)
        got: dict[str, float | list[object]] = {}

        def park_on_b() -> None:
            with client_for(b) as waiting:
                got["messages"] = fetch(waiting, paired, "wait=30").json()["messages"]
            got["returned"] = time.monotonic()

        waiter = threading.Thread(target=park_on_b)
        waiter.start()
        time.sleep(0.3)  # let the fetch reach instance B and park (set-up, not the check)
        put_at = time.monotonic()
        assert put(via_a, paired, 1, seal(BOX, b"wake up over there")).status_code == 201
        waiter.join(35)
        assert len(got["messages"]) == 1  # type: ignore[arg-type]
        # Without the cross-instance notification it would have waited the full 30 s.
        assert got["returned"] - put_at < 1.0  # type: ignore[operator]
        assert fetch(via_b, paired).json()["messages"][0]["seq"] == 1


def test_a_nonce_used_on_one_instance_is_refused_on_another(
    start_instances: StartInstances,
) -> None:
    a, b = start_instances(2)
    with client_for(a) as via_a, client_for(b) as via_b:
        paired = pair(via_a)
        request = paired.a.build(via_a, "GET", f"/v1/inboxes/{paired.inbox_a}")
        assert via_a.send(request).status_code == 200
        replay = via_b.send(via_b.build_request("GET", request.url.path, headers=request.headers))
        assert replay.status_code == 401
        assert replay.json()["error"] == "replayed_nonce"


def test_the_per_key_rate_limit_holds_across_instances(start_instances: StartInstances) -> None:
    a, b = start_instances(
        2, ALONGSIDE_RELAY_RATE_PER_SECOND="0.01", ALONGSIDE_RELAY_RATE_BURST="10"
    )
    with client_for(a) as via_a, client_for(b) as via_b:
        paired = pair(via_a)
        answers = [fetch(client, paired).status_code for client in [via_a, via_b] * 7]
    # A's key spent one token registering its inbox: 9 left for 14 fetches.
    assert answers.count(200) == 9
    assert answers.count(429) == 5


def test_concurrent_allocations_on_two_instances_get_distinct_smallest_numbers(
    start_instances: StartInstances,
) -> None:
    a, b = start_instances(2)
    with client_for(a) as via_a, client_for(b) as via_b, ThreadPoolExecutor(16) as pool:
        clients = [via_a, via_b] * 15

        def allocate(client: httpx.Client) -> int:
            response = client.post("/v1/nameplates", json={"side": new_random_id()})
            assert response.status_code == 201, response.text
            number: int = response.json()["nameplate"]
            return number

        numbers = list(pool.map(allocate, clients))
    assert sorted(numbers) == list(range(1, 31))


def test_the_global_inbox_quota_holds_under_concurrent_registrations(
    start_instances: StartInstances,
) -> None:
    a, b = start_instances(2, ALONGSIDE_RELAY_MAX_INBOXES="5")
    with client_for(a) as via_a, client_for(b) as via_b:
        mailboxes = [allocate_and_claim(via_a) for _ in range(6)]

        def register_both_sides(job: tuple[int, tuple[str, str, str]]) -> list[int]:
            number, (mailbox, side_a, side_b) = job
            client = via_a if number % 2 else via_b
            answers = []
            for side in (side_a, side_b):
                owner, peer = Signer(), Signer()
                response = register(client, new_random_id(), owner, peer, mailbox, side)
                answers.append(response.status_code)
            return answers

        with ThreadPoolExecutor(6) as pool:
            answers = [
                s for pair_ in pool.map(register_both_sides, enumerate(mailboxes)) for s in pair_
            ]
    assert answers.count(201) == 5
    assert answers.count(507) == 7


def test_deleting_an_inbox_drops_its_cached_keys_on_every_instance(
    start_instances: StartInstances,
) -> None:
    a, b = start_instances(2)
    with client_for(a) as via_a, client_for(b) as via_b:
        paired = pair(via_a)
        assert fetch(via_b, paired).status_code == 200  # B now holds the inbox's keys
        stranger = Signer()
        url = f"/v1/inboxes/{paired.inbox_a}"
        assert stranger.send(via_b, "GET", url).json()["error"] == "unknown_key"
        assert paired.a.send(via_a, "DELETE", url).status_code == 204
        # B's cache would answer "unknown_key" for 30 s; the notification makes it forget.
        assert until(lambda: stranger.send(via_b, "GET", url).status_code == 404, timeout=2.0)
