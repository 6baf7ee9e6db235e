"""Starting a restore from the window: which backup, into which folder, then the dialog.

Into the open vault's folder (the vault is locked first, which saves what is typed) or,
while locked, the vault chosen on the unlock screen (a new folder if none is known).
A file that is not a backup is refused before the dialog asks for any secret.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop.sentences import UserSentence
from desktop.ui.backup.backup_flow import BACKUP_FILTER, default_backup_folder
from desktop.ui.backup.restore_dialog import RestoreDialog, restored_message
from desktop.ui.common.folder_dialog import choose_file
from desktop.ui.common.locations import unique_vault_folder

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.common.context import AppContext
    from desktop.vault import Vault


class RestoringWindow(Protocol):
    """What a restore needs from the main window."""

    context: AppContext
    vault: Vault | None

    def lock(self, reason: str = "manual", message: str = "") -> bool: ...
    def selected_vault_folder(self) -> Path | None: ...
    def open_session(self, vault: Vault) -> None: ...
    def show_notice(self, text: str) -> None: ...
    def as_parent(self) -> QWidget: ...


def choose_backup_to_restore(parent: QWidget | None, data_dir: Path) -> Path | None:
    return choose_file(
        parent,
        "Restore from a backup",
        default_backup_folder(),
        data_dir,
        name_filter=BACKUP_FILTER,
        save=False,
    )


# Tests answer the file dialog by replacing this (as they answer message boxes).
CHOOSER: list[Callable[[QWidget | None, Path], Path | None]] = [choose_backup_to_restore]


def start_restore(window: RestoringWindow) -> RestoreDialog | None:
    """Ask for the backup file, check it is one, then open the restore dialog."""
    from desktop.vault import describe_backup

    context, parent = window.context, window.as_parent()
    backup = CHOOSER[0](parent, context.locations.data_dir)
    if backup is None:
        return None
    try:
        info = describe_backup(backup)
    except UserSentence as exc:
        context.messages.warn(parent, "This file can't be restored", exc.user_message)
        return None
    except OSError:
        context.messages.warn(
            parent, "This file can't be restored", "Alongside cannot read this file."
        )
        return None
    if window.vault is not None:
        target = window.vault.folder
        if not window.lock("manual"):
            return None
    else:
        target = window.selected_vault_folder() or unique_vault_folder(context.locations.data_dir)
    dialog = RestoreDialog(context, backup, info, target, parent)

    def restored(vault: Vault, replaced: Path | None) -> None:
        window.open_session(vault)
        window.show_notice(restored_message(replaced))

    dialog.restored.connect(restored)
    dialog.finished.connect(lambda _: dialog.deleteLater())
    dialog.open()
    return dialog
