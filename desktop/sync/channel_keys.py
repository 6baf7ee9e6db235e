"""The channel's keys from the vault's pairing record: my id, the sealer, a sync round.

``sealing_for`` is what a screen needs to write a shared note (my id in version vectors
and a sealer bound to the partner's inbox); ``open_channel`` builds the relay client and
the `ChannelSync` for the background loop. Both give None while the vault is not paired.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.clock import Clock
from desktop.sync.channel_sync import ChannelSync
from desktop.vault import Vault

Sealer = Callable[[int, bytes], bytes]


def sealing_for(vault: Vault) -> tuple[str, Sealer] | None:
    """My partner id and a sealer for the partner's inbox; None when not paired."""
    del vault  # pairing (issue 11) stores the keys; none yet
    return None


def open_channel(vault: Vault, clock: Clock) -> ChannelSync | None:
    """A sync for the vault's pairing (close its client when done); None when not paired."""
    del vault, clock
    return None
