"""Pairing two real vaults through a real relay process: what each user would see."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from desktop.sync.pairing import PairingStep
from desktop.vault import Vault
from tests.relay.conftest import RelayProcess
from tests.waiting import wait_until

from .conftest import start_entering, start_showing


def test_both_sides_pair_and_see_the_same_safety_number(
    relay: RelayProcess, vault_a: Vault, vault_b: Vault, lanes: ThreadPoolExecutor
) -> None:
    a = start_showing(lanes, vault_a, relay.url)
    wait_until(lambda: a.code is not None, timeout=10)
    assert a.code is not None
    b = start_entering(lanes, vault_b, relay.url, a.code)
    result_a, result_b = a.result(), b.result()
    assert result_a.safety_number == result_b.safety_number
    assert len(result_a.safety_number) == 60
    assert not result_a.identity_changed
    stored_a, stored_b = vault_a.pairing.current(), vault_b.pairing.current()
    assert stored_a is not None
    assert stored_b is not None
    assert stored_a.my_inbox == stored_b.partner_inbox
    assert stored_a.send_key == stored_b.receive_key
    assert b.reached(PairingStep.REGISTERING)
