"""Restore… : a verified restore from one backup file into a vault folder.

Nothing is replaced until the backup has opened with the passphrase or recovery code
the user gives and passed the integrity check (``desktop.vault.restore_backup``); the
vault it replaces is kept aside, named with the date, and the dialog says where. The
restored vault is then opened with the same secret, as an unlock would.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QRadioButton, QVBoxLayout

from desktop.sentences import UserSentence
from desktop.ui.common.widgets import button, label
from desktop.ui.unlock.passphrase import passphrase_line_edit
from desktop.ui.unlock.recovery_code import recovery_code_line_edit

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.common.context import AppContext
    from desktop.vault import BackupInfo, RestoredVault, Vault

log = logging.getLogger("alongside.ui")


def backup_date_text(info: BackupInfo) -> str:
    if info.created is None:
        return "This backup does not say when it was made."
    when = info.created.astimezone()
    return f"Backup made on {when:%A} {when.day} {when:%B %Y} at {when:%H:%M}."


class RestoreDialog(QDialog):
    """Which secret opens the backup; restore; then ``restored(vault, replaced_folder)``."""

    restored = Signal(object, object)  # the open Vault, the folder put aside (or None)

    def __init__(
        self,
        context: AppContext,
        backup_file: Path,
        info: BackupInfo,
        target: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from a backup")
        self.setAccessibleName("Restore from a backup")
        self._context = context
        self._backup_file = backup_file
        self._target = target
        self.working = False
        self.use_passphrase = QRadioButton("With the passphrase the vault had then")
        self.use_code = QRadioButton("With the recovery code")
        self.use_passphrase.setChecked(True)
        self.passphrase = passphrase_line_edit("Passphrase for the backup")
        self.code = recovery_code_line_edit("Recovery code for the backup")
        self.code.setEnabled(False)
        self.problem = label("", "Error")
        self.problem.setAccessibleName("Problem")
        self.restore_button = button("&Restore", primary=True)
        self.restore_button.setDefault(True)
        self.cancel_button = button("Cancel")
        form = QFormLayout()
        form.addRow(self.use_passphrase)
        form.addRow(label("Passphrase", wrap=False, buddy=self.passphrase), self.passphrase)
        form.addRow(self.use_code)
        form.addRow(label("Recovery code", wrap=False, buddy=self.code), self.code)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Restore from a backup", "ScreenTitle"))
        layout.addWidget(label(backup_date_text(info)))
        layout.addWidget(
            label(
                f"It goes into “{target.name}”. The vault there now is kept aside, not "
                "deleted, until you remove it. Nothing changes unless the backup opens and "
                "checks out.",
                "Muted",
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.use_code.toggled.connect(self._secret_kind_changed)
        self.restore_button.clicked.connect(self.restore)
        self.cancel_button.clicked.connect(self.reject)
        self.passphrase.setFocus()

    def _secret_kind_changed(self, code: bool) -> None:
        self.code.setEnabled(code)
        self.passphrase.setEnabled(not code)
        (self.code if code else self.passphrase).setFocus()

    def restore(self) -> None:
        from desktop.vault import open_vault, open_vault_with_recovery_code, restore_backup

        by_code = self.use_code.isChecked()
        secret = (self.code if by_code else self.passphrase).text()
        if not secret.strip():
            self.problem.setText(
                "Type the recovery code first." if by_code else "Type the passphrase first."
            )
            return
        backup, target, clock = self._backup_file, self._target, self._context.clock

        def work() -> tuple[Vault, Path | None]:
            done: RestoredVault
            if by_code:
                done = restore_backup(backup, target, recovery_code=secret, clock=clock)
                vault = open_vault_with_recovery_code(done.folder, secret, clock=clock)
            else:
                done = restore_backup(backup, target, passphrase=secret, clock=clock)
                vault = open_vault(done.folder, secret, clock=clock)
            return vault, done.replaced_folder

        self.working = True
        self.setEnabled(False)
        self.problem.clear()
        self._context.runner.run(
            work,
            owner=self,
            on_success=self._restored,
            on_failure=self._failed,
            on_orphaned=self._close_orphan,
            busy_text="Checking and restoring the backup…",
        )

    def _close_orphan(self, result: tuple[Vault, Path | None]) -> None:
        from desktop.ui.common.context import close_vault

        close_vault(self._context, result[0])

    def _restored(self, result: tuple[Vault, Path | None]) -> None:
        vault, replaced = result
        self.working = False
        self.passphrase.clear()
        self.code.clear()
        log.info("backup.restored")
        self.restored.emit(vault, replaced)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.working = False
        self.setEnabled(True)
        if isinstance(exc, UserSentence):
            log.info("backup.restore_refused %s", type(exc).__name__)
            self.problem.setText(exc.user_message)
            return
        log.warning("backup.restore_failed %s", type(exc).__name__)
        self.problem.setText(
            "The backup could not be restored. Nothing was replaced. Copy diagnostics from "
            "Help if this keeps happening."
        )


def restored_message(replaced: Path | None) -> str:
    """What the status line says after a restore."""
    if replaced is None:
        return "Backup restored."
    return f"Backup restored. The vault it replaced is kept in “{replaced.name}” beside it."
