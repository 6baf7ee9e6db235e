"""The debrief list as a paged Qt model: it never loads every row, only pages of them.

``canFetchMore``/``fetchMore`` ask the vault for the next page (keyset paging, newest
first) on the background runner; the view asks for more as the user scrolls. A filter
change resets the model and starts again from the first page; a page that arrives after
a reset is dropped.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.ui.common.look import UNTITLED, list_day
from desktop.ui.common.ops import VaultOps

PAGE_SIZE = 100
IdRole = Qt.ItemDataRole.UserRole + 1
SnippetHtmlRole = Qt.ItemDataRole.UserRole + 2
ZoneRole = Qt.ItemDataRole.UserRole + 3
AnyIndex = QModelIndex | QPersistentModelIndex


def row_text(summary: Any, template_names: dict[str, str], today: date) -> str:
    """Two lines: date · template (· check-in zone), then the title."""
    facts = [list_day(summary.created, today)]
    if summary.template_id:
        facts.append(template_names.get(summary.template_id, "Own template"))
    if summary.zone is not None:
        facts.append(f"check-in: {summary.zone.label}")
    return "  ·  ".join(facts) + "\n" + (summary.title or UNTITLED)


def summary_of(debrief: Any, previous: Any = None) -> Any:
    """A list row for a debrief just saved (keeping the check-in zone the row showed)."""
    from desktop.models.listing import DebriefSummary

    return DebriefSummary(
        id=debrief.id,
        title=debrief.title,
        template_id=debrief.template_id,
        created=debrief.created,
        updated=debrief.updated,
        zone=None if previous is None else previous.zone,
    )


class DebriefListModel(QAbstractListModel):
    """Pages of ``DebriefSummary`` rows for one filter, fetched as the view scrolls."""

    page_loaded = Signal()

    def __init__(
        self, ops: VaultOps, template_names: dict[str, str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self.template_names = template_names
        self._rows: list[Any] = []
        self._cursor: Any = None
        self._exhausted = False
        self._fetching = False
        self._generation = 0
        self._filter: Any = None
        self.pages_fetched = 0

    # Paging.
    def set_filter(self, list_filter: Any) -> None:
        """Show debriefs matching ``list_filter`` (None: all), from the first page."""
        self._filter = list_filter
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._generation += 1
        self._rows, self._cursor = [], None
        self._exhausted, self._fetching = False, False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, after, chosen = self._generation, self._cursor, self._filter
        self._ops.run(
            lambda vault: vault.debriefs.page(chosen, after=after, limit=PAGE_SIZE),
            lambda page: self._page_arrived(generation, page),
            lambda exc: self._page_failed(generation, exc),
        )

    def _page_arrived(self, generation: int, page: Any) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self.pages_fetched += 1
        known = {row.id for row in self._rows}
        fresh = [row for row in page.rows if row.id not in known]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self.page_loaded.emit()

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
            self._exhausted = True
            self._ops.report(exc)

    @property
    def is_loading(self) -> bool:
        return self._fetching

    @property
    def fully_loaded(self) -> bool:
        return self._exhausted

    # Reading.
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row_text(summary, self.template_names, self._ops.today())
        if role == IdRole:
            return summary.id
        if role == ZoneRole:
            return summary.zone
        return None

    def summary_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, debrief_id: str) -> int:
        for row, summary in enumerate(self._rows):
            if summary.id == debrief_id:
                return row
        return -1

    # Changes made in this window, shown without reloading every page.
    def upsert(self, summary: Any) -> int:
        """Show a saved debrief: update its row, or put a new one at the top."""
        row = self.row_of(summary.id)
        if row >= 0:
            self._rows[row] = summary
            index = self.index(row)
            self.dataChanged.emit(index, index)
            return row
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, summary)
        self.endInsertRows()
        return 0

    def remove(self, debrief_id: str) -> None:
        row = self.row_of(debrief_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def clear(self) -> None:
        """Forget every row (on lock)."""
        self.beginResetModel()
        self._generation += 1
        self._rows, self._cursor, self._exhausted = [], None, True
        self.endResetModel()
