"""The open debrief's row in the list: highlighted, so the list shows where you are.

Export (Ctrl+E) and Delete act on the selected rows, or on the open debrief when none
is selected; a row left highlighted from before must never stand in for the open one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex

from desktop.ui.debriefs.list_model import PAGE_SIZE

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListView

    from desktop.ui.debriefs.list_model import DebriefListModel

SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect


def mark_open_row(view: QListView, model: DebriefListModel, debrief_id: str) -> None:
    """Opened from elsewhere (Today, a peer, a search): select and show its row; if it
    is not among the rows loaded (or is filtered out), select nothing."""
    selection = view.selectionModel()
    row = model.row_of(debrief_id)
    if row < 0:
        selection.clearSelection()
        selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        return
    index = model.index(row)
    if selection.currentIndex() != index or not selection.hasSelection():
        # Already open, so the current-row signal opens nothing again.
        selection.setCurrentIndex(index, SELECT)
    view.scrollTo(index)


def mark_open_row_after_reload(view: QListView, model: DebriefListModel, debrief_id: str) -> None:
    """The first page arrived after a reload (a cleared search, a change elsewhere): mark
    the open row if nothing is selected. Later pages never move the list or touch what
    the user selected."""
    selection = view.selectionModel()
    row = model.row_of(debrief_id)
    if model.rowCount() <= PAGE_SIZE and row >= 0 and not selection.hasSelection():
        selection.setCurrentIndex(model.index(row), SELECT)
