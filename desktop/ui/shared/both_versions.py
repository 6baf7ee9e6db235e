"""When both partners changed a shared note in the same place: both versions, one choice.

The page shows my version in its editor (read-only meanwhile) and these widgets: a calm
card saying what happened, my partner's version beside mine, and three choices — keep
mine, keep theirs (with their title), keep both one after the other. A choice emits
``chosen(title, text)``; the page saves it as an edit, which settles it for both.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from desktop.ui.common.widgets import button, label, mark_sensitive
from desktop.ui.shared.words import BOTH_CHANGED


class BothVersions(QObject):
    """The widgets for two kept versions, and the three ways to settle them."""

    chosen = Signal(str, str)  # title, text

    def __init__(self, title: QLineEdit, body: QPlainTextEdit, parent: QWidget) -> None:
        super().__init__(parent)
        self._title, self._body = title, body
        self.banner = label(BOTH_CHANGED)
        self.banner.setObjectName("Card")  # calm, not an error: both versions are safe
        self.theirs = mark_sensitive(QPlainTextEdit())
        self.theirs.setReadOnly(True)
        self.theirs.setAccessibleName("Your partner's version")
        self.mine_label = label("Yours", wrap=False, buddy=body)
        self.theirs_label = label("Your partner's", wrap=False, buddy=self.theirs)
        self.keep_mine = button("Keep &mine")
        self.keep_theirs = button("Keep &theirs")
        self.keep_both = button("Keep &both", "Keep both versions, one after the other")
        self._their_title = ""
        self._connect(self.keep_mine, lambda: (title.text(), body.toPlainText()))
        self._connect(self.keep_theirs, lambda: (self._their_title, self.theirs.toPlainText()))
        self._connect(
            self.keep_both,
            lambda: (
                title.text(),
                body.toPlainText().rstrip("\n") + "\n\n" + self.theirs.toPlainText(),
            ),
        )

    def _connect(self, choice: QWidget, pick: Callable[[], tuple[str, str]]) -> None:
        choice.clicked.connect(lambda: self.chosen.emit(*pick()))  # type: ignore[attr-defined]

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (
            self.banner,
            self.theirs,
            self.mine_label,
            self.theirs_label,
            self.keep_mine,
            self.keep_theirs,
            self.keep_both,
        )

    def show(self, theirs: str | None, their_title: str | None = None) -> None:
        """Two versions (``theirs`` set) or one (None); the editor is read-only meanwhile."""
        both = theirs is not None
        for widget in self.widgets:
            widget.setVisible(both)
        self.theirs.setPlainText(theirs or "")
        self._their_title = their_title or ""
        self._title.setReadOnly(both)
        self._body.setReadOnly(both)

    def clear(self) -> None:
        self.theirs.clear()
        self._their_title = ""
