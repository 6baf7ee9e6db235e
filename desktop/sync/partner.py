"""The sharing partner after pairing: what the Peers page shows, verifying, unpairing.

Blocking calls: `current_pairing` and `mark_verified` run one vault job each (the
database lane), `unpair` also talks to the relay (the long-job lane).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import nacl.signing

from desktop.clock import Clock
from desktop.models.pairing import PairingSummary
from desktop.sync.relay_client import RelayClient
from desktop.vault.pairing import NotPaired

if TYPE_CHECKING:
    from desktop.vault.vault import Vault


def current_pairing(vault: Vault) -> PairingSummary | None:
    """The pairing as the Peers page shows it, or None when not paired."""
    stored = vault.pairing.current()
    return None if stored is None else stored.summary()


def mark_verified(vault: Vault) -> PairingSummary:
    """Record "we compared it, it matches": verified, and no longer flagged as changed."""
    return vault.pairing.mark_verified().summary()


def unpair(
    vault: Vault,
    *,
    clock: Clock,
    relay_too: bool = True,
    transport: httpx.BaseTransport | None = None,
) -> None:
    """Delete this side's inbox on the relay, then the pairing's keys; notes stay.

    With `relay_too` (the default) a relay that cannot be reached or refuses raises its
    sentence and nothing is deleted, so the user can try again. `relay_too=False`
    forgets the pairing on this computer only (the inbox stays on the relay until it is
    pruned or the relay is reset). `NotPaired` when there is nothing to unpair.
    """
    stored = vault.pairing.current()
    if stored is None:
        raise NotPaired()
    if relay_too:
        owner = nacl.signing.SigningKey(stored.owner_key)
        with RelayClient(
            stored.relay_address,
            clock=clock,
            clock_offset=stored.clock_offset_seconds,
            transport=transport,
        ) as client:
            client.delete_inbox(owner, stored.my_inbox)
    vault.pairing.remove()
