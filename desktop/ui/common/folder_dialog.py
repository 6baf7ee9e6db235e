"""Choose a folder or a file without leaving traces: no recent-files entry, no QtProject.conf.

Qt's file dialog saves its history and last folder to ``QtProject.conf`` in the user's
config folder when it closes, and native dialogs may add to the desktop's recent list.
We use Qt's own dialog, point its settings file into our data folder for the moment it
closes, and delete that file again (DESIGN.md §3).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

SCRATCH_NAME = ".qt-dialog-scratch"


def choose_folder(parent: QWidget | None, title: str, start: Path, data_dir: Path) -> Path | None:
    """Ask for a folder; None if the user cancels."""
    scratch = data_dir / SCRATCH_NAME
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(scratch))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(scratch))
    dialog = QFileDialog(parent, title, str(start if start.exists() else Path.home()))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOptions(
        QFileDialog.Option.ShowDirsOnly
        | QFileDialog.Option.DontUseNativeDialog
        | QFileDialog.Option.DontResolveSymlinks
    )
    dialog.setAccessibleName(title)
    try:
        accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
        chosen = dialog.selectedFiles()
    finally:
        # Destroy now, so its settings are written (into scratch) before we remove them.
        shiboken6.delete(dialog)
        shutil.rmtree(scratch, ignore_errors=True)
    if not accepted or not chosen:
        return None
    return Path(chosen[0])


def choose_file(
    parent: QWidget | None,
    title: str,
    start: Path,
    data_dir: Path,
    *,
    name_filter: str,
    save: bool,
) -> Path | None:
    """Ask for a file to save (``start`` is the suggested path) or to open; None if cancelled."""
    scratch = data_dir / SCRATCH_NAME
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(scratch))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(scratch))
    dialog = QFileDialog(parent, title, str(start))
    dialog.setAcceptMode(
        QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    )
    if not save:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setOptions(
        QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontResolveSymlinks
    )
    dialog.setNameFilter(name_filter)
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
    return Path(chosen[0])
