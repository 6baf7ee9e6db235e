"""The vault keeps one identity key and one pairing, announces changes, and shows no keys."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.models.pairing import StoredPairing
from desktop.vault import Changed, ChangeNotice, Vault, open_vault
from desktop.vault.pairing import NotPaired
from tests.waiting import wait_until

from .conftest import PASSPHRASE
from .debriefing_helpers import FakeClock, open_test_vault


def pairing(partner: bytes = b"\x01" * 32, **changes: object) -> StoredPairing:
    values: dict[str, object] = {
        "relay_address": "http://127.0.0.1:8787",
        "partner_identity": partner,
        "my_inbox": "A" * 22,
        "partner_inbox": "Q" * 22,
        "owner_key": b"\x02" * 32,
        "putter_key": b"\x03" * 32,
        "send_key": b"\x04" * 32,
        "receive_key": b"\x05" * 32,
        "key_id": "0123456789abcdef",
        "safety_number": "12345" * 12,
        "paired_at": datetime(2026, 12, 1, tzinfo=UTC),
    }
    values.update(changes)
    return StoredPairing.model_validate(values)


def test_the_identity_key_is_made_once_and_kept_across_a_lock(vault: Vault) -> None:
    first = vault.pairing.identity()
    assert vault.pairing.identity() == first
    assert len(first.public_key) == 32
    assert first.public_key != first.private_key


def test_a_pairing_survives_closing_and_reopening_the_vault(
    tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "v"
    vault = open_test_vault(folder, clock)
    identity = vault.pairing.identity()
    vault.pairing.save(pairing())
    vault.close()
    reopened = open_vault(folder, PASSPHRASE, clock=clock)
    try:
        assert reopened.pairing.current() == pairing()
        assert reopened.pairing.identity() == identity
    finally:
        reopened.close()


def test_saving_replaces_the_earlier_pairing_and_returns_it(vault: Vault) -> None:
    assert vault.pairing.save(pairing()) is None
    replaced = vault.pairing.save(pairing(partner=b"\x09" * 32))
    assert replaced == pairing()
    current = vault.pairing.current()
    assert current is not None
    assert current.partner_identity == b"\x09" * 32


def test_marking_verified_clears_a_changed_identity(vault: Vault) -> None:
    with pytest.raises(NotPaired):
        vault.pairing.mark_verified()
    vault.pairing.save(pairing(identity_changed=True))
    stored = vault.pairing.mark_verified()
    assert stored.verified_at is not None
    assert not stored.identity_changed
    assert stored.summary().verified


def test_pairing_changes_are_announced(vault: Vault) -> None:
    notices: list[ChangeNotice] = []
    vault.on_change(notices.append)
    vault.pairing.save(pairing())
    wait_until(lambda: any(Changed.PAIRING in n.kinds for n in notices))
    notices.clear()
    vault.pairing.remove()
    wait_until(lambda: any(Changed.PAIRING in n.kinds for n in notices))


def test_the_relay_address_is_remembered(vault: Vault) -> None:
    assert vault.pairing.relay_address is None
    vault.pairing.remember_relay_address("https://relay.clinic.example")
    assert vault.pairing.relay_address == "https://relay.clinic.example"


def test_no_key_shows_in_a_repr(vault: Vault) -> None:
    stored = pairing()
    shown = repr(stored) + repr(stored.summary()) + repr(vault.pairing.identity())
    for secret in (b"\x02" * 32, b"\x04" * 32):
        assert secret.hex() not in shown
        assert repr(secret) not in shown
    assert "12345" not in shown
    assert "127.0.0.1" not in shown
