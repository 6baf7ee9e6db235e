"""Nameplates and the pairing mailbox: smallest free number, claim once, crowded, expiry."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import pytest

from alongside_wire.protocol import b64url_encode, new_random_id
from tests.relay.conftest import AppUnderTest
from tests.relay.relay_client import allocate_and_claim


def allocate(app: AppUnderTest, side: str | None = None) -> dict[str, object]:
    response = app.client.post("/v1/nameplates", json={"side": side or new_random_id()})
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


def test_nameplates_are_the_smallest_free_numbers(relay_app: AppUnderTest) -> None:
    assert [allocate(relay_app)["nameplate"] for _ in range(3)] == [1, 2, 3]


def test_a_closed_pairing_frees_its_number(relay_app: AppUnderTest) -> None:
    side = new_random_id()
    first = allocate(relay_app, side)
    allocate(relay_app)
    closed = relay_app.client.post(
        f"/v1/mailboxes/{first['mailbox']}/close", json={"side": side, "mood": "lonely"}
    )
    assert closed.json() == {"closed": True}
    assert allocate(relay_app)["nameplate"] == 1


def test_a_nameplate_expires_after_ten_minutes(relay_app: AppUnderTest) -> None:
    allocated = allocate(relay_app)
    assert allocated["expires_at"] == int(relay_app.clock.now) + 600
    relay_app.clock.advance(601)
    claim = relay_app.client.post(
        f"/v1/nameplates/{allocated['nameplate']}/claim", json={"side": new_random_id()}
    )
    assert claim.status_code == 404
    assert claim.json()["error"] == "unknown_nameplate"
    assert allocate(relay_app)["nameplate"] == 1


def test_a_nameplate_can_be_claimed_once_and_a_third_side_is_crowded(
    relay_app: AppUnderTest,
) -> None:
    allocated = allocate(relay_app)
    url = f"/v1/nameplates/{allocated['nameplate']}/claim"
    first = relay_app.client.post(url, json={"side": new_random_id()})
    assert first.status_code == 200
    for _ in range(2):
        again = relay_app.client.post(url, json={"side": new_random_id()})
        assert again.status_code == 409
        assert again.json()["error"] == "crowded"


def test_a_third_side_cannot_post_into_the_mailbox(relay_app: AppUnderTest) -> None:
    mailbox, _, _ = allocate_and_claim(relay_app.client)
    response = relay_app.client.post(
        f"/v1/mailboxes/{mailbox}/messages",
        json={"side": new_random_id(), "phase": "pake", "body": "AAAA"},
    )
    assert response.status_code == 409
    assert response.json()["error"] == "crowded"


def test_the_two_sides_exchange_phase_messages(relay_app: AppUnderTest) -> None:
    mailbox, side_a, side_b = allocate_and_claim(relay_app.client)
    url = f"/v1/mailboxes/{mailbox}/messages"
    body = b64url_encode(b"spake2 message")
    posted = relay_app.client.post(url, json={"side": side_a, "phase": "pake", "body": body})
    assert posted.json() == {"index": 1}
    read = relay_app.client.get(url, params={"side": side_b, "after": 0}).json()
    assert read == {
        "messages": [{"index": 1, "side": side_a, "phase": "pake", "body": body}],
        "closed": False,
    }
    assert relay_app.client.get(url, params={"side": side_b, "after": 1}).json()["messages"] == []


def test_a_long_poll_wakes_when_the_other_side_posts(relay_app: AppUnderTest) -> None:
    mailbox, side_a, side_b = allocate_and_claim(relay_app.client)
    url = f"/v1/mailboxes/{mailbox}/messages"
    result: dict[str, object] = {}

    def wait_for_message() -> None:
        started = time.monotonic()
        response = relay_app.client.get(url, params={"side": side_b, "after": 0, "wait": 5})
        result["elapsed"] = time.monotonic() - started
        result["messages"] = response.json()["messages"]

    waiter = threading.Thread(target=wait_for_message)
    waiter.start()
    time.sleep(0.1)
    relay_app.client.post(url, json={"side": side_a, "phase": "pake", "body": "AAAA"})
    waiter.join(5)
    assert len(result["messages"]) == 1  # type: ignore[arg-type]
    assert result["elapsed"] < 0.45  # type: ignore[operator]  # woke, did not time out


def test_a_long_poll_gives_up_after_the_maximum_wait(relay_app: AppUnderTest) -> None:
    mailbox, _, side_b = allocate_and_claim(relay_app.client)
    started = time.monotonic()
    response = relay_app.client.get(
        f"/v1/mailboxes/{mailbox}/messages", params={"side": side_b, "wait": 60}
    )
    elapsed = time.monotonic() - started
    assert response.json()["messages"] == []
    assert 0.45 <= elapsed < 2.0  # capped by max_wait_seconds = 0.5


def test_moods_are_counted_and_never_logged_per_pairing(
    relay_app: AppUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="alongside.relay")
    for mood in ("happy", "happy", "scary"):
        mailbox, side_a, side_b = allocate_and_claim(relay_app.client)
        for side in (side_a, side_b):
            relay_app.client.post(
                f"/v1/mailboxes/{mailbox}/close", json={"side": side, "mood": mood}
            )
    assert relay_app.store.mood_counts() == {"happy": 4, "scary": 2}
    relay_lines = [r.getMessage() for r in caplog.records if r.name.startswith("alongside")]
    assert relay_lines
    assert not [line for line in relay_lines if "mood" in line or mailbox in line]


def test_a_mailbox_is_deleted_once_both_sides_closed(relay_app: AppUnderTest) -> None:
    mailbox, side_a, side_b = allocate_and_claim(relay_app.client)
    close: Callable[[str], object] = lambda side: relay_app.client.post(  # noqa: E731
        f"/v1/mailboxes/{mailbox}/close", json={"side": side, "mood": "happy"}
    ).json()
    assert close(side_a) == {"closed": False}
    read = relay_app.client.get(f"/v1/mailboxes/{mailbox}/messages", params={"side": side_b})
    assert read.json()["closed"] is True
    assert close(side_b) == {"closed": True}
    gone = relay_app.client.get(f"/v1/mailboxes/{mailbox}/messages", params={"side": side_b})
    assert gone.status_code == 404


def test_an_unclosed_mailbox_expires(relay_app: AppUnderTest) -> None:
    mailbox, _, side_b = allocate_and_claim(relay_app.client)
    relay_app.clock.advance(1801)
    gone = relay_app.client.get(f"/v1/mailboxes/{mailbox}/messages", params={"side": side_b})
    assert gone.status_code == 404
