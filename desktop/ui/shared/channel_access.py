"""The Shared place's way to the channel: my id in the pairing and the sealer, or None."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from desktop.sentences import UserSentence

if TYPE_CHECKING:
    from desktop.vault import Vault

Sealer = Callable[[int, bytes], bytes]


class ChannelAccess(Protocol):
    """Who I am in the pairing and how to seal for the partner; None when not paired."""

    def sealing(self, vault: Vault) -> tuple[str, Sealer] | None: ...


class NotPairedAnyMore(UserSentence, LookupError):
    """This vault is no longer paired, so shared notes cannot be changed. Nothing was sent."""


class VaultChannelAccess:
    """Reads the pairing from the vault (on the database lane) each time it is asked."""

    def sealing(self, vault: Vault) -> tuple[str, Sealer] | None:
        from desktop.sync.channel_keys import sealing_for

        return sealing_for(vault)
