""" "Forgot passphrase": open with the recovery code, set a new passphrase, offer a new code.

Each step that derives keys runs on the background runner. The vault stays open through
the steps and is handed to the window with ``unlocked(vault)`` at the end; cancelling
before the new passphrase is set closes it again.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from desktop.ui.common.context import AppContext, close_vault
from desktop.ui.common.widgets import button, label, vault_api
from desktop.ui.unlock.passphrase import NewPassphraseForm
from desktop.ui.unlock.recovery_code import RecoveryCodeFlow, recovery_code_line_edit
from desktop.unlock_throttle import RECOVERY_CODE, UnlockThrottle, refusal, wait_sentence

if TYPE_CHECKING:
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")


def _row(left: QWidget, right: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(left)
    row.addStretch(1)
    row.addWidget(right)
    return row


class ForgotPassphraseFlow(QStackedWidget):
    """Recovery code → new passphrase → optional fresh recovery code → ``unlocked``."""

    unlocked = Signal(object)
    cancelled = Signal()
    failed = Signal(object)

    def __init__(self, context: AppContext, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._context = context
        self._folder = folder
        self._throttle = UnlockThrottle(context.settings, context.clock)
        self._vault: Vault | None = None
        self.addWidget(self._code_page())
        self.addWidget(self._passphrase_page())
        self.addWidget(self._offer_page())
        self.code_flow = RecoveryCodeFlow(context.messages)
        self.code_flow.confirmed.connect(self._done)
        self.addWidget(self.code_flow)
        self.code_entry.setFocus()

    # Step 1: the recovery code.
    def _code_page(self) -> QWidget:
        page = QWidget()
        self.code_entry = recovery_code_line_edit("Recovery code")
        self.code_error = label("", "Error")
        self.code_error.setAccessibleName("Recovery code problem")
        self.code_next = button("&Unlock with code", primary=True)
        self.code_next.setDefault(True)
        self.code_cancel = button("Cancel")
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        layout.addWidget(label("Forgot your passphrase?", "ScreenTitle"))
        layout.addWidget(
            label(
                "Type the recovery code you wrote down when you created this vault. "
                "Spaces and dashes don't matter.",
                "Muted",
                buddy=self.code_entry,
            )
        )
        layout.addWidget(self.code_entry)
        layout.addWidget(self.code_error)
        layout.addStretch(1)
        layout.addLayout(_row(self.code_cancel, self.code_next))
        self.code_next.clicked.connect(self._try_code)
        self.code_entry.returnPressed.connect(self._try_code)
        self.code_cancel.clicked.connect(self.cancel)
        return page

    def _try_code(self) -> None:
        api = vault_api()
        try:
            code = api.check_recovery_code(self.code_entry.text())
        except api.RecoveryCodeTypo as exc:
            self.code_error.setText(exc.user_message)
            return
        folder, clock = self._folder, self._context.clock
        wait = self._throttle.seconds_left(folder, RECOVERY_CODE)
        if wait:
            self.code_error.setText(wait_sentence(wait))
            return
        self.setEnabled(False)
        self._context.runner.run(
            lambda: api.open_vault_with_recovery_code(folder, code, clock=clock),
            owner=self,
            on_success=self._code_worked,
            on_failure=self._code_failed,
            on_orphaned=lambda vault: close_vault(self._context, vault),
            busy_text="Unlocking…",
        )

    def _code_worked(self, vault: Vault) -> None:
        self._throttle.succeeded(vault.folder)
        self._context.store_settings()
        self.setEnabled(True)
        self._vault = vault
        self.code_entry.clear()
        log.info("vault.unlocked_with_recovery_code")
        self.setCurrentIndex(1)
        self.passphrase_form.set_user_words([vault.name])
        self.passphrase_form.first.setFocus()

    def _code_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(exc, vault_api().WrongRecoveryCode):
            self._throttle.failed(self._folder, RECOVERY_CODE)  # its own count and wait
            self._context.store_settings()
            wait = self._throttle.seconds_left(self._folder, RECOVERY_CODE)
            self.code_error.setText(refusal(exc.user_message, wait))
        elif isinstance(exc, vault_api().VaultError):
            self.code_error.setText(exc.user_message)
        else:
            self.failed.emit(exc)

    # Step 2: a new passphrase.
    def _passphrase_page(self) -> QWidget:
        page = QWidget()
        self.passphrase_form = NewPassphraseForm()
        self.passphrase_error = label("", "Error")
        self.passphrase_next = button("&Set passphrase", primary=True)
        self.passphrase_next.setDefault(True)
        self.passphrase_cancel = button("Cancel")
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        layout.addWidget(label("Choose a new passphrase", "ScreenTitle"))
        layout.addWidget(
            label("Your vault is open. Choose the passphrase you will use from now on.", "Muted")
        )
        layout.addWidget(self.passphrase_form)
        layout.addWidget(self.passphrase_error)
        layout.addStretch(1)
        layout.addLayout(_row(self.passphrase_cancel, self.passphrase_next))
        self.passphrase_next.clicked.connect(self._set_passphrase)
        self.passphrase_form.second.returnPressed.connect(self._set_passphrase)
        self.passphrase_cancel.clicked.connect(self.cancel)
        return page

    def _set_passphrase(self) -> None:
        problem = self.passphrase_form.problem()
        if problem:
            self.passphrase_error.setText("" if self.passphrase_form.shows_problem() else problem)
            return
        vault, passphrase, kdf = (
            self._vault,
            self.passphrase_form.passphrase(),
            self._context.kdf_kwargs(),
        )
        if vault is None:
            return
        self.setEnabled(False)
        self._context.runner.run(
            lambda: vault.change_passphrase(passphrase, **kdf),
            owner=self,
            on_success=self._passphrase_set,
            on_failure=self._step_failed,
            busy_text="Setting your new passphrase…",
        )

    def _passphrase_set(self, _: object) -> None:
        self.setEnabled(True)
        self.passphrase_form.clear()
        log.info("vault.passphrase_changed")
        self.setCurrentIndex(2)
        self.new_code_button.setFocus()

    def _step_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(exc, vault_api().VaultError):
            self.passphrase_error.setText(exc.user_message)
            self.offer_error.setText(exc.user_message)
        else:
            self.failed.emit(exc)

    # Step 3: offer a fresh recovery code.
    def _offer_page(self) -> QWidget:
        page = QWidget()
        self.new_code_button = button("Make a &new recovery code", primary=True)
        self.new_code_button.setDefault(True)
        self.keep_code_button = button("&Keep my current code")
        self.offer_error = label("", "Error")
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        layout.addWidget(label("Your new passphrase is set", "ScreenTitle"))
        layout.addWidget(
            label(
                "Your recovery code still works. If anyone else may have seen it, make a "
                "new one now: the old code stops working and you write down the new one.",
                "Muted",
            )
        )
        layout.addWidget(self.offer_error)
        layout.addStretch(1)
        layout.addLayout(_row(self.keep_code_button, self.new_code_button))
        self.new_code_button.clicked.connect(self._new_code)
        self.keep_code_button.clicked.connect(self._done)
        return page

    def _new_code(self) -> None:
        vault = self._vault
        if vault is None:
            return
        self.setEnabled(False)
        self._context.runner.run(
            vault.replace_recovery_code,
            owner=self,
            on_success=self._show_new_code,
            on_failure=self._step_failed,
            busy_text="Making a new recovery code…",
        )

    def _show_new_code(self, code: str) -> None:
        self.setEnabled(True)
        log.info("vault.recovery_code_replaced")
        self.setCurrentIndex(3)
        self.code_flow.show_code(code)

    def _done(self) -> None:
        vault, self._vault = self._vault, None
        self.unlocked.emit(vault)

    def computer_locked(self) -> bool:
        """The computer locked: close a vault opened with the code (True), so nobody
        else at this computer can set its passphrase; the code still opens it. While a
        step runs or a new code is shown, closing would lose that code: False."""
        if self.isEnabled() and self._vault is not None and self.currentIndex() in (1, 2):
            self.discard()
            return True
        return False

    def cancel(self) -> None:
        """Give up; a vault opened with the code is closed again."""
        self.discard()
        self.cancelled.emit()

    def discard(self) -> None:
        self.code_entry.clear()
        self.passphrase_form.clear()
        self.code_flow.clear()
        if self._vault is not None:
            close_vault(self._context, self._vault)
            self._vault = None
