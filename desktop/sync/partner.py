"""The sharing partner as the channel needs it: keys from the vault's pairing record.

``sealing_for`` is what a screen needs to write a shared note (my id in version vectors
and a sealer bound to the partner's inbox); None while the vault is not paired.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.vault import Vault

Sealer = Callable[[int, bytes], bytes]


def sealing_for(vault: Vault) -> tuple[str, Sealer] | None:
    """My partner id and a sealer for the partner's inbox; None when not paired."""
    # Pairing (issue 11) stores the keys; until a vault has a pairing there is nothing
    # to seal for.
    del vault
    return None
