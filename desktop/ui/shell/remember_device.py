"""Vault > Remember on this computer… / Forget this computer (issue 17).

Off by default and never offered in portable mode (the OS keyring would keep a key
outside the portable folder). Remembering first checks that this computer has a real
keyring (a test entry written, read back, compared and deleted), then asks, in words
that say why it is unwise on a shared PC, then puts a random key in the keyring and a
device slot in the vault. Forgetting removes both. Keyring calls run on the long-job
lane (desktop/device_keyring.py times each out); the window never waits on them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QWidget

    from desktop.ui.common.context import AppContext
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")

REMEMBER_TEXT = "Re&member on this computer…"
FORGET_TEXT = "&Forget this computer"
WHY_UNWISE = "Anyone using this computer account could then open the vault: unwise on a shared PC."
ASK_TEXT = (
    "This computer will open the vault without its passphrase, from a key kept in the "
    "system keyring.\n\n" + WHY_UNWISE + "\n\nYour passphrase and recovery code keep "
    "working, and Vault > Forget this computer undoes it."
)


def _remember(vault: Vault) -> None:
    from desktop.device_keyring import delete_device_key, entry_for, store_device_key
    from desktop.vault.keyslots import new_device_key

    entry = entry_for(vault.vault_id)
    device_key = new_device_key()
    store_device_key(entry, device_key)
    try:
        vault.remember_on_device(device_key, entry)
    except BaseException:
        delete_device_key(entry)  # no key left behind for a slot that was never written
        raise


def _forget(vault: Vault) -> None:
    from desktop.device_keyring import delete_device_key, entry_for

    entry = vault.remembered_entry or entry_for(vault.vault_id)
    vault.forget_device()
    delete_device_key(entry)


class RememberDevice(QObject):
    """The one Vault menu action; its text says what a click does now."""

    def __init__(
        self,
        context: AppContext,
        window: QWidget,
        menu: QMenu,
        before: QAction,
        status: Callable[[str], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(window)
        from PySide6.QtGui import QAction

        self._context = context
        self._window = window
        self._status = status
        self._on_error = on_error
        self.vault: Vault | None = None
        self.action = QAction(REMEMBER_TEXT, window)
        self.action.setStatusTip(WHY_UNWISE)
        self.action.setToolTip(WHY_UNWISE)
        self.action.triggered.connect(self.toggle)
        self.action.setVisible(not context.locations.portable)
        self.action.setEnabled(False)
        menu.insertAction(before, self.action)
        menu.setToolTipsVisible(True)  # the one line on hover, before anything is asked

    def follow_vault(self, vault: Vault | None) -> None:
        """Unlocked (the action reflects the vault's slot) or locked (disabled)."""
        self.vault = vault
        self.action.setEnabled(vault is not None and not self._context.locations.portable)
        remembered = vault is not None and vault.remembered_entry is not None
        self.action.setText(FORGET_TEXT if remembered else REMEMBER_TEXT)

    def toggle(self) -> None:
        if self.vault is None or self._context.locations.portable:
            return
        if self.vault.remembered_entry is None:
            self.check_then_offer()
        else:
            self.forget()

    def check_then_offer(self) -> None:
        """Probe the keyring; offer to remember only if it is a real one."""
        from desktop.device_keyring import check_available

        self.action.setEnabled(False)
        self._context.runner.run(
            check_available,
            owner=self,
            on_success=lambda _: self._offer(),
            on_failure=self._refused,
            busy_text="Checking this computer's keyring…",
        )

    def _offer(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        vault = self.vault
        self.follow_vault(vault)
        if vault is None:
            return
        yes, cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
        answer = self._context.messages.ask(
            self._window, "Remember this vault on this computer?", ASK_TEXT, yes | cancel, cancel
        )
        if answer != yes:
            return
        self._context.runner.run(
            lambda: _remember(vault),
            owner=self,
            on_success=lambda _: self._done(vault, "This computer now opens the vault"),
            on_failure=self._refused,
            write=True,
        )

    def forget(self) -> None:
        vault = self.vault
        if vault is None:
            return
        self._context.runner.run(
            lambda: _forget(vault),
            owner=self,
            on_success=lambda _: self._done(vault, "This computer no longer opens the vault"),
            on_failure=self._refused,
            write=True,
        )

    def _done(self, vault: Vault, text: str) -> None:
        log.info("vault.device_slot_changed")
        if vault is self.vault:
            self.follow_vault(vault)
        self._status(text)

    def _refused(self, exc: BaseException) -> None:
        from desktop.sentences import UserSentence

        self.follow_vault(self.vault)
        log.info("vault.remember_refused %s", type(exc).__name__)
        if isinstance(exc, UserSentence) and not _is_vault_error(exc):
            self._context.messages.inform(self._window, "Alongside", exc.user_message)
        else:
            self._on_error(exc)


def _is_vault_error(exc: BaseException) -> bool:
    from desktop.ui.common.widgets import vault_api

    return isinstance(exc, vault_api().VaultError)
