"""Vault > Back up…: one encrypted file, written on the long-job lane while saves go on.

The default folder is the export folder (Documents, never a synced or temp folder) and
the name is neutral (``alongside-backup-2026-12-03.albk``). A folder that looks synced
(OneDrive, Dropbox, iCloud Drive) gets a warning, not a refusal: the file is encrypted,
but a copy in the cloud outlives a passphrase change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.sentences import UserSentence
from desktop.ui.common.folder_dialog import choose_file
from desktop.ui.common.messages import Button

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.common.ops import VaultOps

log = logging.getLogger("alongside.ui")

BACKUP_FILTER = "Alongside backup (*.albk)"
PathChooser = Callable[["QWidget | None", str, Path, Path], "Path | None"]
SYNCED_TEXT = (
    "This folder looks like one a sync service copies to the internet (OneDrive, Dropbox, "
    "iCloud Drive…). The backup is encrypted, but a copy there stays readable with "
    "today's passphrase even after you change it.\\n\\nBack up here anyway?"
)


def choose_backup_path(
    parent: QWidget | None, title: str, suggested: Path, data_dir: Path
) -> Path | None:
    """Where to write the backup (the app's traceless file dialog)."""
    chosen = choose_file(parent, title, suggested, data_dir, name_filter=BACKUP_FILTER, save=True)
    if chosen is not None and chosen.suffix.lower() != ".albk":
        chosen = chosen.with_name(chosen.name + ".albk")
    return chosen


def default_backup_folder() -> Path:
    from desktop.ui.export.export_files import default_export_folder

    return default_export_folder()


class BackupFlow:
    """Runs one backup from the file chosen to the status line that says it is done."""

    def __init__(
        self,
        ops: VaultOps,
        parent: QWidget,
        report: Callable[[str], None],
        choose_path: PathChooser = choose_backup_path,
    ) -> None:
        self._ops = ops
        self._parent = parent
        self._report = report
        self.choose_path = choose_path
        self.last_written: Path | None = None

    def back_up(self) -> None:
        from desktop.vault import backup_file_name, looks_synced

        owner = self._parent.window()
        suggested = default_backup_folder() / backup_file_name(self._ops.today())
        context = self._ops.context
        path = self.choose_path(owner, "Back up this vault", suggested, context.locations.data_dir)
        if path is None:
            return
        if looks_synced(path.parent):
            answer = context.messages.ask(
                owner, "A synced folder?", SYNCED_TEXT, Button.Yes | Button.Cancel, Button.Cancel
            )
            if answer != Button.Yes:
                return
        vault, runner = self._ops.vault, context.runner

        def progress(fraction: float) -> None:
            runner.report_progress(f"Backing up… {int(fraction * 100)}%")

        self._ops.run_long(
            lambda: vault.back_up(path, progress=progress),
            lambda _: self._written(path),
            self._failed,
            busy_text="Backing up…",
        )

    def _written(self, path: Path) -> None:
        self.last_written = path
        log.info("backup.written")
        self._report(f"Backed up to {path.name}. Keep it somewhere safe, away from this computer.")

    def _failed(self, exc: BaseException) -> None:
        log.warning("backup.failed %s", type(exc).__name__)
        if isinstance(exc, OSError) and not isinstance(exc, UserSentence):
            self._report(
                "The backup could not be written there. Check the folder and the free space, "
                "and try again. Nothing in your vault changed."
            )
        else:  # its sentence in the banner (a full disk), or the window (damage, lock)
            self._ops.report(exc)
