"""Export (Ctrl+E): check for identifiers, warn that the file is not encrypted, ask
where, write Markdown or PDF.

First, on the long-job lane, the debriefs are read and their text is run through the
identifier check (docs/identifiers.md). If it finds anything, the preview shows the
text with each finding highlighted and asks once: Export anyway, or Go back (which
writes nothing). If it finds nothing, the usual "not encrypted" question says that the
check found nothing and can miss identifiers. What was checked is what is written: the
file is made from the same items, without reading the vault again.

The default name is neutral and the default folder is never a synced or temp folder.
Markdown comes from the core's ``debriefs_to_markdown``; the PDF is laid out by Qt
(QTextDocument painted onto QPdfWriter, which Qt allows off the GUI thread). Both are
written on the runner, straight to the chosen path, so no temporary copy is left.
Nothing found by the check is logged: only how many findings there were.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop.privacy.findings import Finding
from desktop.ui.common.identifier_check import CheckSettings
from desktop.ui.common.identifier_preview import IdentifierPreviewDialog, PreviewWords
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
    "Alongside checked it for likely patient identifiers and found none. This check can "
    "miss identifiers; read what you export.\n\n"
    "Export {count}?"
)
PREVIEW_NOTE = (
    "The exported file is not encrypted: anyone who can open it can read it. Keep it "
    "somewhere private, not in a shared or synced folder."
)
WENT_BACK = "Nothing was exported."
PathChooser = Callable[[QWidget | None, str, Path, Path], Path | None]


def write_text(text: str, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


@dataclass
class PreparedExport:
    """The debriefs read for one export, their Markdown and what the check found in it."""

    items: list[Any] = field(repr=False)
    text: str = field(repr=False)
    findings: list[Finding]
    pdf: bool
    kind: str = "debrief"  # or "shared note"

    @property
    def noun(self) -> str:
        count = len(self.items)
        return f"this {self.kind}" if count == 1 else f"these {count} {self.kind}s"


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
        self.preview: IdentifierPreviewDialog | None = None

    def export(self, debrief_ids: list[str], *, pdf: bool = False) -> None:
        if not debrief_ids:
            self._report("Choose a debrief to export first.")
            return
        ids = list(debrief_ids)
        runner, vault = self._ops.context.runner, self._ops.vault
        settings = CheckSettings(self._ops.today())  # QLocale look-ups, on this thread

        def progress(done: int, total: int) -> None:
            runner.report_progress(f"Exporting… {done} of {total}")

        def prepare() -> PreparedExport:
            from desktop.vault.export_markdown import debriefs_to_markdown

            items = vault.exports.items(ids, progress=progress)
            text = debriefs_to_markdown(items)
            return PreparedExport(items, text, settings.check_for(vault).find(text), pdf)

        self._ops.run_long(prepare, self._prepared, self._failed, busy_text="Exporting…")

    def export_shared(self, note_ids: list[str]) -> None:
        """Export shared notes (the Shared place's Ctrl+E) as Markdown, through the same
        identifier check, preview and warnings as debriefs."""
        if not note_ids:
            self._report("Choose a shared note to export first.")
            return
        ids, vault = list(note_ids), self._ops.vault
        settings = CheckSettings(self._ops.today())

        def prepare() -> PreparedExport:
            notes = [vault.shared_notes.get(note_id) for note_id in ids]
            text = "\n".join(f"# {n.title or 'Untitled'}\n\n{n.body.rstrip()}\n" for n in notes)
            found = settings.check_for(vault).find(text)
            return PreparedExport(notes, text, found, pdf=False, kind="shared note")

        self._ops.run_long(prepare, self._prepared, self._failed, busy_text="Exporting…")

    def _prepared(self, prepared: PreparedExport) -> None:
        log.info("export.checked findings=%d", len(prepared.findings))  # a count, never what
        if prepared.findings:
            self._show_preview(prepared)
            return
        # Boxes belong to the window, not this view: a lock while one is open destroys
        # the view, and must not destroy a dialog inside its own exec().
        answer = self._ops.context.messages.ask(
            self._parent.window(),
            WARNING_TITLE,
            WARNING_TEXT.format(count=prepared.noun),
            Button.Yes | Button.Cancel,
            Button.Cancel,
        )
        if answer == Button.Yes:
            self._choose_and_write(prepared)

    def _show_preview(self, prepared: PreparedExport) -> None:
        # A child of the view, opened with open() (no nested event loop): a lock destroys
        # it with the view, and with it the text it shows.
        dialog = IdentifierPreviewDialog(self._parent, PreviewWords(note=PREVIEW_NOTE))
        dialog.show_text(prepared.text, prepared.findings)
        dialog.accepted.connect(
            lambda: QTimer.singleShot(0, self._parent, lambda: self._choose_and_write(prepared))
        )
        dialog.rejected.connect(lambda: self._report(WENT_BACK))
        dialog.finished.connect(lambda _: self._preview_closed(dialog))
        self.preview = dialog
        dialog.open()

    def _preview_closed(self, dialog: IdentifierPreviewDialog) -> None:
        if self.preview is dialog:
            self.preview = None
        dialog.deleteLater()

    def _choose_and_write(self, prepared: PreparedExport) -> None:
        owner = self._parent.window()
        extension = "pdf" if prepared.pdf else "md"
        suggested = default_export_folder() / default_file_name(
            len(prepared.items), self._ops.today(), extension
        )
        path = self.choose_path(
            owner, "Export debriefs", suggested, self._ops.context.locations.data_dir
        )
        if path is None:
            return
        if path.suffix.lower() == ".pdf":
            # Painting a PDF (QTextDocument onto QPdfWriter) is allowed off the GUI thread.
            self._ops.run_long(
                lambda: write_pdf(prepared.items, path),
                lambda _: self._written(path),
                self._failed,
                busy_text="Exporting…",
            )
        else:
            self._ops.run_long(
                lambda: write_text(prepared.text, path),
                lambda _: self._written(path),
                self._failed,
                busy_text="Exporting…",
            )

    def close(self) -> None:
        """Close an open preview (on lock) so the text it shows goes with it."""
        dialog, self.preview = self.preview, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.blockSignals(True)  # a lock is not the user going back
            dialog.done(0)

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
