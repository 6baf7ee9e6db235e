"""A computer whose clock is an hour wrong still pairs: the relay's `stale_timestamp`
answer corrects the offset, the request is retried once, and the offset is remembered."""

from __future__ import annotations

from datetime import datetime, timedelta

import nacl.signing

from desktop.clock import SYSTEM_CLOCK
from desktop.sync.pairing import PairingStep, enter_code, show_code
from desktop.sync.partner import unpair
from desktop.sync.relay_client import RelayClient
from desktop.vault import Vault
from tests.relay.conftest import RelayProcess
from tests.waiting import wait_until

from .conftest import Lanes, Side, relay_holds_no_pairing, start_showing


class SlowClock:
    """The real time, an hour behind (a laptop whose clock was set wrong)."""

    def now(self) -> datetime:
        return SYSTEM_CLOCK.now() - timedelta(hours=1)

    def monotonic(self) -> float:
        return SYSTEM_CLOCK.monotonic()


def test_a_wrong_clock_is_corrected_and_remembered(
    relay: RelayProcess, vault_a: Vault, vault_b: Vault, lanes: Lanes
) -> None:
    a = start_showing(lanes, vault_a, relay.url)
    wait_until(lambda: a.code is not None)
    assert a.code is not None
    enter_code(vault_b, relay.url, a.code, clock=SlowClock())
    a.result()
    stored = vault_b.pairing.current()
    assert stored is not None
    assert 3590 <= stored.clock_offset_seconds <= 3610
    # Later requests sign with the remembered offset: no stale answer, no retry needed.
    with RelayClient(
        relay.url, clock=SlowClock(), clock_offset=stored.clock_offset_seconds
    ) as client:
        client.inbox_status(nacl.signing.SigningKey(stored.owner_key), stored.my_inbox)
        assert client.clock_offset == stored.clock_offset_seconds
    unpair(vault_b, clock=SlowClock())
    wait_until(lambda: relay_holds_no_pairing(relay, inboxes=1))


def test_an_inviter_with_a_wrong_clock_shows_the_real_minutes_left(
    relay: RelayProcess, vault_a: Vault, vault_b: Vault, lanes: Lanes
) -> None:
    a = lanes.run_side(Side(), show_code, vault_a, relay.url, clock=SlowClock())
    wait_until(lambda: a.code is not None)
    assert a.code is not None
    ready = next(p for p in a.steps if p.step is PairingStep.CODE_READY)
    assert ready.minutes_left == 10
    enter_code(vault_b, relay.url, a.code, clock=SYSTEM_CLOCK)
    a.result()
    stored = vault_a.pairing.current()
    assert stored is not None
    assert 3590 <= stored.clock_offset_seconds <= 3610
