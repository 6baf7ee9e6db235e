"""Limits with clear answers: 413 for size, 429 for rate, 507 for quotas (never dropping)."""

from __future__ import annotations

from collections.abc import Callable

import nacl.secret
import nacl.utils
import pytest

from alongside_wire.protocol import MAX_CIPHERTEXT_BYTES, b64url_encode, new_random_id
from tests.relay.conftest import AppUnderTest
from tests.relay.relay_client import Signer, allocate_and_claim, fetch, pair, put, register, seal

BOX = nacl.secret.SecretBox(nacl.utils.random(32))
MakeApp = Callable[..., AppUnderTest]


def test_ciphertext_of_exactly_256_kib_is_accepted(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    ciphertext = b64url_encode(nacl.utils.random(MAX_CIPHERTEXT_BYTES))
    assert put(relay_app.client, paired, 1, ciphertext).status_code == 201
    fetched = fetch(relay_app.client, paired).json()["messages"]
    assert fetched[0]["ciphertext"] == ciphertext


def test_ciphertext_over_256_kib_is_413_though_the_body_fits(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    ciphertext = b64url_encode(nacl.utils.random(MAX_CIPHERTEXT_BYTES + 1))
    response = put(relay_app.client, paired, 1, ciphertext)
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"


def test_a_body_over_the_cap_is_413_from_its_content_length(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    body = b'{"ciphertext": "' + b"A" * (352 * 1024) + b'"}'
    response = paired.b.send(
        relay_app.client, "PUT", f"/v1/inboxes/{paired.inbox_a}/messages/1", content=body
    )
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"


def test_a_lying_content_length_is_caught_on_the_streamed_bytes(relay_app: AppUnderTest) -> None:
    paired = pair(relay_app.client)
    body = b'{"ciphertext": "' + b"A" * (400 * 1024) + b'"}'
    request = paired.b.build(
        relay_app.client, "PUT", f"/v1/inboxes/{paired.inbox_a}/messages/1", content=body
    )
    request.headers["content-length"] = "100"
    response = relay_app.client.send(request)
    assert response.status_code == 413


def test_a_malformed_content_length_is_refused(relay_app: AppUnderTest) -> None:
    request = relay_app.client.build_request("POST", "/v1/nameplates", content=b"{}")
    request.headers["content-length"] = "12abc"
    assert relay_app.client.send(request).status_code == 413


def test_the_rate_limit_answers_429_with_retry_after(make_relay_app: MakeApp) -> None:
    app = make_relay_app(rate_per_second=1.0, rate_burst=5)
    side = new_random_id()
    answers = [app.client.post("/v1/nameplates", json={"side": side}).status_code for _ in range(7)]
    assert answers[:5] == [201] * 5
    assert answers[5:] == [429, 429]
    limited = app.client.post("/v1/nameplates", json={"side": side})
    assert limited.json()["error"] == "rate_limited"
    assert int(limited.headers["retry-after"]) >= 1


def test_signed_requests_are_limited_per_key(make_relay_app: MakeApp) -> None:
    app = make_relay_app(rate_per_second=0.01, rate_burst=40)
    paired = pair(app.client)  # 2 allocate/claim calls use the address bucket...
    answers = [fetch(app.client, paired).status_code for _ in range(41)]
    assert answers.count(429) >= 1  # ...while A's key has its own bucket of 40
    # B's key is unaffected by A's.
    assert put(app.client, paired, 1, seal(BOX, b"x")).status_code == 201


def test_a_full_inbox_is_507_and_nothing_is_dropped(make_relay_app: MakeApp) -> None:
    app = make_relay_app(inbox_max_messages=3)
    paired = pair(app.client)
    sent = [seal(BOX, f"{seq}".encode()) for seq in range(1, 5)]
    answers = [put(app.client, paired, seq, ct).status_code for seq, ct in enumerate(sent, 1)]
    assert answers == [201, 201, 201, 507]
    refused = put(app.client, paired, 4, sent[3])
    assert refused.json()["error"] == "inbox_full"
    kept = [m["ciphertext"] for m in fetch(app.client, paired).json()["messages"]]
    assert kept == sent[:3]
    # Room again after an ack: the refused message now goes in.
    paired.a.send(app.client, "POST", f"/v1/inboxes/{paired.inbox_a}/ack", json_body={"upto": 1})
    assert put(app.client, paired, 4, sent[3]).status_code == 201


def test_the_inbox_byte_quota_is_507(make_relay_app: MakeApp) -> None:
    app = make_relay_app(inbox_max_bytes=1000)
    paired = pair(app.client)
    assert put(app.client, paired, 1, seal(BOX, b"x" * 900)).status_code == 201
    assert put(app.client, paired, 2, seal(BOX, b"x" * 100)).status_code == 507


def test_the_global_inbox_quota_is_507(make_relay_app: MakeApp) -> None:
    app = make_relay_app(max_inboxes=2)
    pair(app.client)
    mailbox, side_a, _ = allocate_and_claim(app.client)
    response = register(app.client, new_random_id(), Signer(), Signer(), mailbox, side_a)
    assert response.status_code == 507
    assert response.json()["error"] == "relay_full"


def test_the_enrolment_token_is_required_when_set(make_relay_app: MakeApp) -> None:
    app = make_relay_app(enrolment_token="clinic-secret-token")
    side = {"side": new_random_id()}
    assert app.client.post("/v1/nameplates", json=side).status_code == 401
    wrong = {"authorization": "Bearer nope"}
    refused = app.client.post("/v1/nameplates", json=side, headers=wrong)
    assert refused.json()["error"] == "enrolment_required"
    pair(app.client, token="clinic-secret-token")


def test_unmatched_routes_answer_with_the_error_body(relay_app: AppUnderTest) -> None:
    response = relay_app.client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_healthz_and_openapi(relay_app: AppUnderTest) -> None:
    assert relay_app.client.get("/healthz").json() == {"status": "ok"}
    schema = relay_app.client.get("/openapi.json").json()
    assert "/v1/inboxes/{inbox}/messages/{seq}" in schema["paths"]


def test_an_error_inside_the_app_is_a_bare_500_logged_by_type_only(
    relay_app: AppUnderTest, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("no such column: Jones")

    monkeypatch.setattr(relay_app.store, "inbox_keys", broken)
    paired_inbox = new_random_id()
    response = Signer().send(relay_app.client, "GET", f"/v1/inboxes/{paired_inbox}")
    assert response.status_code == 500
    assert response.json() == {
        "error": "internal",
        "detail": "Something went wrong.",
        "server_time": None,
    }
    assert "RuntimeError" in caplog.text
    assert "Jones" not in caplog.text
