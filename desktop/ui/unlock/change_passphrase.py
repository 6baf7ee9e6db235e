"""Change the passphrase (rewrap one keyslot), or change it and re-encrypt the vault.

Rewrapping is quick and leaves the database bytes alone — which is why it is not enough
when the old passphrase may have been seen: an old copy of the keyslot file plus the old
passphrase still opens today's database. Re-encrypting gives the vault a new data key and
a new recovery code, so old copies stop working (DESIGN.md §2).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from desktop.ui.common.context import AppContext
from desktop.ui.common.widgets import button, fit_height_to_text, label, vault_api
from desktop.ui.unlock.passphrase import NewPassphraseForm, passphrase_line_edit
from desktop.ui.unlock.recovery_code import RecoveryCodeFlow

if TYPE_CHECKING:
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")

REENCRYPT_WHY = (
    "Changing only the passphrase re-locks the key to your vault, not the vault itself. "
    "Someone who has an old copy of the vault's key file (from a backup, say) and knows the "
    "old passphrase could still open today's notes. Re-encrypting gives the vault a new key, "
    "so old copies no longer help. It takes a little longer and gives you a new recovery code."
)


class ChangePassphraseDialog(QDialog):
    """Asks for the new passphrase; re-encrypting ends by showing the new recovery code."""

    def __init__(self, context: AppContext, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Change passphrase")
        self.setAccessibleName("Change passphrase")
        self.setModal(True)
        self.setMinimumWidth(520)
        self._context = context
        self._vault = vault
        self.error: BaseException | None = None  # an unexpected failure, for the window
        self.working = False

        # Asked first, so someone at an unlocked PC cannot lock the owner out.
        self.current = passphrase_line_edit("Current passphrase")
        self.form = NewPassphraseForm()
        self.form.set_user_words([vault.name])
        self.reencrypt = QCheckBox("Also &re-encrypt the vault with a new key")
        self.reencrypt.setAccessibleName("Also re-encrypt the vault with a new key")
        self.why = label(REENCRYPT_WHY, "Muted")
        self.problem = label("", "Error")
        self.change_button = button("&Change passphrase", primary=True)
        self.change_button.setDefault(True)
        self.cancel_button = button("Cancel")

        ask_page = QWidget()
        ask = QVBoxLayout(ask_page)
        ask.setSpacing(12)
        ask.addWidget(label("Choose a new passphrase", "ScreenTitle"))
        self.form.rows.insertRow(0, label("C&urrent", wrap=False, buddy=self.current), self.current)
        ask.addWidget(self.form)
        ask.addSpacing(6)
        ask.addWidget(self.reencrypt)
        ask.addWidget(self.why)
        ask.addWidget(self.problem)
        row = QHBoxLayout()
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.change_button)
        ask.addLayout(row)

        self.code_flow = RecoveryCodeFlow(context.messages)
        self.pages = QStackedWidget()
        self.pages.addWidget(ask_page)
        self.pages.addWidget(self.code_flow)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self.change_button.clicked.connect(self._change)
        self.cancel_button.clicked.connect(self.reject)
        self.code_flow.confirmed.connect(self.accept)
        self.current.setFocus()  # the dialog opens on its first field, "Current"
        self.form.second.returnPressed.connect(self._change)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height_to_text(self)

    def _change(self) -> None:
        problem = self.form.problem()
        if not self.current.text():
            problem = "Type your current passphrase first."
        if problem:
            self.problem.setText("" if self.form.shows_problem() else problem)
            return
        vault, passphrase, kdf = self._vault, self.form.passphrase(), self._context.kdf_kwargs()
        current, reencrypt = self.current.text(), self.reencrypt.isChecked()

        def work() -> str | None:
            if not vault.verify_passphrase(current):
                raise vault_api().WrongPassphrase("current")
            if reencrypt:
                return str(vault.reencrypt(passphrase, **kdf))
            vault.change_passphrase(passphrase, **kdf)
            return None

        busy = "Re-encrypting your vault…" if reencrypt else "Changing passphrase…"
        self.pages.setEnabled(False)
        self.working = True
        self._context.runner.run(
            work,
            owner=self,
            on_success=self._changed,
            on_failure=self._failed,
            busy_text=busy,
        )

    def _changed(self, new_code: str | None) -> None:
        self.working = False
        self.pages.setEnabled(True)
        self.form.clear()
        self.current.clear()
        if new_code:
            log.info("vault.reencrypted")
            self.pages.setCurrentIndex(1)
            self.code_flow.show_code(new_code)
            return
        log.info("vault.passphrase_changed")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.working = False
        self.pages.setEnabled(True)
        if isinstance(exc, vault_api().VaultError):
            self.problem.setText(exc.user_message)
            if isinstance(exc, vault_api().VaultDamaged):
                self.error = exc
                self.reject()
        else:
            self.error = exc
            self.reject()

    def reject(self) -> None:
        """Cancel is not possible once a new code exists: it must be confirmed first."""
        if self.working or (self.pages.currentIndex() == 1 and self.error is None):
            return
        self.form.clear()
        self.current.clear()
        self.code_flow.clear()
        super().reject()


def open_change_passphrase(
    parent: QWidget,
    context: AppContext,
    vault: Vault,
    on_error: Callable[[BaseException], None],
    on_status: Callable[[str], None],
) -> ChangePassphraseDialog:
    """Open the dialog (window-modal); report its outcome and delete it when it closes."""
    dialog = ChangePassphraseDialog(context, vault, parent)

    def finished(_: int) -> None:
        if not shiboken6.isValid(dialog):
            return
        if dialog.error is not None:
            error, dialog.error = dialog.error, None
            on_error(error)
        elif dialog.result() == QDialog.DialogCode.Accepted:
            on_status("Passphrase changed")
        dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
