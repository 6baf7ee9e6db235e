"""Pairing from the Peers page: the sharing panel's state, the dialog, compare, unpair.

Reads the pairing on the database lane, runs pairing and unpairing on the long-job lane
(they talk to the relay), and never holds a key in a widget. Unpairing asks first and
says what happens to notes already shared; if the relay cannot be reached it offers to
forget the pairing on this computer only.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop.sentences import UserSentence
from desktop.ui.peers.pairing_dialog import PairingDialog
from desktop.ui.peers.pairing_jobs import VaultPairingJobs
from desktop.ui.peers.sharing_panel import SharingPanel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.common.ops import VaultOps
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")
# Which peer contact is the sharing partner (a peer id, in the vault's preferences).
SHARING_PARTNER_PREFERENCE = "sharing_partner_peer"

UNPAIR_TITLE = "Stop sharing with your partner?"
UNPAIR_TEXT = (
    "Your inbox on the relay and the keys of this pairing are deleted. Notes already "
    "shared stay in both vaults; changes not yet delivered are not sent (they show "
    "“not sent” and go again if you pair with the same colleague). Your partner's "
    "Alongside will say that a re-pair is needed."
)
FORGET_TITLE = "The relay cannot be reached"
FORGET_TEXT = (
    "{reason} Forget the pairing on this computer only? Your inbox stays on the relay "
    "until the relay removes old inboxes."
)


def sharing_partner_state(vault: Vault) -> tuple[bool, str | None]:
    """Whether the vault is paired, and which peer is marked as the partner (database lane)."""
    paired = vault.pairing.current() is not None
    marked = vault.get_preference(SHARING_PARTNER_PREFERENCE, None)
    return paired, marked if paired and isinstance(marked, str) else None


def sharing_partner_name(vault: Vault) -> str | None:
    paired, peer_id = sharing_partner_state(vault)
    if not paired or peer_id is None:
        return None
    try:
        peer = vault.peers.get(peer_id)
    except LookupError:
        return None
    name = getattr(peer, "name", None)
    return name if isinstance(name, str) else None


class SharingFlow(QObject):
    """The panel on the Peers page and what its buttons do."""

    status = Signal(str)

    def __init__(self, ops: VaultOps, page: QWidget) -> None:
        super().__init__(page)
        self._ops = ops
        self._page = page
        self.panel = SharingPanel()
        self.channel_state = ""
        self.summary: Any = None
        self.dialog: PairingDialog | None = None
        self.panel.pair_requested.connect(self.pair)
        self.panel.compare_requested.connect(self.compare)
        self.panel.unpair_requested.connect(self.unpair)

    def refresh(self) -> None:
        def load(v: Vault) -> tuple[Any, int, str | None]:
            from desktop.sync.partner import current_pairing

            return current_pairing(v), v.channel.marks().last_heard, sharing_partner_name(v)

        self._ops.run(load, self._show)

    def _show(self, loaded: tuple[Any, int, str | None]) -> None:
        self.summary, last_heard, name = loaded
        days = None
        if last_heard:
            heard = datetime.fromtimestamp(last_heard).astimezone().date()
            days = max(0, (self._ops.today() - heard).days)
        self.panel.show_state(self.summary, self.channel_state, days, name)

    def set_channel_state(self, state: str) -> None:
        """From the channel runner: "online", "waiting for the relay", "re-pair needed"…"""
        if state != self.channel_state:
            self.channel_state = state
            self.refresh()

    def _dialog(self, relay: str) -> PairingDialog:
        context = self._ops.context
        jobs = VaultPairingJobs(self._ops.vault, context.clock)
        dialog = PairingDialog(context, jobs, relay, self._page)
        dialog.paired.connect(self._paired)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        return dialog

    def pair(self) -> None:
        """Share notes with a colleague…: the dialog, with the remembered relay address."""
        self._ops.run(lambda v: v.pairing.relay_address or "", lambda r: self._dialog(r).open())

    def compare(self) -> None:
        if self.summary is None:
            return
        dialog = self._dialog(self.summary.relay_address)
        dialog.show_compare(self.summary.safety_number, self.summary.identity_changed)
        dialog.open()

    def _paired(self, verified: bool) -> None:
        self.status.emit(
            "Paired. Safety number verified."
            if verified
            else "Paired. Compare the safety number before you share anything sensitive."
        )
        self.refresh()

    def unpair(self, *, relay_too: bool = True) -> None:
        messages = self._ops.context.messages
        if relay_too:
            from desktop.ui.common.messages import Button

            if messages.ask(self._page, UNPAIR_TITLE, UNPAIR_TEXT) != Button.Yes:
                return
        vault, clock = self._ops.vault, self._ops.context.clock

        def work() -> None:
            from desktop.sync.partner import unpair

            unpair(vault, clock=clock, relay_too=relay_too)
            vault.channel.forget()
            vault.set_preference(SHARING_PARTNER_PREFERENCE, None)

        self._ops.run_long(
            work, lambda _: self._unpaired(), self._unpair_failed, busy_text="Stopping sharing…"
        )

    def _unpaired(self) -> None:
        self.status.emit("Sharing stopped. Notes already shared stay in your vault.")
        self.refresh()

    def _unpair_failed(self, exc: BaseException) -> None:
        from desktop.sync.errors import RelayBusy, RelayFailed, RelayUnreachable
        from desktop.ui.common.messages import Button

        if isinstance(exc, RelayUnreachable | RelayFailed | RelayBusy):
            text = FORGET_TEXT.format(reason=exc.user_message)
            if self._ops.context.messages.ask(self._page, FORGET_TITLE, text) == Button.Yes:
                self.unpair(relay_too=False)
            return
        if isinstance(exc, UserSentence):
            self.status.emit(exc.user_message)
            return
        self._ops.report(exc)
