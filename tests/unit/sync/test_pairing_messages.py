"""The sealed key exchange opens only for the right key and sender; any change is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.sync.pairing_messages import (
    KEYS_BODY_BYTES,
    PublicKeys,
    UnreadableKeys,
    open_keys,
    seal_keys,
)

KEY = bytes(range(32))
KEYS = PublicKeys(bytes([1]) * 32, bytes([2]) * 32, bytes([3]) * 32)
SIDE = "AAAAAAAAAAAAAAAAAAAAAA"


def test_sealed_keys_open_with_the_same_key_and_sender() -> None:
    body = seal_keys(KEY, SIDE, KEYS)
    assert len(body) == KEYS_BODY_BYTES
    assert open_keys(KEY, SIDE, body) == KEYS
    assert seal_keys(KEY, SIDE, KEYS) != body  # a fresh nonce each time
    assert "01010101" not in repr(KEYS)


def test_a_reflected_or_misattributed_body_does_not_open() -> None:
    body = seal_keys(KEY, SIDE, KEYS)
    with pytest.raises(UnreadableKeys):
        open_keys(KEY, "QQQQQQQQQQQQQQQQQQQQQQ", body)
    with pytest.raises(UnreadableKeys):
        open_keys(bytes(32), SIDE, body)


@given(st.integers(min_value=0, max_value=KEYS_BODY_BYTES - 1), st.integers(1, 255))
def test_any_flipped_byte_is_refused(position: int, flip: int) -> None:
    body = bytearray(seal_keys(KEY, SIDE, KEYS))
    body[position] ^= flip
    with pytest.raises(UnreadableKeys):
        open_keys(KEY, SIDE, bytes(body))


@given(st.binary(max_size=200))
def test_any_other_bytes_are_refused(body: bytes) -> None:
    with pytest.raises(UnreadableKeys):
        open_keys(KEY, SIDE, body)
