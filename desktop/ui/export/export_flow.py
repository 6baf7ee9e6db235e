"""Export (Ctrl+E): warn that the file is not encrypted, ask where, write Markdown or PDF.

The default name is neutral and the default folder is never a synced or temp folder.
Markdown comes from the core's ``debriefs_to_markdown``; the PDF is laid out by Qt
(QTextDocument painted onto QPdfWriter, which Qt allows off the GUI thread). Both are
written on the runner, straight to the chosen path, so no temporary copy is left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.ui.common.messages import Button
from desktop.ui.common.ops import VaultOps
from desktop.ui.export.export_files import (
    choose_export_path,
    default_export_folder,
    default_file_name,
)
from desktop.ui.export.export_pdf import write_pdf

log = logging.getLogger("alongside.ui")

WARNING_TITLE = "The exported file is not encrypted"
WARNING_TEXT = (
    "Anyone who can open the exported file can read it. Keep it somewhere private, "
    "not in a shared or synced folder, and delete it when you no longer need it.\n\n"
    "Export {count}?"
)
PathChooser = Callable[[QWidget | None, str, Path, Path], Path | None]


def write_markdown(items: list[Any], path: Path) -> None:
    from desktop.vault.export_markdown import debriefs_to_markdown

    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(debriefs_to_markdown(items))


class ExportFlow:
    """Runs one export from the ids chosen to the file written."""

    def __init__(
        self,
        ops: VaultOps,
        parent: QWidget,
        report: Callable[[str], None],
        choose_path: PathChooser = choose_export_path,
    ) -> None:
        self._ops = ops
        self._parent = parent
        self._report = report
        self.choose_path = choose_path
        self.last_written: Path | None = None

    def export(self, debrief_ids: list[str], *, pdf: bool = False) -> None:
        if not debrief_ids:
            self._report("Choose a debrief to export first.")
            return
        count = len(debrief_ids)
        noun = "this debrief" if count == 1 else f"these {count} debriefs"
        # Boxes belong to the window, not this view: a lock while one is open destroys
        # the view, and must not destroy a dialog inside its own exec().
        owner = self._parent.window()
        answer = self._ops.context.messages.ask(
            owner,
            WARNING_TITLE,
            WARNING_TEXT.format(count=noun),
            Button.Yes | Button.Cancel,
            Button.Cancel,
        )
        if answer != Button.Yes:
            return
        extension = "pdf" if pdf else "md"
        suggested = default_export_folder() / default_file_name(count, self._ops.today(), extension)
        path = self.choose_path(
            owner, "Export debriefs", suggested, self._ops.context.locations.data_dir
        )
        if path is None:
            return
        ids = list(debrief_ids)
        runner, vault = self._ops.context.runner, self._ops.vault

        def progress(done: int, total: int) -> None:
            runner.report_progress(f"Exporting… {done} of {total}")

        if path.suffix.lower() == ".pdf":
            # Painting a PDF (QTextDocument onto QPdfWriter) is allowed off the GUI thread.
            self._ops.run_long(
                lambda: write_pdf(vault.exports.items(ids, progress=progress), path),
                lambda _: self._written(path),
                self._failed,
                busy_text="Exporting…",
            )
        else:
            self._ops.run_long(
                lambda: write_markdown(vault.exports.items(ids, progress=progress), path),
                lambda _: self._written(path),
                self._failed,
                busy_text="Exporting…",
            )

    def _written(self, path: Path) -> None:
        self.last_written = path
        log.info("export.written")
        self._report("Export written. Remember: that file is not encrypted.")

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            log.warning("export.failed %s", type(exc).__name__)
            self._report(
                "The export could not be written there. Check the folder and the free "
                "space, and try again. Nothing in your vault changed."
            )
            return
        self._ops.report(exc)
