"""Files for crisis-line import and export: a trace-free file dialog, a size-limited
read (a huge file is refused without being read whole), an atomic write."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.ui.common.folder_dialog import SCRATCH_NAME

JSON_FILTER = "Crisis lines (*.json)"
EXPORT_NAME = "alongside-crisis-lines.json"


def read_limited(path: Path) -> bytes:
    """At most one byte more than the import limit: enough to refuse a huge file."""
    from desktop.models.crisis import MAX_CRISIS_FILE_BYTES

    with path.open("rb") as file:
        return file.read(MAX_CRISIS_FILE_BYTES + 1)


def write_export(path: Path, lines: Sequence[Any]) -> None:
    from desktop.models.crisis import crisis_file_bytes
    from desktop.vault.atomic_file import write_atomically

    write_atomically(path, crisis_file_bytes(lines))


def choose_crisis_file(parent: QWidget, *, save: bool, data_dir: Path) -> Path | None:
    """Ask for a file to import or export; Qt's own dialog, keeping no history."""
    from desktop.ui.export.export_files import default_export_folder

    scratch = data_dir / SCRATCH_NAME
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(scratch))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(scratch))
    title = "Export your crisis lines" if save else "Import crisis lines"
    start = default_export_folder() / EXPORT_NAME if save else default_export_folder()
    dialog = QFileDialog(parent, title, str(start))
    dialog.setAcceptMode(
        QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    )
    if not save:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setOptions(
        QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontResolveSymlinks
    )
    dialog.setNameFilters([JSON_FILTER])
    dialog.setHistory([])
    dialog.setAccessibleName(title)
    try:
        accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
        chosen = dialog.selectedFiles()
    finally:
        shiboken6.delete(dialog)
        shutil.rmtree(scratch, ignore_errors=True)
    if not accepted or not chosen:
        return None
    path = Path(chosen[0])
    return path.with_suffix(".json") if save and path.suffix.lower() != ".json" else path
