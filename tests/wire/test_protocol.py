"""Wire format: base64url, ids, models and the canonical signed line, with hypothesis."""

from __future__ import annotations

import base64
import json
import re

import nacl.signing
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from alongside_wire import protocol
from alongside_wire.protocol import (
    InboxRegisterRequest,
    MessagePut,
    ProtocolError,
    b64url_decode,
    b64url_encode,
    canonical_request_line,
    sign_request,
    signature_is_valid,
)

REQUEST_MODELS: list[type[BaseModel]] = [
    protocol.SideRequest,
    protocol.PhaseMessageIn,
    protocol.MailboxCloseRequest,
    protocol.InboxRegisterRequest,
    protocol.MessagePut,
    protocol.AckRequest,
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=12,
)


@given(st.binary(max_size=300))
def test_base64url_round_trips_every_byte_string(raw: bytes) -> None:
    text = b64url_encode(raw)
    assert "=" not in text
    assert b64url_decode(text) == raw


@given(st.text(max_size=64))
def test_base64url_decoder_accepts_only_canonical_text(text: str) -> None:
    try:
        raw = b64url_decode(text)
    except ProtocolError:
        return
    assert b64url_encode(raw) == text


@pytest.mark.parametrize("text", ["aGk=", "aGk+", "aGk/", "a", "aGl", "aGm", "a b"])
def test_base64url_decoder_refuses_padding_other_alphabets_and_loose_bits(text: str) -> None:
    with pytest.raises(ProtocolError):
        b64url_decode(text)


@given(st.binary(min_size=16, max_size=16))
def test_every_128_bit_id_matches_the_id_pattern(raw: bytes) -> None:
    protocol.SideRequest(side=b64url_encode(raw))


@given(st.binary(min_size=32, max_size=32))
def test_every_public_key_matches_the_key_pattern(raw: bytes) -> None:
    key = b64url_encode(raw)
    InboxRegisterRequest(
        mailbox=protocol.new_random_id(), side=protocol.new_random_id(), owner_key=key, peer_key=key
    )


@given(st.text(min_size=22, max_size=22))
def test_id_pattern_admits_only_canonical_16_byte_encodings(text: str) -> None:
    try:
        protocol.SideRequest(side=text)
    except ValidationError:
        return
    assert len(b64url_decode(text)) == 16


@pytest.mark.parametrize("model", REQUEST_MODELS)
@given(payload=json_values)
def test_request_models_refuse_arbitrary_json_with_a_validation_error_only(
    model: type[BaseModel], payload: object
) -> None:
    message = ""
    try:
        model.model_validate_json(json.dumps(payload))
    except ValidationError as exc:
        message = str(exc)
    # Errors never repeat the input (it could be ciphertext or a pairing message).
    assert "input_value" not in message


@given(st.binary(min_size=1, max_size=1000))
def test_message_put_carries_bytes_as_base64url(raw: bytes) -> None:
    body = MessagePut(ciphertext=b64url_encode(raw))
    assert body.ciphertext == raw
    assert json.loads(body.model_dump_json()) == {"ciphertext": b64url_encode(raw)}


def test_message_put_refuses_padded_base64() -> None:
    padded = base64.urlsafe_b64encode(b"hi").decode()
    with pytest.raises(ValidationError):
        MessagePut(ciphertext=padded)


@given(
    method=st.sampled_from(["GET", "PUT", "post", "DELETE"]),
    path=st.from_regex(r"\A/v1/[a-z0-9/?=&_-]{0,40}\Z"),
    body=st.binary(max_size=200),
    timestamp=st.integers(min_value=0, max_value=2**40),
)
def test_signature_covers_every_part_of_the_canonical_line(
    method: str, path: str, body: bytes, timestamp: int
) -> None:
    key = nacl.signing.SigningKey.generate()
    headers = sign_request(
        key,
        method=method,
        host="Relay.Example:8787",
        path_with_query=path,
        body=body,
        timestamp=timestamp,
    )
    nonce = headers[protocol.HEADER_NONCE]
    signature = b64url_decode(headers[protocol.HEADER_SIGNATURE])
    public = bytes(key.verify_key)
    line = canonical_request_line(method, "relay.example:8787", path, timestamp, nonce, body)
    assert signature_is_valid(public, signature, line)
    for altered in (
        canonical_request_line("PATCH", "relay.example:8787", path, timestamp, nonce, body),
        canonical_request_line(method, "other.example", path, timestamp, nonce, body),
        canonical_request_line(method, "relay.example:8787", path + "x", timestamp, nonce, body),
        canonical_request_line(method, "relay.example:8787", path, timestamp + 1, nonce, body),
        canonical_request_line(method, "relay.example:8787", path, timestamp, nonce[::-1], body),
        canonical_request_line(method, "relay.example:8787", path, timestamp, nonce, body + b"x"),
    ):
        assert not signature_is_valid(public, signature, altered)


def test_canonical_line_refuses_a_newline_in_any_part() -> None:
    with pytest.raises(ProtocolError):
        canonical_request_line("GET", "host\nx", "/v1/x", 1, "n", b"")


def test_signature_check_is_false_for_garbage_keys() -> None:
    assert not signature_is_valid(b"short", b"x" * 64, b"line")


def test_an_empty_ciphertext_is_refused() -> None:
    with pytest.raises(ValidationError, match="never empty"):
        MessagePut(ciphertext="")


@given(st.text(alphabet="AQgwBCz09_-+/=", max_size=12) | st.binary(max_size=9).map(b64url_encode))
def test_the_published_base64url_pattern_accepts_exactly_what_the_decoder_does(
    text: str,
) -> None:
    try:
        b64url_decode(text)
        decodes = True
    except ProtocolError:
        decodes = False
    assert (re.fullmatch(protocol.B64URL_PATTERN, text) is not None) == decodes


@given(st.integers(min_value=0, max_value=5000))
def test_b64url_length_is_the_encoded_length(size: int) -> None:
    assert protocol.b64url_length(size) == len(b64url_encode(bytes(size)))
