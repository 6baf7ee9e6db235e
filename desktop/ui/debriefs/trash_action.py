"""Moving the open debrief (or the list's current row) to the trash from the Debriefs page.

A new debrief's pending text is saved first; the id it gets is read on the worker
thread, after that save, so a draft is never left behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.ui.debriefs.autosave import DebriefHandle
from desktop.ui.debriefs.list_model import IdRole

if TYPE_CHECKING:
    from desktop.ui.debriefs.debriefs_page import DebriefsPage


def move_to_trash(page: DebriefsPage) -> None:
    """Trash the open debrief, or the current row when none is open (30 days to restore)."""
    handle = page.editor.handle if page.right.currentWidget() is page.editor_page else None
    if handle is not None:
        page.editor.close_session()  # queues the last save before the delete
        target = handle
    else:
        current = page.list_view.currentIndex()
        row_id = current.data(IdRole) if current.isValid() else None
        if row_id is None:
            return
        target = DebriefHandle(None, row_id)
    page.editor.clear_content()
    page.right.setCurrentWidget(page.empty_state)

    def delete(v: Any) -> str | None:
        if target.id is not None:
            v.debriefs.delete(target.id)
        return target.id

    def moved(debrief_id: str | None) -> None:
        if debrief_id is None:
            return
        page.list_model.remove(debrief_id)
        hits = [h for h in page.results_model.hits if h.summary.id != debrief_id]
        page.results_model.set_hits(hits)
        page.update_list_hint()
        page.actions_changed.emit()
        page.status.emit("Moved to trash. You can restore it from Trash for 30 days.")

    page.ops.run(delete, moved)
