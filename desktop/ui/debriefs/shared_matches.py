"""Under the debriefs' search results: "2 shared notes match too", leading to Shared.

Shared notes are in the same full-text index as debriefs (desktop/vault/
shared_note_index.py); this link runs the same query against them, off the UI thread,
and shows only a count — never a title — in the Debriefs place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton

if TYPE_CHECKING:
    from desktop.ui.common.ops import VaultOps


class SharedMatches(QPushButton):
    """A link that appears when shared notes match the search too."""

    open_requested = Signal(str)  # the query

    def __init__(self, ops: VaultOps) -> None:
        super().__init__()
        self.setObjectName("Link")  # styled as a link (base.qss)
        self.setAccessibleName("Shared notes that match the search")
        self.setAutoDefault(False)
        self._ops = ops
        self._query = ""
        self.hide()
        self.clicked.connect(lambda: self.open_requested.emit(self._query))

    def look(self, text: str) -> None:
        """Count the shared notes matching ``text`` (empty text: hide)."""
        self._query = text
        if not text.strip():
            self.hide()
            return

        def counted(hits: list[Any], asked: str = text) -> None:
            if asked != self._query:
                return  # a newer search is on its way
            count = len(hits)
            words = "1 shared note matches too" if count == 1 else f"{count} shared notes match too"
            self.setText(words)
            self.setAccessibleName(words)
            self.setVisible(count > 0)

        self._ops.run(lambda v: v.search.shared(text), counted)
