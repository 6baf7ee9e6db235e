"""First-start wizard: name and place a new vault, set its passphrase, keep its code.

Three steps in the main window (no pop-up storm): where and what to call the vault; the
passphrase twice with live feedback; then the recovery code, shown once and asked back.
Creating runs Argon2id, so it goes through the background runner with a busy indicator.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.context import AppContext, close_vault
from desktop.ui.common.locations import PORTABLE_MARKER, unique_vault_folder, writable_problem
from desktop.ui.common.widgets import button, label, vault_api
from desktop.ui.unlock.passphrase import NewPassphraseForm
from desktop.ui.unlock.recovery_code import RecoveryCodeFlow

if TYPE_CHECKING:
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")


class CreateVaultWizard(QWidget):
    """Creates a vault; emits ``created(vault)`` once its recovery code is confirmed."""

    created = Signal(object)
    cancelled = Signal()
    failed = Signal(object)  # unexpected errors go to the window's error handler

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._vault: Vault | None = None
        self._other_folder: Path | None = None
        self.steps = QStackedWidget()
        self.steps.addWidget(self._place_page())
        self.steps.addWidget(self._passphrase_page())
        self.code_flow = RecoveryCodeFlow(context.messages)
        self.code_flow.confirmed.connect(self._finish)
        self.steps.addWidget(self.code_flow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.steps)
        self.name_edit.setFocus()

    # Step 1: name and place.
    def _place_page(self) -> QWidget:
        page = QWidget()
        locations = self._context.locations
        self.name_edit = QLineEdit("My vault")
        self.name_edit.setAccessibleName("Vault name")
        self.name_edit.setMaxLength(60)
        self.default_choice = QRadioButton(
            "Beside the app (portable mode)" if locations.portable else "On this computer"
        )
        self.beside_choice = QRadioButton("Beside the app, for a portable copy (e.g. a USB stick)")
        self.other_choice = QRadioButton("In another folder…")
        self.other_button = button("C&hoose folder…", "Choose another folder")
        self.other_label = label("", "Muted")
        self.beside_choice.setVisible(not locations.portable)
        self.default_choice.setChecked(True)
        group = QButtonGroup(page)
        for choice in (self.default_choice, self.beside_choice, self.other_choice):
            group.addButton(choice)
        self.place_error = label("", "Error")
        self.place_next = button("&Next", primary=True)
        self.place_next.setDefault(True)
        self.place_cancel = button("Cancel")
        self.place_cancel.setVisible(bool(self._context.settings.known_vaults))

        grid = QGridLayout()
        grid.setVerticalSpacing(6)
        grid.addWidget(self.default_choice, 0, 0, 1, 2)
        default_path = label(str(locations.default_vaults_dir), "Muted")
        default_path.setContentsMargins(22, 0, 0, 4)  # under the radio button's text
        grid.addWidget(default_path, 1, 0, 1, 2)
        grid.addWidget(self.beside_choice, 2, 0, 1, 2)
        other_row = QHBoxLayout()
        other_row.setSpacing(12)
        other_row.addWidget(self.other_choice)
        other_row.addWidget(self.other_button)
        other_row.addStretch(1)
        grid.addLayout(other_row, 3, 0, 1, 2)
        grid.addWidget(self.other_label, 4, 0, 1, 2)

        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        layout.addWidget(label("Create your vault", "ScreenTitle"))
        layout.addWidget(
            label(
                "Your debriefs are kept in an encrypted vault that only your passphrase "
                "opens. Nothing leaves this computer unless you choose to share it.",
                "Muted",
            )
        )
        layout.addWidget(
            label("Na&me (only you see it, on the unlock screen)", buddy=self.name_edit)
        )
        layout.addWidget(self.name_edit)
        layout.addSpacing(6)
        layout.addWidget(label("Where should it live?"))
        layout.addLayout(grid)
        layout.addWidget(self.place_error)
        layout.addStretch(1)
        layout.addLayout(self._buttons(self.place_cancel, self.place_next))

        self.other_button.clicked.connect(self._choose_other)
        self.place_next.clicked.connect(self._place_done)
        self.place_cancel.clicked.connect(self.cancelled.emit)
        self.name_edit.returnPressed.connect(self._place_done)
        return page

    def _choose_other(self) -> None:
        from desktop.ui.common.folder_dialog import choose_folder

        folder = choose_folder(
            self, "Choose a folder for the vault", Path.home(), self._context.locations.data_dir
        )
        if folder is not None:
            self._other_folder = folder
            self.other_label.setText(str(folder))
            self.other_choice.setChecked(True)

    def chosen_parent(self) -> Path | None:
        """The folder the new vault's own folder goes into."""
        locations = self._context.locations
        if self.other_choice.isChecked():
            return self._other_folder
        if self.beside_choice.isChecked():
            return locations.beside_app_dir
        return locations.default_vaults_dir

    def set_other_folder(self, folder: Path) -> None:
        """Pick "another folder" without the dialog (tests and drag-and-drop)."""
        self._other_folder = folder
        self.other_label.setText(str(folder))
        self.other_choice.setChecked(True)

    def _place_done(self) -> None:
        if not self.name_edit.text().strip():
            self.place_error.setText("Give the vault a name, so you can tell it apart later.")
            return
        parent = self.chosen_parent()
        if parent is None:
            self.place_error.setText("Choose a folder first.")
            return
        problem = writable_problem(parent)
        if problem:
            self.place_error.setText(problem)
            return
        self.place_error.clear()
        self.steps.setCurrentIndex(1)
        self.passphrase_form.set_user_words([self.name_edit.text()])
        self.passphrase_form.first.setFocus()

    # Step 2: passphrase.
    def _passphrase_page(self) -> QWidget:
        page = QWidget()
        self.passphrase_form = NewPassphraseForm()
        self.create_button = button("&Create vault", primary=True)
        self.create_button.setDefault(True)
        self.passphrase_back = button("&Back")
        self.passphrase_error = label("", "Error")
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        layout.addWidget(label("Choose a passphrase", "ScreenTitle"))
        layout.addWidget(
            label(
                "You will type it each time you open Alongside. A few unrelated words "
                "are easy to remember and hard to guess.",
                "Muted",
            )
        )
        layout.addWidget(self.passphrase_form)
        layout.addWidget(self.passphrase_error)
        layout.addStretch(1)
        layout.addLayout(self._buttons(self.passphrase_back, self.create_button))
        self.passphrase_back.clicked.connect(lambda: self.steps.setCurrentIndex(0))
        self.create_button.clicked.connect(self._create)
        self.passphrase_form.second.returnPressed.connect(self._create)
        return page

    def _create(self) -> None:
        problem = self.passphrase_form.problem()
        if problem:
            # Said once: the live feedback line may already say it.
            self.passphrase_error.setText("" if self.passphrase_form.shows_problem() else problem)
            self.passphrase_form.first.setFocus()
            return
        self.passphrase_error.clear()
        parent = self.chosen_parent()
        assert parent is not None
        self._make_portable_if_chosen()
        folder = unique_vault_folder(parent)
        name = self.name_edit.text().strip()
        passphrase = self.passphrase_form.passphrase()
        kdf, clock = self._context.kdf_kwargs(), self._context.clock
        self.setEnabled(False)

        def work() -> Any:
            return vault_api().create_vault(folder, name, passphrase, clock=clock, **kdf)

        self._context.runner.run(
            work,
            owner=self,
            on_success=self._created,
            on_failure=self._create_failed,
            on_orphaned=lambda result: close_vault(self._context, result[0]),
            busy_text="Creating your vault…",
        )

    def _make_portable_if_chosen(self) -> None:
        """On a first start, "beside the app" makes this copy of Alongside portable."""
        locations = self._context.locations
        if self.beside_choice.isChecked() and not self._context.settings.known_vaults:
            try:
                (locations.root / PORTABLE_MARKER).touch()
            except OSError:
                return
            self._context.locations = locations._replace(
                data_dir=locations.root / "data", portable=True
            )

    def _created(self, result: tuple[Any, str]) -> None:
        self.setEnabled(True)
        vault, code = result
        self._vault = vault
        self.passphrase_form.clear()
        log.info("vault.created")
        self._context.settings.remember_vault(vault.folder, vault.name)
        self._context.store_settings()
        self.steps.setCurrentIndex(2)
        self.code_flow.show_code(code)

    def _create_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        api = vault_api()
        if isinstance(exc, api.VaultError):
            self.passphrase_error.setText(str(exc))
        else:
            self.failed.emit(exc)

    def _finish(self) -> None:
        vault, self._vault = self._vault, None
        self.created.emit(vault)

    def discard(self) -> None:
        """Forget everything typed or shown (on lock or quit); close an unconfirmed vault."""
        self.passphrase_form.clear()
        self.code_flow.clear()
        if self._vault is not None:
            close_vault(self._context, self._vault)
            self._vault = None

    @staticmethod
    def _buttons(left: QWidget, right: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(left)
        row.addStretch(1)
        row.addWidget(right)
        return row
