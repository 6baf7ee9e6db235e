"""The lock screen: pick a known vault (names only), type the passphrase, unlock.

Unlocking runs Argon2id on the background runner while a busy indicator shows. Errors
are the vault's own sentences: wrong passphrase, damaged, open elsewhere. From here the
user can also open another vault folder, create a new vault, use "Forgot passphrase",
or reach crisis lines without unlocking.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.context import AppContext, close_vault
from desktop.ui.common.flow_layout import flow_holder
from desktop.ui.common.widgets import button, label, vault_api
from desktop.ui.unlock.device_unlock import DeviceUnlock, forget_keyring_entry
from desktop.ui.unlock.passphrase import passphrase_line_edit
from desktop.unlock_throttle import UnlockThrottle, refusal, wait_sentence

if TYPE_CHECKING:
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")
ABANDONED = (
    "The computer locked while your vault was opening, so it stayed locked. "
    "Type your passphrase again."
)


def centred(inner: QWidget, max_width: int = 460) -> QWidget:
    """Wrap ``inner`` so it sits in a calm, narrow column in the middle of the window.

    ``max_width`` is for a 10 pt font and grows with larger desktop fonts (text scales).
    """
    outer = QWidget()
    scale = max(1.0, QApplication.font().pointSizeF() / 10.0)
    inner.setMaximumWidth(int(max_width * scale))
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(inner, 4)
    row.addStretch(1)
    column = QVBoxLayout(outer)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(2)
    return outer


class UnlockScreen(QWidget):
    """Emits ``unlocked(vault)``; asks the window for the other flows by signal."""

    unlocked = Signal(object)
    unlock_started = Signal()  # the key is being derived: a good moment to load the views
    typing_started = Signal()  # a passphrase is being typed: an even earlier one
    create_requested = Signal()
    forgot_requested = Signal(object)  # Path of the vault folder
    failed = Signal(object)  # unexpected errors

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.throttle = UnlockThrottle(context.settings, context.clock)
        self._abandoned = False  # the computer locked while unlocking (abandon_unlock)
        card = QFrame()
        card.setObjectName("Card")
        self.vault_choice = QComboBox()
        self.vault_choice.setAccessibleName("Vault")
        self.passphrase = passphrase_line_edit("Passphrase")
        self.unlock_button = button("&Unlock", primary=True)
        self.unlock_button.setDefault(True)
        self.error = label("", "Error", plain=False)
        self.error.setAccessibleName("Unlock problem")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Unlocking")
        self.busy.setVisible(False)
        self.forgot_button = button("&Forgot passphrase?", "Forgot passphrase", link=True)
        self.other_button = button("&Open another vault…", "Open another vault", link=True)
        self.forget_button = button(
            "Forget this vault here", "Forget this vault on this computer", link=True
        )
        self.forget_button.setToolTip(
            "Take it off this list; the vault itself is not deleted (Open another vault… "
            "brings it back)"
        )
        self.create_button = button("Create a &new vault…", "Create a new vault", link=True)
        self.crisis_button = button("Crisis &lines", "Crisis lines", link=True)
        self.device = DeviceUnlock(context, self)  # "Remember on this computer" (issue 17)

        form = QVBoxLayout(card)
        form.setContentsMargins(28, 24, 28, 24)
        form.setSpacing(10)
        form.addWidget(label("Alongside", "ScreenTitle", plain=False))
        form.addWidget(label("Your vault is locked.", "Muted", plain=False))
        form.addSpacing(8)
        # No mnemonic: Alt+V opens the Vault menu.
        self.vault_label = label("Vault", buddy=self.vault_choice, plain=False)
        form.addWidget(self.vault_label)
        form.addWidget(self.vault_choice)
        form.addWidget(label("&Passphrase", buddy=self.passphrase, plain=False))
        form.addWidget(self.passphrase)
        form.addWidget(self.error)
        form.addWidget(self.busy)
        unlock_row = QHBoxLayout()
        unlock_row.addWidget(self.forgot_button)
        unlock_row.addStretch(1)
        unlock_row.addWidget(self.unlock_button)
        form.addLayout(unlock_row)
        form.addWidget(self.device.button)  # its own row: it holds at 150% text

        # Wraps onto a second line rather than cutting the links off (large text).
        links_holder, links = flow_holder(spacing=4)
        for link in (self.other_button, self.forget_button, self.create_button):
            links.addWidget(link)
        links.addWidget(self.crisis_button)
        column = QVBoxLayout()
        column.setSpacing(8)
        column.addWidget(card)
        column.addWidget(links_holder)
        holder = QWidget()
        holder.setLayout(column)
        layout = QVBoxLayout(self)
        layout.addWidget(centred(holder, 520))

        self.unlock_button.clicked.connect(self.unlock)
        self.passphrase.returnPressed.connect(self.unlock)
        self.passphrase.textEdited.connect(lambda _: self.typing_started.emit())
        self.forgot_button.clicked.connect(self._forgot)
        self.other_button.clicked.connect(self._open_other)
        self.forget_button.clicked.connect(self.forget_selected)
        self.create_button.clicked.connect(self.create_requested.emit)
        self.crisis_button.clicked.connect(self._crisis)
        self.vault_choice.currentIndexChanged.connect(
            lambda _: self.device.follow(self.selected_folder())
        )
        self.device.unlocked.connect(self._unlocked)
        self.device.refused.connect(self._device_refused)
        self.device.busy.connect(self._set_busy)
        self.reload()

    def reload(self) -> None:
        """Refill the vault list from the settings (names only; the path is item data)."""
        self.vault_choice.clear()
        for known in self._context.settings.known_vaults:
            self.vault_choice.addItem(known.name, known.path)
        self.error.clear()
        self.device.follow(self.selected_folder())

    def selected_folder(self) -> Path | None:
        path = self.vault_choice.currentData()
        return Path(path) if path else None

    def add_folder(self, folder: Path) -> None:
        """Select a vault folder that is not (yet) in the known list."""
        index = self.vault_choice.findData(str(folder))
        if index < 0:
            self.vault_choice.insertItem(0, folder.name, str(folder))
            index = 0
        self.vault_choice.setCurrentIndex(index)
        self.passphrase.setFocus()

    def focus_passphrase(self) -> None:
        self.passphrase.setFocus()

    def set_message(self, text: str) -> None:
        """Show a sentence in the error line (e.g. "This vault is damaged…" after a lock)."""
        self.error.setText(text)

    def unlock(self) -> None:
        folder = self.selected_folder()
        if folder is None:
            self.error.setText("Choose a vault first, or create a new one.")
            return
        if not self.passphrase.text():
            self.error.setText("Type your passphrase.")
            return
        if not folder.is_dir():
            self.error.setText(
                "This vault's folder can't be found. If it is on a USB stick or a network "
                "drive, connect it and try again."
            )
            return
        wait = self.throttle.seconds_left(folder)
        if wait:
            self.error.setText(wait_sentence(wait))
            return
        passphrase, clock = self.passphrase.text(), self._context.clock
        self._attempt: Path = folder
        self._set_busy(True)
        self._context.runner.run(
            lambda: vault_api().open_vault(folder, passphrase, clock=clock),
            owner=self,
            on_success=self._unlocked,
            on_failure=self._unlock_failed,
            on_orphaned=lambda vault: close_vault(self._context, vault),
            busy_text="Unlocking…",
        )
        self.unlock_started.emit()

    def abandon_unlock(self) -> None:
        """The computer locked while a key was being derived: close what it opens."""
        if self.busy.isVisibleTo(self):
            self._abandoned = True

    def _set_busy(self, busy: bool) -> None:
        if busy:
            self._abandoned = False  # each attempt starts clean (a device refusal too)
        self.busy.setVisible(busy)
        for widget in (
            self.vault_choice,
            self.passphrase,
            self.unlock_button,
            self.device.button,
            self.forgot_button,
            self.other_button,
            self.create_button,
        ):
            widget.setEnabled(not busy)
        if busy:
            self.error.clear()

    def _unlocked(self, vault: Vault) -> None:
        if self._abandoned:
            self._abandoned = False
            self.throttle.succeeded(vault.folder)  # the passphrase was right
            close_vault(self._context, vault)
            self._set_busy(False)
            self.passphrase.clear()
            self.error.setText(ABANDONED)
            log.info("vault.unlock_abandoned")
            return
        self.throttle.succeeded(vault.folder)
        self._context.store_settings()
        self._set_busy(False)
        self.passphrase.clear()
        log.info("vault.unlocked")
        self.unlocked.emit(vault)

    def _device_refused(self, sentence: str) -> None:
        """The keyring entry is gone or wrong: say so; the passphrase works as before."""
        self.error.setText(sentence)
        self.passphrase.setFocus()

    def _unlock_failed(self, exc: BaseException) -> None:
        self._abandoned = False
        self._set_busy(False)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        api = vault_api()
        if isinstance(exc, api.WrongPassphrase):
            log.info("vault.unlock_refused %s", type(exc).__name__)
            self.throttle.failed(self._attempt)
            self._context.store_settings()  # kept across restarts: a count and a time
            wait = self.throttle.seconds_left(self._attempt)
            self.error.setText(refusal(exc.user_message, wait))
        elif isinstance(exc, api.VaultError):
            log.info("vault.unlock_refused %s", type(exc).__name__)
            self.error.setText(exc.user_message)
        elif isinstance(exc, OSError):
            self.error.setText(
                "Alongside can't read this vault's folder. If it is on a USB stick or a "
                "network drive, check that it is connected."
            )
        else:
            self.failed.emit(exc)

    def _forgot(self) -> None:
        folder = self.selected_folder()
        if folder is None:
            self.error.setText("Choose the vault first.")
            return
        self.forgot_requested.emit(folder)

    def forget_selected(self) -> None:
        """Take the chosen vault off this computer's list; its folder stays as it is."""
        from PySide6.QtWidgets import QMessageBox

        folder = self.selected_folder()
        if folder is None:
            return
        answer = self._context.messages.ask(
            self.window(),
            "Forget this vault on this computer?",
            "It leaves this list only: the vault and its backups are not deleted, and "
            "“Open another vault…” brings it back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        # Its keyring entry goes too (issue 17): nothing of it stays on this computer.
        self._context.runner.run(
            lambda: forget_keyring_entry(folder),
            owner=None,
            on_success=lambda _: log.info("vault.forgot_keyring_entry"),
            on_failure=lambda exc: log.warning("vault.forget_keyring %s", type(exc).__name__),
        )
        self._context.settings.forget_vault(folder)
        self.throttle.succeeded(folder)  # nothing about it stays behind
        self._context.store_settings()
        self.reload()
        self.set_message("")

    def _open_other(self) -> None:
        from desktop.ui.common.folder_dialog import choose_folder

        folder = choose_folder(
            self, "Open a vault folder", Path.home(), self._context.locations.data_dir
        )
        if folder is not None:
            self.add_folder(folder)

    def _crisis(self) -> None:
        """Crisis resources, readable without unlocking (public data, outside the vault)."""
        from desktop.ui.resources.crisis_view import show_crisis_resources

        show_crisis_resources(self.window())

    def clear(self) -> None:
        self.passphrase.clear()

    def keyPressEvent(self, event: Any) -> None:
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape:
            self.passphrase.clear()
            return
        super().keyPressEvent(event)
