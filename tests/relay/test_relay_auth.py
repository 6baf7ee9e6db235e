"""Signed requests: every refusal the protocol promises, plus the idempotent retry."""

from __future__ import annotations

import time

import httpx
import nacl.secret
import nacl.signing
import nacl.utils
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside_relay.auth import verify_signed_headers
from alongside_relay.errors import RelayRefusal
from alongside_wire.protocol import HEADER_SERVER_TIME, new_random_id, sign_request
from tests.relay.conftest import AppUnderTest
from tests.relay.relay_client import Signer, allocate_and_claim, fetch, pair, put, register, seal

BOX = nacl.secret.SecretBox(nacl.utils.random(32))


def test_a_correctly_signed_request_is_accepted(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    assert put(relay_app.client, paired, 1, seal(BOX, b"note")).status_code == 201


def test_a_bad_signature_is_refused(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)

    def flip_last_signature_char(request: httpx.Request) -> httpx.Request:
        sig = request.headers["Alongside-Signature"]
        request.headers["Alongside-Signature"] = (
            sig[:-2] + ("A" if sig[-2] != "A" else "B") + sig[-1]
        )
        return request

    response = put(relay_app.client, paired, 1, seal(BOX, b"x"), tamper=flip_last_signature_char)
    assert response.status_code == 401
    assert response.json()["error"] == "bad_signature"


def test_a_different_key_signing_is_refused_as_unknown(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    paired.b = Signer()
    response = put(relay_app.client, paired, 1, seal(BOX, b"x"))
    assert response.status_code == 403
    assert response.json()["error"] == "unknown_key"


def test_missing_headers_are_refused(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    response = relay_app.client.get(f"/v1/inboxes/{paired.inbox_a}")
    assert response.status_code == 401
    assert response.json()["error"] == "bad_auth_header"


@pytest.mark.parametrize("skew", [-310, 310, -3600 * 24])
def test_a_stale_timestamp_is_refused_with_the_server_time(
    relay_app: AppUnderTest, skew: int
) -> None:
    paired = pair(relay_app.client)
    paired.a.clock_offset = skew + int(relay_app.clock.now - time.time())
    response = fetch(relay_app.client, paired)
    assert response.status_code == 401
    body = response.json()
    assert body["error"] == "stale_timestamp"
    assert body["server_time"] == int(relay_app.clock.now)
    assert response.headers[HEADER_SERVER_TIME] == str(int(relay_app.clock.now))
    # The client corrects its offset from the answer and succeeds.
    paired.a.clock_offset = body["server_time"] - int(time.time())
    assert fetch(relay_app.client, paired).status_code == 200


def test_a_timestamp_inside_the_window_is_accepted(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    paired.a.clock_offset = 290 + int(relay_app.clock.now - time.time())
    assert fetch(relay_app.client, paired).status_code == 200


def test_a_reused_nonce_is_refused(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    nonce = new_random_id()
    assert fetch(relay_app.client, paired, nonce=nonce).status_code == 200
    again = fetch(relay_app.client, paired, nonce=nonce)
    assert again.status_code == 401
    assert again.json()["error"] == "replayed_nonce"


def test_a_replayed_put_is_refused_even_though_its_body_is_identical(
    relay_app: AppUnderTest,
) -> None:
    paired = pair(relay_app.client)
    request = paired.b.build(
        relay_app.client,
        "PUT",
        f"/v1/inboxes/{paired.inbox_a}/messages/1",
        json_body={"ciphertext": seal(BOX, b"x")},
    )
    assert relay_app.client.send(request).status_code == 201
    replay = relay_app.client.send(request)
    assert replay.status_code == 401
    assert replay.json()["error"] == "replayed_nonce"


def test_an_altered_query_string_is_refused(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    request = paired.a.build(
        relay_app.client, "GET", f"/v1/inboxes/{paired.inbox_a}/messages?after=5&limit=10"
    )
    altered = httpx.Request(
        "GET", str(request.url).replace("after=5", "after=0"), headers=request.headers
    )
    response = relay_app.client.send(altered)
    assert response.status_code == 401
    assert response.json()["error"] == "bad_signature"


def test_an_altered_host_is_refused(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)

    def other_host(request: httpx.Request) -> httpx.Request:
        request.headers["host"] = "evil.test"
        return request

    response = fetch(relay_app.client, paired, tamper=other_host)
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "/messages", None),
        ("POST", "/ack", {"upto": 1}),
        ("GET", "", None),
        ("DELETE", "", None),
    ],
)
def test_the_peer_key_may_only_put(
    relay_app: AppUnderTest, method: str, suffix: str, body: object
) -> None:
    paired = pair(relay_app.client)
    assert put(relay_app.client, paired, 1, seal(BOX, b"x")).status_code == 201
    response = paired.b.send(
        relay_app.client, method, f"/v1/inboxes/{paired.inbox_a}{suffix}", json_body=body
    )
    assert response.status_code == 403
    assert response.json()["error"] == "wrong_role"
    # Nothing was fetched, acked or deleted.
    status = paired.a.send(relay_app.client, "GET", f"/v1/inboxes/{paired.inbox_a}").json()
    assert status["pending"] == 1


def test_the_owner_key_may_not_put_into_its_own_inbox(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    response = paired.a.send(
        relay_app.client,
        "PUT",
        f"/v1/inboxes/{paired.inbox_a}/messages/1",
        json_body={"ciphertext": seal(BOX, b"x")},
    )
    assert response.status_code == 403


def test_registration_without_a_pairing_mailbox_is_refused(relay_app: AppUnderTest) -> None:
    owner, peer = Signer(), Signer()
    response = register(
        relay_app.client, new_random_id(), owner, peer, new_random_id(), new_random_id()
    )
    assert response.status_code == 403
    assert response.json()["error"] == "no_pairing_mailbox"


def test_registration_by_a_side_not_in_the_mailbox_is_refused(relay_app: AppUnderTest) -> None:
    mailbox, _, _ = allocate_and_claim(relay_app.client)
    response = register(
        relay_app.client, new_random_id(), Signer(), Signer(), mailbox, new_random_id()
    )
    assert response.status_code == 403


def test_registration_after_the_mailbox_closed_is_refused(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client, close=True)
    response = register(
        relay_app.client, new_random_id(), Signer(), Signer(), paired.mailbox, paired.side_a
    )
    assert response.status_code == 403


def test_a_second_registration_of_the_same_inbox_is_refused(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client, close=False)
    intruder, peer = Signer(), Signer()
    response = register(
        relay_app.client, paired.inbox_a, intruder, peer, paired.mailbox, paired.side_b
    )
    assert response.status_code == 409
    assert response.json()["error"] == "inbox_exists"
    # The first registration still holds: the original owner reads its inbox.
    assert fetch(relay_app.client, paired).status_code == 200


def test_one_inbox_per_side_per_mailbox(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client, close=False)
    response = register(
        relay_app.client, new_random_id(), paired.a, paired.b, paired.mailbox, paired.side_a
    )
    assert response.status_code == 403


def test_registration_must_be_signed_by_the_owner_key(relay_app: AppUnderTest) -> None:
    mailbox, side_a, _ = allocate_and_claim(relay_app.client)
    owner, peer = Signer(), Signer()
    body = {"mailbox": mailbox, "side": side_a, "owner_key": owner.public, "peer_key": peer.public}
    response = peer.send(relay_app.client, "PUT", f"/v1/inboxes/{new_random_id()}", json_body=body)
    assert response.status_code == 403


def test_an_identical_retry_is_idempotent_and_a_different_body_refused(
    relay_app: AppUnderTest,
) -> None:
    paired = pair(relay_app.client)
    ciphertext = seal(BOX, b"first")
    first = put(relay_app.client, paired, 7, ciphertext)
    retry = put(relay_app.client, paired, 7, ciphertext)
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json() == {**first.json(), "duplicate": True}
    different = put(relay_app.client, paired, 7, seal(BOX, b"second"))
    assert different.status_code == 409
    assert different.json()["error"] == "seq_conflict"
    messages = fetch(relay_app.client, paired).json()["messages"]
    assert [m["ciphertext"] for m in messages] == [ciphertext]


def test_a_retry_after_the_ack_is_still_recognised(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    ciphertext = seal(BOX, b"first")
    index = put(relay_app.client, paired, 1, ciphertext).json()["index"]
    paired.a.send(
        relay_app.client, "POST", f"/v1/inboxes/{paired.inbox_a}/ack", json_body={"upto": index}
    )
    assert put(relay_app.client, paired, 1, ciphertext).status_code == 200
    assert put(relay_app.client, paired, 1, seal(BOX, b"other")).status_code == 409
    assert fetch(relay_app.client, paired).json()["messages"] == []


header_text = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=90)


@given(
    headers=st.fixed_dictionaries(
        {},
        optional={
            "Alongside-Key": header_text,
            "Alongside-Timestamp": header_text | st.integers(0, 2**40).map(str),
            "Alongside-Nonce": header_text,
            "Alongside-Signature": header_text,
        },
    ),
    path=st.text(max_size=50),
    body=st.binary(max_size=64),
)
def test_header_parser_only_ever_refuses_arbitrary_input(
    headers: dict[str, str], path: str, body: bytes
) -> None:
    with pytest.raises(RelayRefusal) as refused:
        verify_signed_headers(
            method="GET",
            host="relay.test",
            path_with_query=path,
            body=body,
            headers=headers,
            now=int(time.time()),
        )
    assert refused.value.status == 401


@pytest.mark.parametrize(
    ("skew", "accepted"), [(-300, True), (300, True), (-301, False), (301, False)]
)
def test_the_timestamp_window_is_five_minutes_either_side(skew: int, accepted: bool) -> None:
    key = nacl.signing.SigningKey.generate()
    now = 1_800_000_000
    headers = sign_request(
        key,
        method="GET",
        host="relay.test",
        path_with_query="/v1/x",
        body=b"",
        timestamp=now + skew,
    )
    check = {"method": "GET", "host": "relay.test", "path_with_query": "/v1/x", "body": b""}
    if accepted:
        signed = verify_signed_headers(headers=headers, now=now, **check)  # type: ignore[arg-type]
        assert signed.nonce.expires_at > now + 300 + skew
        return
    with pytest.raises(RelayRefusal) as refused:
        verify_signed_headers(headers=headers, now=now, **check)  # type: ignore[arg-type]
    assert refused.value.body.server_time == now
