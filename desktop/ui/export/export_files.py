"""Where exports go: a neutral name, a safe default folder, and a file dialog that
leaves no trace (no recent-files entry, no QtProject.conf history)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.ui.common.folder_dialog import SCRATCH_NAME

SYNCED_NAMES = (
    "onedrive",
    "dropbox",
    "icloud",
    "google drive",
    "googledrive",
    "mobile documents",
    "nextcloud",
    "owncloud",
    "box sync",
    "pcloud",
    "mega",
)
MARKDOWN_FILTER = "Markdown (*.md)"
PDF_FILTER = "PDF (*.pdf)"


def is_synced_or_temp(folder: Path) -> bool:
    """True for a folder a sync client uploads, or the system's temp folder."""
    lowered = str(folder).casefold()
    if any(name in part for part in Path(lowered).parts for name in SYNCED_NAMES):
        return True
    temp = Path(tempfile.gettempdir()).resolve()
    try:
        resolved = folder.resolve()
    except OSError:
        return True
    return resolved == temp or temp in resolved.parents


def default_export_folder() -> Path:
    """Documents, else Desktop, else home: the first that is neither synced nor temp."""
    candidates = [
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DesktopLocation),
        str(Path.home()),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir() and not is_synced_or_temp(Path(candidate)):
            return Path(candidate)
    return Path.home()


def default_file_name(count: int, today: date, extension: str) -> str:
    """Never the title (it may name a patient): e.g. alongside-debrief-2026-11-22.md."""
    from desktop.vault.export_markdown import default_export_filename

    return default_export_filename(count, today, extension)


def choose_export_path(
    parent: QWidget | None, title: str, suggested: Path, data_dir: Path
) -> Path | None:
    """Ask where to save; Qt's own dialog, with its settings kept out of the user's config."""
    scratch = data_dir / SCRATCH_NAME
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(scratch))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(scratch))
    dialog = QFileDialog(parent, title, str(suggested))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOptions(
        QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontResolveSymlinks
    )
    dialog.setNameFilters([MARKDOWN_FILTER, PDF_FILTER])
    dialog.selectNameFilter(PDF_FILTER if suggested.suffix == ".pdf" else MARKDOWN_FILTER)
    dialog.setHistory([])
    dialog.setAccessibleName(title)
    try:
        accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
        chosen = dialog.selectedFiles()
        pdf = dialog.selectedNameFilter() == PDF_FILTER
    finally:
        shiboken6.delete(dialog)  # writes its state into scratch, which we then remove
        shutil.rmtree(scratch, ignore_errors=True)
    if not accepted or not chosen:
        return None
    path = Path(chosen[0])
    if path.suffix.lower() not in (".md", ".pdf"):
        path = path.with_suffix(".pdf" if pdf else ".md")
    return path
