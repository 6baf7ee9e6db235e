"""Inbox messages: cursor and limit, long-poll, ack-up-to-N, status, delete, TTL expiry."""

from __future__ import annotations

import base64
import threading
import time

import anyio
import nacl.secret
import nacl.utils

from alongside_relay.app import prune_once
from tests.relay.conftest import AppUnderTest
from tests.relay.relay_client import PairedInboxes, fetch, pair, put, seal

BOX = nacl.secret.SecretBox(nacl.utils.random(32))


def status(app: AppUnderTest, paired: PairedInboxes) -> dict[str, int]:
    response = paired.a.send(app.client, "GET", f"/v1/inboxes/{paired.inbox_a}")
    assert response.status_code == 200, response.text
    body: dict[str, int] = response.json()
    return body


def ack(app: AppUnderTest, paired: PairedInboxes, upto: int) -> dict[str, int]:
    response = paired.a.send(
        app.client, "POST", f"/v1/inboxes/{paired.inbox_a}/ack", json_body={"upto": upto}
    )
    assert response.status_code == 200, response.text
    body: dict[str, int] = response.json()
    return body


def test_messages_are_fetched_in_arrival_order_after_a_cursor_with_a_limit(
    relay_app: AppUnderTest,
) -> None:
    paired = pair(relay_app.client)
    sent = {seq: seal(BOX, f"note {seq}".encode()) for seq in (3, 1, 2, 4, 5)}
    for seq, ciphertext in sent.items():
        assert put(relay_app.client, paired, seq, ciphertext).status_code == 201
    page = fetch(relay_app.client, paired, "after=0&limit=2").json()
    assert [(m["index"], m["seq"]) for m in page["messages"]] == [(1, 3), (2, 1)]
    page = fetch(relay_app.client, paired, "after=2&limit=10").json()
    assert [m["seq"] for m in page["messages"]] == [2, 4, 5]
    assert page["last_index"] == 5
    first = base64.urlsafe_b64decode(page["messages"][0]["ciphertext"] + "==")
    assert BOX.decrypt(first) == b"note 2"


def test_each_inbox_has_one_writer_and_one_reader(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    put(relay_app.client, paired, 1, seal(BOX, b"to A"))
    reply = paired.a.send(
        relay_app.client,
        "PUT",
        f"/v1/inboxes/{paired.inbox_b}/messages/1",
        json_body={"ciphertext": seal(BOX, b"to B")},
    )
    assert reply.status_code == 201
    from_b = paired.b.send(relay_app.client, "GET", f"/v1/inboxes/{paired.inbox_b}/messages")
    assert len(from_b.json()["messages"]) == 1
    assert len(fetch(relay_app.client, paired).json()["messages"]) == 1


def test_ack_up_to_n_deletes_those_messages_and_status_reports_it(
    relay_app: AppUnderTest,
) -> None:
    paired = pair(relay_app.client)
    for seq in range(1, 5):
        put(relay_app.client, paired, seq, seal(BOX, b"x" * 100))
    relay_app.clock.advance(42)
    before = status(relay_app, paired)
    assert before["pending"] == 4
    assert before["pending_bytes"] == 4 * (100 + 40)  # nonce + MAC per sealed message
    assert before["oldest_age"] == 42
    after = ack(relay_app, paired, 2)
    assert (after["pending"], after["acked_upto"], after["last_index"]) == (2, 2, 4)
    assert [m["index"] for m in fetch(relay_app.client, paired).json()["messages"]] == [3, 4]
    # Acking below the mark changes nothing; acking beyond the last index stops at it.
    assert ack(relay_app, paired, 1)["acked_upto"] == 2
    final = ack(relay_app, paired, 99)
    assert (final["pending"], final["pending_bytes"], final["acked_upto"]) == (0, 0, 4)
    assert final["oldest_age"] is None  # type: ignore[comparison-overlap]


def test_deleting_the_inbox_unpairs(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    put(relay_app.client, paired, 1, seal(BOX, b"x"))
    deleted = paired.a.send(relay_app.client, "DELETE", f"/v1/inboxes/{paired.inbox_a}")
    assert deleted.status_code == 204
    assert fetch(relay_app.client, paired).status_code == 404
    assert put(relay_app.client, paired, 2, seal(BOX, b"y")).status_code == 404


def test_a_fetch_long_poll_wakes_on_a_put(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    result: dict[str, object] = {}

    def wait_for_message() -> None:
        started = time.monotonic()
        response = fetch(relay_app.client, paired, "after=0&wait=30")
        result["elapsed"] = time.monotonic() - started
        result["messages"] = response.json()["messages"]

    waiter = threading.Thread(target=wait_for_message)
    waiter.start()
    time.sleep(0.1)
    assert relay_app.app.state.relay.hub.waiting == 1
    put(relay_app.client, paired, 1, seal(BOX, b"wake"))
    waiter.join(5)
    assert len(result["messages"]) == 1  # type: ignore[arg-type]
    assert result["elapsed"] < 0.45  # type: ignore[operator]
    assert relay_app.app.state.relay.hub.waiting == 0


def advance(app: AppUnderTest, paired: PairedInboxes, seconds: int) -> None:
    """Move the relay's clock, and the clients' with it."""
    app.clock.advance(seconds)
    for signer in (paired.a, paired.b):
        signer.clock_offset = int(app.clock.now - time.time())


def test_messages_expire_after_the_ttl_and_expiry_is_visible(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    for seq in (1, 2):
        put(relay_app.client, paired, seq, seal(BOX, b"old"))
    ack(relay_app, paired, 1)
    advance(relay_app, paired, 29 * 24 * 3600)
    assert put(relay_app.client, paired, 3, seal(BOX, b"new")).status_code == 201
    advance(relay_app, paired, 1 * 24 * 3600)
    pruned = anyio.run(prune_once, relay_app.app.state.relay)  # the scheduled job, once
    assert pruned.messages == 1
    page = fetch(relay_app.client, paired).json()
    assert [m["seq"] for m in page["messages"]] == [3]
    assert (page["acked_upto"], page["expired_upto"]) == (1, 2)
    assert status(relay_app, paired)["expired_upto"] == 2


def test_unknown_inbox_is_404(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    paired.inbox_a = "A" * 21 + "Q"
    assert fetch(relay_app.client, paired).status_code == 404
