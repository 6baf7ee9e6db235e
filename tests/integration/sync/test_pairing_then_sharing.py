"""After a real pairing, notes travel: the channel's keys come from the stored pairing."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from desktop.clock import SYSTEM_CLOCK
from desktop.sync.channel_keys import open_channel, partner_id, sealing_for
from desktop.vault import Vault
from tests.relay.conftest import RelayProcess
from tests.waiting import wait_until

from .conftest import start_entering, start_showing

NOTE = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"


def pair(lanes: ThreadPoolExecutor, relay: RelayProcess, a: Vault, b: Vault) -> None:
    showing = start_showing(lanes, a, relay.url)
    wait_until(lambda: showing.code is not None, timeout=10)
    assert showing.code is not None
    entering = start_entering(lanes, b, relay.url, showing.code)
    assert showing.result().safety_number == entering.result().safety_number


def sync_both(a: Vault, b: Vault) -> None:
    for vault in (a, b, a):
        channel = open_channel(vault, SYSTEM_CLOCK)
        assert channel is not None
        try:
            channel.sync_once()
        finally:
            channel.close()


def test_a_note_shared_after_pairing_is_delivered(
    lanes: ThreadPoolExecutor, relay: RelayProcess, vault_a: Vault, vault_b: Vault
) -> None:
    assert sealing_for(vault_a) is None
    pair(lanes, relay, vault_a, vault_b)
    sealing = sealing_for(vault_a)
    assert sealing is not None
    me, seal = sealing
    assert me == partner_id(vault_a.pairing.identity().public_key)
    vault_a.shared_notes.share(NOTE, "What helped", "A walk after the shift.", me=me, seal=seal)
    sync_both(vault_a, vault_b)
    assert vault_b.shared_notes.get(NOTE).body == "A walk after the shift."
    assert vault_a.shared_notes.get(NOTE).status == "delivered"


def test_re_pairing_starts_the_channel_afresh_and_resends_the_notes(
    lanes: ThreadPoolExecutor, relay: RelayProcess, vault_a: Vault, vault_b: Vault
) -> None:
    pair(lanes, relay, vault_a, vault_b)
    me, seal = sealing_for(vault_a)  # type: ignore[misc]
    vault_a.shared_notes.share(NOTE, "Plan", "Written before re-pairing.", me=me, seal=seal)
    # Never sent: the pairing is replaced before the relay saw it.
    pair(lanes, relay, vault_a, vault_b)
    sync_both(vault_a, vault_b)
    assert vault_b.shared_notes.get(NOTE).body == "Written before re-pairing."


def test_nothing_is_shared_while_a_changed_safety_number_waits_to_be_compared(
    lanes: ThreadPoolExecutor, relay: RelayProcess, vault_a: Vault, vault_b: Vault, tmp_path
) -> None:
    import pytest

    from desktop.sync.channel_keys import CompareSafetyNumberFirst
    from desktop.vault import FLOOR_KDF, create_vault

    pair(lanes, relay, vault_a, vault_b)
    # B's colleague now pairs from a new vault: a new identity key for A.
    vault_c, _ = create_vault(tmp_path / "c", "C", "another quiet passphrase 7", kdf=FLOOR_KDF)
    try:
        pair(lanes, relay, vault_a, vault_c)
        assert vault_a.pairing.current().identity_changed  # type: ignore[union-attr]
        with pytest.raises(CompareSafetyNumberFirst):
            sealing_for(vault_a)
        assert open_channel(vault_a, SYSTEM_CLOCK) is None
        vault_a.pairing.mark_verified()
        assert sealing_for(vault_a) is not None
    finally:
        vault_c.close()


def test_pairing_with_someone_else_never_sends_them_the_earlier_partners_notes(
    lanes: ThreadPoolExecutor, relay: RelayProcess, vault_a: Vault, vault_b: Vault, tmp_path
) -> None:
    from desktop.sync.partner import unpair
    from desktop.vault import FLOOR_KDF, create_vault

    pair(lanes, relay, vault_a, vault_b)
    me, seal = sealing_for(vault_a)  # type: ignore[misc]
    vault_a.shared_notes.share(NOTE, "With B only", "Written for B.", me=me, seal=seal)
    sync_both(vault_a, vault_b)
    unpair(vault_a, clock=SYSTEM_CLOCK)
    vault_a.channel.forget()
    vault_c, _ = create_vault(tmp_path / "c", "C", "another quiet passphrase 7", kdf=FLOOR_KDF)
    try:
        pair(lanes, relay, vault_a, vault_c)
        sync_both(vault_a, vault_c)
        assert vault_c.shared_notes.list() == []  # nothing of B's notes reached C
        assert vault_a.shared_notes.list() == []  # kept in A's vault, archived, not shown
    finally:
        vault_c.close()


def test_re_pairing_with_the_same_colleague_after_unpairing_resends_their_notes(
    lanes: ThreadPoolExecutor, relay: RelayProcess, vault_a: Vault, vault_b: Vault
) -> None:
    from desktop.sync.partner import unpair

    pair(lanes, relay, vault_a, vault_b)
    me, seal = sealing_for(vault_a)  # type: ignore[misc]
    vault_a.shared_notes.share(NOTE, "Plan", "Still ours.", me=me, seal=seal)
    unpair(vault_a, clock=SYSTEM_CLOCK)
    vault_a.channel.forget()
    assert vault_a.shared_notes.get(NOTE).status == "not sent"
    pair(lanes, relay, vault_a, vault_b)
    sync_both(vault_a, vault_b)
    assert vault_b.shared_notes.get(NOTE).body == "Still ours."
