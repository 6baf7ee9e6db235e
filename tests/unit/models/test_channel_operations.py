"""Operations: canonical bytes, and strict parsing that never quotes its input."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.models.channel_operations import (
    Ack,
    DeleteNote,
    OperationRejected,
    PutNote,
    Resync,
    decode_operation,
    encode_operation,
)

NOTE = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
ME = "0123456789abcdef0123456789abcdef"
SAM = "fedcba9876543210fedcba9876543210"
SENTENCE = (
    "A message from your sharing partner was not in a form Alongside knows; it was set aside."
)

PUT_WITH = b'{"op":"put","note":"' + NOTE.encode() + b'","vv":%b,"title":%b,"body":"b"}'
texts = st.text(max_size=200)
vectors = st.dictionaries(st.sampled_from([ME, SAM]), st.integers(1, 2**53 - 1), min_size=1)
operations = st.one_of(
    st.builds(PutNote, note=st.just(NOTE), vv=vectors, title=texts, body=texts),
    st.builds(DeleteNote, note=st.just(NOTE), vv=vectors),
    st.builds(Ack, upto=st.integers(0, 2**53 - 1)),
    st.builds(Resync, have=st.dictionaries(st.just(NOTE), vectors, max_size=1)),
)


@given(operations)
def test_every_operation_survives_its_canonical_bytes(operation: object) -> None:
    data = encode_operation(operation)  # type: ignore[arg-type]
    assert decode_operation(data) == operation
    assert encode_operation(decode_operation(data)) == data


def test_canonical_bytes_sort_keys_keep_unicode_and_use_nfc() -> None:
    decomposed = "Jose\u0301"  # "José" typed with a combining accent
    put = PutNote(note=NOTE, vv={SAM: 2, ME: 1}, title=decomposed, body="a\nb")
    text = encode_operation(put).decode("utf-8")
    assert text == (
        '{"body":"a\\nb","note":"' + NOTE + '","op":"put","title":"Jos\u00e9",'
        '"vv":{"' + ME + '":1,"' + SAM + '":2}}'
    )


@pytest.mark.parametrize(
    "raw",
    [
        b'{"op":"ack","upto":NaN}',
        b'{"op":"ack","upto":1.0}',
        b'{"op":"ack","upto":1,"upto":2}',
        b'{"op":"ack","upto":1,"extra":true}',
        b'{"op":"ack","upto":9007199254740992}',
        b'{"op":"ack","upto":"1"}',
        b'{"op":"wipe"}',
        b'{"op":"ack","upto":' + b"9" * 5000 + b"}",
        b"\xff\xfe not utf-8",
        b"[" * 100_000,
        b'{"op":"put","note":"not-a-uuid","vv":{},"title":"t","body":"b"}',
        PUT_WITH % (b'{"' + ME.encode() + b'":0}', b'"t"'),
        PUT_WITH % (b'{"' + ME.encode() + b'":1}', b"null"),
    ],
)
def test_malformed_operations_are_refused_with_one_sentence(raw: bytes) -> None:
    with pytest.raises(OperationRejected) as refused:
        decode_operation(raw)
    assert str(refused.value) == SENTENCE


def test_the_refusal_never_quotes_the_note() -> None:
    secret = "Patient canary-7781 said"
    raw = json.dumps({"op": "put", "note": NOTE, "vv": {ME: 1}, "title": secret, "body": 5})
    with pytest.raises(OperationRejected) as refused:
        decode_operation(raw.encode())
    assert "canary" not in repr(refused.value)
    assert "canary" not in str(refused.value)
    put = PutNote(note=NOTE, vv={ME: 1}, title=secret, body=secret)
    assert "canary" not in repr(put)


@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise_anything_but_the_refusal(junk: bytes) -> None:
    with contextlib.suppress(OperationRejected):
        decode_operation(junk)
