"""Search-as-you-type: a debounced box, and results fetched off the UI thread.

Typing restarts a short timer; when it fires, any running search is interrupted
(``vault.search.cancel()`` is thread-safe) and the new one runs on the background
runner. Results of a superseded search are dropped by sequence number, so typing never
waits for the database. Snippets carry the note's text as data; the HTML shown is made
by escaping that text first and then adding highlight tags (``Snippet.to_html``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import mark_sensitive
from desktop.ui.debriefs.list_model import IdRole, SnippetHtmlRole, ZoneRole, row_text

DEBOUNCE_MS = 180
MAX_RESULTS = 200
AnyIndex = QModelIndex | QPersistentModelIndex


class SearchBox(QLineEdit):
    """The search field: emits ``query_changed`` once typing pauses briefly."""

    query_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SearchBox")
        self.setPlaceholderText("Search debriefs…  (Ctrl+F)")
        self.setAccessibleName("Search debriefs")
        self.setToolTip("Search every field and tag (Ctrl+F). Esc clears.")
        self.setClearButtonEnabled(True)
        mark_sensitive(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.query_changed.emit(self.text()))
        self.textChanged.connect(lambda _: self._timer.start())

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.setText("")
            return
        super().keyPressEvent(event)

    def wipe(self) -> None:
        """Forget the query and its undo history (on lock)."""
        self._timer.stop()
        self.blockSignals(True)
        self.setText("")
        self.blockSignals(False)


class SearchResultsModel(QAbstractListModel):
    """Search hits, best first, with escaped-and-highlighted snippets."""

    def __init__(self, template_names: dict[str, str], today: Callable[[], date]) -> None:
        super().__init__()
        self.template_names = template_names
        self._today = today
        self.hits: list[Any] = []

    @property
    def highlight_colour(self) -> str:
        """The theme's accent at paint time, so switching theme while unlocked follows."""
        return QGuiApplication.palette().color(QPalette.ColorRole.Link).name()

    def set_hits(self, hits: list[Any]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                row_text(hit.summary, self.template_names, self._today()) + "\n" + hit.snippet.text
            )
        if role == SnippetHtmlRole:
            open_tag = f'<b style="color:{self.highlight_colour}">'
            return hit.snippet.to_html(open_tag, "</b>")
        if role == IdRole:
            return hit.summary.id
        if role == ZoneRole:
            return hit.summary.zone
        return None

    def summary_at(self, row: int) -> Any:
        return self.hits[row].summary if 0 <= row < len(self.hits) else None

    def clear(self) -> None:
        self.set_hits([])


class SearchRunner:
    """Runs the newest query on the runner and drops answers to older ones."""

    def __init__(self, ops: VaultOps, on_results: Any) -> None:
        self._ops = ops
        self._on_results = on_results
        self._sequence = 0
        self.searches_started = 0
        self.last_query = ""

    def search(self, text: str, list_filter: Any) -> None:
        self._sequence += 1
        sequence = self._sequence
        self.last_query = text
        self._ops.vault.search.cancel()  # interrupt a search still running
        self.searches_started += 1
        self._ops.run(
            lambda v: v.search.find(text, list_filter, limit=MAX_RESULTS),
            lambda hits: self._arrived(sequence, hits),
            lambda exc: self._failed(sequence, exc),
        )

    def cancel(self) -> None:
        self._sequence += 1
        self.last_query = ""

    @property
    def is_current(self) -> bool:
        return bool(self.last_query)

    def _arrived(self, sequence: int, hits: list[Any]) -> None:
        if sequence == self._sequence:
            self._on_results(hits)

    def _failed(self, sequence: int, exc: BaseException) -> None:
        from desktop.vault.search import SearchCancelled

        if isinstance(exc, SearchCancelled) or sequence != self._sequence:
            return
        self._ops.report(exc)
