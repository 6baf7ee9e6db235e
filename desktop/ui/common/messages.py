"""Every modal box goes through here, so tests can answer them (as KeePassXC's MessageBox).

Tests call ``set_next_answer`` before the action that opens a box; the box is then not
shown and the queued answer is returned. Each box's title and text are recorded in
``history`` so tests can assert what the user would have read.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("alongside.ui")


def __getattr__(name: str) -> Any:
    # ``Button`` (QMessageBox.StandardButton) is made on first use: QMessageBox's enums
    # are not needed to show the unlock window (start-up, DESIGN.md §1).
    if name == "Button":
        from PySide6.QtWidgets import QMessageBox

        return QMessageBox.StandardButton
    raise AttributeError(name)


class MessageBoxes:
    """Shows modal boxes, or answers them from a queue in tests."""

    def __init__(self) -> None:
        self._next_answers: deque[QMessageBox.StandardButton] = deque()
        self.history: list[tuple[str, str]] = []
        # Tests set this, so a box nobody answers fails the test instead of hanging it.
        self.require_answers = False

    def set_next_answer(self, answer: QMessageBox.StandardButton) -> None:
        """Answer the next box with ``answer`` instead of showing it."""
        self._next_answers.append(answer)

    def _show(
        self,
        parent: QWidget | None,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        buttons: QMessageBox.StandardButton,
        default: QMessageBox.StandardButton,
        details: str = "",
    ) -> QMessageBox.StandardButton:
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QMessageBox

        from desktop.ui.common.clipboard import private_mime

        self.history.append((title, text))
        if self._next_answers:
            return self._next_answers.popleft()
        if self.require_answers:
            raise AssertionError(f"unanswered message box: {title}")
        box = QMessageBox(icon, title, text, buttons, parent)
        box.setDefaultButton(default)
        box.setAccessibleName(title)
        copy_button = None
        if details:
            copy_button = box.addButton("Copy diagnostics", QMessageBox.ButtonRole.ActionRole)
            copy_button.clicked.disconnect()  # keep the box open after copying
            # Marked private and cleared like every copy from the app (clipboard.py).
            copy_button.clicked.connect(
                lambda: QGuiApplication.clipboard().setMimeData(private_mime(details))
            )
        answer = box.exec()
        return QMessageBox.StandardButton(answer)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        ok = QMessageBox.StandardButton.Ok
        self._show(parent, QMessageBox.Icon.Information, title, text, ok, ok)

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        ok = QMessageBox.StandardButton.Ok
        self._show(parent, QMessageBox.Icon.Warning, title, text, ok, ok)

    def ask(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        buttons: QMessageBox.StandardButton | None = None,
        default: QMessageBox.StandardButton | None = None,
    ) -> QMessageBox.StandardButton:
        """A question; Yes/No with No as the default unless told otherwise."""
        from PySide6.QtWidgets import QMessageBox

        button = QMessageBox.StandardButton
        buttons = button.Yes | button.No if buttons is None else buttons
        default = button.No if default is None else default
        return self._show(parent, QMessageBox.Icon.Question, title, text, buttons, default)

    def something_went_wrong(self, parent: QWidget | None, exc: BaseException) -> None:
        """A bug: say so calmly, offer diagnostics holding exception types only."""
        from PySide6.QtWidgets import QMessageBox

        from desktop.ui.common.diagnostics import describe_exception, diagnostics_text

        log.error("bug %s", describe_exception(exc))
        ok = QMessageBox.StandardButton.Ok
        self._show(
            parent,
            QMessageBox.Icon.Warning,
            "Something went wrong",
            "Something went wrong inside Alongside. Nothing you saved before this was lost.\n\n"
            "If it keeps happening, copy the diagnostics and send them to your IT contact; "
            "they contain no notes, names or passphrases.",
            ok,
            ok,
            details=diagnostics_text(exc),
        )
