"""Envelopes: the documented vector, and any change, move or reflection is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.sync.envelope import (
    OVERHEAD_BYTES,
    EnvelopeRejected,
    open_envelope,
    read_header,
    seal,
)

PROTOCOL = Path(__file__).resolve().parents[3] / "docs" / "protocol.md"
KEY_TO_PARTNER = bytes(range(32))
KEY_FROM_PARTNER = bytes(range(100, 132))
INBOX = bytes(range(0x40, 0x50))


def documented_vector() -> dict[str, str]:
    lines = re.findall(r"^envelope-vector (\w+) +(.+)$", PROTOCOL.read_text(), re.MULTILINE)
    return dict(lines)


def test_the_vector_in_protocol_md_is_what_the_code_seals_and_opens() -> None:
    vector = documented_vector()
    assert set(vector) == {"key", "inbox", "key_id", "seq", "nonce", "plain", "sealed"}
    plain = vector["plain"].encode("utf-8")
    sealed = seal(
        plain,
        key=bytes.fromhex(vector["key"]),
        key_id=int(vector["key_id"]),
        inbox_id=bytes.fromhex(vector["inbox"]),
        seq=int(vector["seq"]),
        nonce=bytes.fromhex(vector["nonce"]),
    )
    assert sealed.hex() == vector["sealed"]
    header, opened = open_envelope(
        bytes.fromhex(vector["sealed"]),
        key=bytes.fromhex(vector["key"]),
        inbox_id=bytes.fromhex(vector["inbox"]),
    )
    assert opened == plain
    assert (header.key_id, header.seq) == (int(vector["key_id"]), int(vector["seq"]))


@given(st.binary(max_size=2000), st.integers(1, 2**53 - 1), st.integers(0, 2**64 - 1))
def test_what_is_sealed_opens_unchanged(plain: bytes, seq: int, key_id: int) -> None:
    sealed = seal(plain, key=KEY_TO_PARTNER, key_id=key_id, inbox_id=INBOX, seq=seq)
    assert len(sealed) == len(plain) + OVERHEAD_BYTES
    header, opened = open_envelope(sealed, key=KEY_TO_PARTNER, inbox_id=INBOX)
    assert (opened, header.seq, header.key_id) == (plain, seq, key_id)


def test_two_seals_of_the_same_message_differ_so_the_outbox_must_keep_the_bytes() -> None:
    first = seal(b"same", key=KEY_TO_PARTNER, key_id=1, inbox_id=INBOX, seq=3)
    again = seal(b"same", key=KEY_TO_PARTNER, key_id=1, inbox_id=INBOX, seq=3)
    assert first != again


@given(st.data())
def test_any_flipped_bit_is_refused(data: st.DataObject) -> None:
    plain = data.draw(st.binary(max_size=300))
    sealed = bytearray(seal(plain, key=KEY_TO_PARTNER, key_id=1, inbox_id=INBOX, seq=7))
    position = data.draw(st.integers(0, len(sealed) - 1))
    sealed[position] ^= 1 << data.draw(st.integers(0, 7))
    with pytest.raises(EnvelopeRejected):
        open_envelope(bytes(sealed), key=KEY_TO_PARTNER, inbox_id=INBOX)


def test_an_envelope_moved_to_another_inbox_is_refused() -> None:
    sealed = seal(b"note", key=KEY_TO_PARTNER, key_id=1, inbox_id=INBOX, seq=1)
    with pytest.raises(EnvelopeRejected):
        open_envelope(sealed, key=KEY_TO_PARTNER, inbox_id=bytes(16))


def test_my_own_envelope_reflected_back_to_me_is_refused() -> None:
    mine = seal(b"to my partner", key=KEY_TO_PARTNER, key_id=1, inbox_id=INBOX, seq=1)
    with pytest.raises(EnvelopeRejected):
        open_envelope(mine, key=KEY_FROM_PARTNER, inbox_id=INBOX)


@given(st.binary(max_size=OVERHEAD_BYTES + 40))
def test_arbitrary_bytes_are_refused_with_the_one_sentence(junk: bytes) -> None:
    with pytest.raises(EnvelopeRejected) as refused:
        open_envelope(junk, key=KEY_TO_PARTNER, inbox_id=INBOX)
    assert str(refused.value) == (
        "A message from your sharing partner could not be opened and was set aside."
    )


def test_the_header_is_readable_without_the_key_but_zero_seq_is_refused() -> None:
    sealed = seal(b"x", key=KEY_TO_PARTNER, key_id=9, inbox_id=INBOX, seq=42)
    assert read_header(sealed)[1:] == (9, 42)
    forged = sealed[:9] + bytes(8) + sealed[17:]
    with pytest.raises(EnvelopeRejected):
        read_header(forged)
