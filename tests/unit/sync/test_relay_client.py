"""The relay client's plain sentences: addresses checked before any request, and every
relay refusal mapped to what the user can do about it."""

from __future__ import annotations

import pytest

from desktop.sync.errors import (
    CodeExpired,
    CodeInUse,
    InvalidRelayAddress,
    RelayBusy,
    RelayFailed,
    RelayRefused,
)
from desktop.sync.relay_client import error_for, normalise_relay_address


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("https://relay.clinic.example/", "https://relay.clinic.example"),
        ("  http://127.0.0.1:8787 ", "http://127.0.0.1:8787"),
        ("https://relay.clinic.example/alongside", "https://relay.clinic.example/alongside"),
    ],
)
def test_a_relay_address_is_tidied(typed: str, address: str) -> None:
    assert normalise_relay_address(typed) == address


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "relay.clinic.example",
        "ftp://relay.clinic.example",
        "http://",
        "http://127.0.0.1:99999",
        "https://user:secret@relay.clinic.example",
        "https://relay.clinic.example/?token=x",
    ],
)
def test_a_wrong_relay_address_gets_a_sentence(typed: str) -> None:
    with pytest.raises(InvalidRelayAddress) as refused:
        normalise_relay_address(typed)
    assert "https://relay.example.org" in str(refused.value)
    assert refused.value.detail_code == "bad-url"  # what was typed is never repeated


@pytest.mark.parametrize(
    ("status", "code", "sentence"),
    [
        (409, "crowded", CodeInUse),
        (404, "unknown_nameplate", CodeExpired),
        (404, "unknown_mailbox", CodeExpired),
        (429, "rate_limited", RelayBusy),
        (503, "unavailable", RelayBusy),
        (507, "nameplates_exhausted", RelayBusy),
        (401, "enrolment_required", RelayRefused),
        (507, "relay_full", RelayRefused),
        (500, "internal", RelayFailed),
        (502, None, RelayFailed),
        (403, "no_pairing_mailbox", RelayFailed),
    ],
)
def test_each_relay_refusal_has_its_sentence(
    status: int, code: str | None, sentence: type[Exception]
) -> None:
    error = error_for(status, code)
    assert type(error) is sentence
    assert error.detail_code == (code or f"http-{status}")
