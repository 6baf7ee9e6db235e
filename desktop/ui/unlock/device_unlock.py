"""The unlock screen's "Unlock on this computer" (issue 17, "Remember on this computer").

When the chosen vault has a device slot, a button opens it with the key this
computer's keyring holds, through the same open path as the passphrase (the vault's
folder lock, its checks, the same ``unlocked`` signal). Whether the vault is remembered
is read from its ``keyslots.json`` and the key from the keyring, both on the long-job
lane. If the keyring entry is gone or no longer fits, the screen says so in a sentence
and the passphrase works as before: nothing is lost or changed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.ui.common.context import AppContext, close_vault
from desktop.ui.common.widgets import button, vault_api

if TYPE_CHECKING:
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")


def _remembered(folder: Path) -> bool:
    found = vault_api().remembered_entry(folder)
    return found is not None


def _open_remembered(folder: Path, context: AppContext) -> Vault:
    from desktop.device_keyring import DeviceKeyMissing, load_device_key

    api = vault_api()
    found = api.remembered_entry(folder)
    if found is None:
        raise DeviceKeyMissing("no-slot")
    _, entry = found
    device_key = load_device_key(entry)
    vault: Vault = api.open_vault_with_device_key(folder, device_key, clock=context.clock)
    return vault


def forget_keyring_entry(folder: Path) -> None:
    """Delete the keyring entry of the vault in ``folder``, if it has one (long lane)."""
    from desktop.device_keyring import delete_device_key

    found = vault_api().remembered_entry(folder)
    if found is not None:
        delete_device_key(found[1])


class DeviceUnlock(QObject):
    """Shows the button for remembered vaults; ``unlocked(vault)`` or ``refused(text)``."""

    unlocked = Signal(object)
    refused = Signal(str)
    busy = Signal(bool)

    def __init__(self, context: AppContext, parent: QObject) -> None:
        super().__init__(parent)
        self._context = context
        self.button = button("Unlock on &this computer", "Unlock on this computer")
        self.button.setToolTip("This computer remembers the vault: no passphrase needed")
        self.button.setVisible(False)
        self.button.clicked.connect(self.unlock)
        self._folder: Path | None = None
        self._active = False  # reading keyslots imports the vault stack: not at start-up

    def activate(self) -> None:
        """Once the window is on screen: look at the vault chosen now and from then on."""
        self._active = True
        self.follow(self._folder)

    def follow(self, folder: Path | None) -> None:
        """The chosen vault changed: show the button if it is remembered here."""
        self._folder = folder
        self.button.setVisible(False)
        if folder is None or not self._active or self._context.locations.portable:
            return

        def shown(remembered: bool) -> None:
            if folder == self._folder:
                self.button.setVisible(remembered)

        self._context.runner.run(
            lambda: _remembered(folder),
            owner=self,
            on_success=shown,
            on_failure=lambda _: None,  # unreadable folder: the passphrase path says so
        )

    def unlock(self) -> None:
        folder = self._folder
        if folder is None:
            return
        self.busy.emit(True)
        context = self._context
        context.runner.run(
            lambda: _open_remembered(folder, context),
            owner=self,
            on_success=self._opened,
            on_failure=self._failed,
            on_orphaned=lambda vault: close_vault(context, vault),
            busy_text="Unlocking…",
        )

    def _opened(self, vault: Vault) -> None:
        self.busy.emit(False)
        log.info("vault.unlocked_on_device")
        self.unlocked.emit(vault)

    def _failed(self, exc: BaseException) -> None:
        from desktop.sentences import UserSentence

        self.busy.emit(False)
        log.info("vault.device_unlock_refused %s", type(exc).__name__)
        if isinstance(exc, UserSentence):
            self.refused.emit(f"{exc.user_message}")
        else:
            self.refused.emit(
                "Alongside could not use this computer's keyring. Type your passphrase; "
                "nothing was lost."
            )
