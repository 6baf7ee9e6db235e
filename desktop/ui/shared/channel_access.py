"""The Shared place's way to the channel: my id in the pairing and the sealer, or None."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.shared.shared_page import Sealer
    from desktop.vault import Vault


class VaultChannelAccess:
    """Reads the pairing from the vault (on the database lane) each time it is asked."""

    def sealing(self, vault: Vault) -> tuple[str, Sealer] | None:
        from desktop.sync.channel_keys import sealing_for

        return sealing_for(vault)
