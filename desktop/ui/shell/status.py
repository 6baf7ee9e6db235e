"""The window's quiet status: a line of text, a busy indicator, and a banner of last resort.

Status is quiet text in the status bar, not dialogs (UI.md). The banner above every
screen shows a write that failed after the screen that asked for it was gone (the work
runner's ``orphaned_failure``), so typed words never vanish without a word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QPushButton, QVBoxLayout

from desktop.sentences import UserSentence

if TYPE_CHECKING:
    from desktop.ui.common.banner import Banner
    from desktop.ui.common.work import WorkRunner

UNDO_SECONDS = 8  # long enough to notice a slip, short enough not to linger
UNSAVED_AFTER_CLOSE = "Alongside could not save your latest changes. They are not in the vault."


class StatusArea(QObject):
    """Status text and busy bar in the window's status bar; the banner above the screens."""

    def __init__(
        self, window: QMainWindow, central_layout: QVBoxLayout, runner: WorkRunner
    ) -> None:
        super().__init__(window)
        self.text = QLabel()
        self.text.setAccessibleName("Status")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.setAccessibleName("Working")
        self.busy.setVisible(False)
        self.undo_button = QPushButton("&Undo")
        self.undo_button.setObjectName("Link")
        self.undo_button.setAccessibleName("Undo")
        self.undo_button.setVisible(False)
        self._undo: Callable[[], None] | None = None
        self.undo_ms = UNDO_SECONDS * 1000
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self.forget_undo)
        self.undo_button.clicked.connect(self._run_undo)
        window.statusBar().addWidget(self.text, 1)
        window.statusBar().addPermanentWidget(self.undo_button)
        window.statusBar().addPermanentWidget(self.busy)
        self._central_layout = central_layout
        self.banner: Banner | None = None  # made when first needed (start-up)
        runner.busy_changed.connect(self._busy_changed)
        runner.progress_changed.connect(self._progress_changed)
        runner.orphaned_failure.connect(self.write_failed_after_close)

    def set_text(self, text: str) -> None:
        self.text.setText(text)

    def offer_undo(self, text: str, undo: Callable[[], None]) -> None:
        """Say what one click did, with Undo beside it for a few seconds."""
        self.text.setText(text)
        self._undo = undo
        self.undo_button.setVisible(True)
        self._undo_timer.start(self.undo_ms)

    def _run_undo(self) -> None:
        undo, self._undo = self._undo, None
        self.forget_undo()
        if undo is not None:
            undo()

    def forget_undo(self) -> None:
        self._undo = None
        self._undo_timer.stop()
        self.undo_button.setVisible(False)

    def _busy_changed(self, busy: bool, text: str) -> None:
        self.busy.setVisible(busy)
        if busy:
            self.text.setText(text)
        elif self.text.text().endswith("…"):
            self.text.clear()

    def _progress_changed(self, text: str) -> None:
        if self.busy.isVisible():
            self.text.setText(text)

    def write_failed_after_close(self, exc: BaseException) -> None:
        """A save or delete failed after the screen that asked was gone: say so anyway."""
        self.notice(exc.user_message if isinstance(exc, UserSentence) else UNSAVED_AFTER_CLOSE)

    def notice(self, message: str) -> None:
        """A sentence that stays until dismissed (above every screen)."""
        if self.banner is None:
            from desktop.ui.common.banner import Banner

            self.banner = Banner()
            self._central_layout.insertWidget(0, self.banner)
        self.banner.show_message(message)


def checked_status(debriefs: int, last_backup: datetime | None, now: datetime) -> str:
    """After the integrity check: something useful, e.g. "Vault checked · 12 debriefs ·
    backed up 3 days ago"."""
    parts = ["Vault checked", f"{debriefs} debrief{'' if debriefs == 1 else 's'}"]
    if last_backup is None:
        parts.append("no backup yet")
    else:
        days = max(0, (now - last_backup).days)
        parts.append(
            "backed up today"
            if days == 0
            else f"backed up {days} day{'' if days == 1 else 's'} ago"
        )
    return " · ".join(parts)
