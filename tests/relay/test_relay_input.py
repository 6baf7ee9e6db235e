"""Whatever a client sends, the answer is a documented 4xx body: never a 5xx or an ERROR log.

Found by a client written from docs/protocol.md alone: NaN and Infinity in a body gave
500 on every endpoint with a body, and text that is not JSON got FastAPI's 422.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import httpx
import nacl.secret
import nacl.utils
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside_wire.protocol import ErrorBody, InvalidRequestBody, new_random_id
from tests.relay.conftest import AppUnderTest
from tests.relay.relay_client import PairedInboxes, Signer, pair, seal

BOX = nacl.secret.SecretBox(nacl.utils.random(32))
Send = Callable[[AppUnderTest, PairedInboxes, bytes], httpx.Response]
JSON = {"content-type": "application/json"}


def _unsigned(path: str) -> Send:
    def send(app: AppUnderTest, paired: PairedInboxes, body: bytes) -> httpx.Response:
        url = path.format(mailbox=paired.mailbox)
        return app.client.post(url, content=body, headers=JSON)

    return send


def _signed(method: str, path: str, owner: bool) -> Send:
    def send(app: AppUnderTest, paired: PairedInboxes, body: bytes) -> httpx.Response:
        signer = paired.a if owner else paired.b
        url = path.format(inbox=paired.inbox_a, fresh=new_random_id())
        request = signer.build(app.client, method, url, content=body)
        request.headers["content-type"] = "application/json"
        return app.client.send(request)

    return send


# Every endpoint that takes a body, signed ones signed correctly over the bad body.
ENDPOINTS: dict[str, Send] = {
    "allocate": _unsigned("/v1/nameplates"),
    "claim": _unsigned("/v1/nameplates/1/claim"),
    "mailbox post": _unsigned("/v1/mailboxes/{mailbox}/messages"),
    "mailbox close": _unsigned("/v1/mailboxes/{mailbox}/close"),
    "register": _signed("PUT", "/v1/inboxes/{fresh}", owner=True),
    "message put": _signed("PUT", "/v1/inboxes/{inbox}/messages/1", owner=False),
    "ack": _signed("POST", "/v1/inboxes/{inbox}/ack", owner=True),
}

NOT_JSON = [
    b'{"side": NaN}',
    b'{"upto": Infinity}',
    b'{"upto": -Infinity}',
    b'{"ciphertext": "AA", "extra": [NaN]}',
    b"{not json",
    b'{"side": "\xff\xfe"}',  # invalid UTF-8
    '{"upto": 1}'.encode("utf-16"),  # JSON on the network is UTF-8 (RFC 8259)
    b"\xef\xbb\xbf{}",  # a UTF-8 byte-order mark
    b"[" * 50_000,  # nesting deep enough to exhaust the parser's recursion
    b'{"upto": 1' + b"0" * 5000 + b"}",  # an integer longer than Python converts
]


@pytest.fixture
def paired(relay_app: AppUnderTest) -> PairedInboxes:
    return pair(relay_app.client, close=False)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("body", NOT_JSON, ids=range(len(NOT_JSON)))
def test_a_body_that_is_not_strict_json_is_400_bad_request(
    relay_app: AppUnderTest,
    paired: PairedInboxes,
    endpoint: str,
    body: bytes,
    caplog: pytest.LogCaptureFixture,
) -> None:
    response = ENDPOINTS[endpoint](relay_app, paired, body)
    assert response.status_code == 400, response.text
    answer = ErrorBody.model_validate_json(response.content)
    assert answer.error == "bad_request"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_json_of_the_wrong_shape_is_422_naming_the_field_never_the_value(
    relay_app: AppUnderTest, paired: PairedInboxes, endpoint: str
) -> None:
    marker = "MARKER-Ms-Jones"
    body = (
        b'{"side": 7, "mood": 1, "upto": "%s", "ciphertext": 5, "phase": 3, "body": 1, '
        b'"mailbox": 1, "owner_key": 1, "peer_key": 1}' % marker.encode()
    )
    response = ENDPOINTS[endpoint](relay_app, paired, body)
    assert response.status_code == 422, response.text
    answer = InvalidRequestBody.model_validate_json(response.content)
    assert answer.error == "invalid_request"
    assert answer.fields
    assert all(problem.location[0] == "body" for problem in answer.fields)
    assert marker not in response.text


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    endpoint=st.sampled_from(sorted(ENDPOINTS)),
    body=st.one_of(
        st.binary(max_size=200),
        st.recursive(
            st.none()
            | st.booleans()
            | st.integers()
            | st.floats(allow_nan=True, allow_infinity=True)
            | st.text(max_size=30),
            lambda children: (
                st.lists(children, max_size=3)
                | st.dictionaries(
                    st.sampled_from(["side", "upto", "ciphertext", "mood", "phase", "body", "x"]),
                    children,
                    max_size=4,
                )
            ),
            max_leaves=8,
        ).map(lambda value: json.dumps(value).encode()),  # NaN/Infinity included
    ),
)
def test_any_body_on_any_endpoint_gets_a_documented_answer_never_a_5xx(
    relay_app: AppUnderTest, paired: PairedInboxes, endpoint: str, body: bytes
) -> None:
    response = ENDPOINTS[endpoint](relay_app, paired, body)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        ErrorBody.model_validate(
            {k: v for k, v in response.json().items() if k != "fields"}, strict=False
        )


def test_an_empty_ciphertext_is_422(relay_app: AppUnderTest, paired: PairedInboxes) -> None:
    response = ENDPOINTS["message put"](relay_app, paired, b'{"ciphertext": ""}')
    assert response.status_code == 422
    assert response.json()["fields"] == [
        {"location": ["body", "ciphertext"], "type": "value_error"}
    ]


def test_a_malformed_body_is_refused_before_the_signature_is_checked(
    relay_app: AppUnderTest, paired: PairedInboxes
) -> None:
    url = f"/v1/inboxes/{paired.inbox_a}/messages/1"
    unsigned_bad = relay_app.client.put(url, content=b'{"ciphertext": 1}', headers=JSON)
    assert unsigned_bad.status_code == 422
    unsigned_good = relay_app.client.put(url, json={"ciphertext": seal(BOX, b"x")})
    assert unsigned_good.status_code == 401
    assert unsigned_good.json()["error"] == "bad_auth_header"


def test_a_wrong_method_is_405_with_the_error_body_and_allow(relay_app: AppUnderTest) -> None:
    response = relay_app.client.patch("/v1/nameplates", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json() == {
        "error": "method_not_allowed",
        "detail": "This address does not take that method.",
        "server_time": None,
    }


def test_registration_signed_by_the_peer_key_is_403_wrong_role(
    relay_app: AppUnderTest, paired: PairedInboxes
) -> None:
    owner, peer = Signer(), Signer()
    body = {
        "mailbox": paired.mailbox,
        "side": paired.side_a,
        "owner_key": owner.public,
        "peer_key": peer.public,
    }
    response = peer.send(relay_app.client, "PUT", f"/v1/inboxes/{new_random_id()}", json_body=body)
    assert response.status_code == 403
    assert response.json()["error"] == "wrong_role"


def test_posting_into_an_unknown_mailbox_is_404_unknown_mailbox(relay_app: AppUnderTest) -> None:
    response = relay_app.client.post(
        f"/v1/mailboxes/{new_random_id()}/messages",
        json={"side": new_random_id(), "phase": "pake", "body": "AA"},
    )
    assert response.status_code == 404
    assert response.json()["error"] == "unknown_mailbox"


def test_the_published_schema_is_as_strict_as_the_server(relay_app: AppUnderTest) -> None:
    schema = relay_app.client.get("/openapi.json").json()
    models = schema["components"]["schemas"]
    ciphertext = models["MessagePut"]["properties"]["ciphertext"]
    assert (ciphertext["minLength"], ciphertext["maxLength"]) == (2, 349_526)
    assert ciphertext["pattern"].endswith("[AEIMQUYcgkosw048])?$")
    assert models["PhaseMessageIn"]["properties"]["body"]["maxLength"] == 5462
    assert all(
        model.get("additionalProperties") is False
        for model in models.values()
        if model.get("type") == "object" and "properties" in model
    )
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            if operation.get("parameters") or operation.get("requestBody"):
                answer = operation["responses"]["422"]["content"]["application/json"]
                assert answer["schema"]["$ref"].endswith("/InvalidRequestBody"), path
    assert "HTTPValidationError" not in models


def test_the_schema_requires_the_four_signature_headers_on_every_inbox_route(
    relay_app: AppUnderTest,
) -> None:
    schema = relay_app.client.get("/openapi.json").json()
    signed = [
        operation
        for path, operations in schema["paths"].items()
        if path.startswith("/v1/inboxes/")
        for operation in operations.values()
    ]
    assert len(signed) == 6
    for operation in signed:
        headers = {
            parameter["name"]: parameter
            for parameter in operation["parameters"]
            if parameter["in"] == "header"
        }
        assert set(headers) == {
            "Alongside-Key",
            "Alongside-Timestamp",
            "Alongside-Nonce",
            "Alongside-Signature",
        }
        assert all(header["required"] for header in headers.values())
        assert headers["Alongside-Key"]["schema"]["pattern"].endswith("[AEIMQUYcgkosw048]$")
