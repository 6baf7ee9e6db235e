"""Gather what an export needs from the vault, in one read on the database thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from desktop.vault.actions import actions_of
from desktop.vault.checkins import read_checkin
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.debriefs import read_debrief
from desktop.vault.export_markdown import ExportItem
from desktop.vault.rows import debrief_seq
from desktop.vault.templates import load_template


def load_export_items(connection: Connection, debrief_ids: Sequence[str]) -> list[ExportItem]:
    """Each debrief with its template version, action points and check-in."""
    items = []
    for debrief_id in debrief_ids:
        debrief = read_debrief(connection, debrief_id, include_trashed=True)
        template = (
            None
            if debrief.template_id is None
            else load_template(connection, debrief.template_id, debrief.template_version)
        )
        actions = actions_of(connection, debrief_seq(connection, debrief_id))
        checkin = (
            None if debrief.checkin_id is None else read_checkin(connection, debrief.checkin_id)
        )
        items.append(
            ExportItem(debrief=debrief, template=template, actions=tuple(actions), checkin=checkin)
        )
    return items


EXPORT_BATCH = 25


class ExportSource:
    """Reads debriefs for export; the Markdown itself is made by `export_markdown`."""

    def __init__(self, worker: DatabaseWorker) -> None:
        self._worker = worker

    def items(
        self,
        debrief_ids: Sequence[str],
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[ExportItem]:
        """What an export of these debriefs needs, in the order given.

        Read in batches, so `progress(done, total)` can report on a large export and
        other work (an autosave) is not held up behind one long read.
        """
        ids = list(debrief_ids)
        items: list[ExportItem] = []
        for start in range(0, len(ids), EXPORT_BATCH):
            batch = ids[start : start + EXPORT_BATCH]

            def load_batch(connection: Connection, batch: list[str] = batch) -> list[ExportItem]:
                return load_export_items(connection, batch)

            items.extend(self._worker.call(load_batch))
            if progress is not None:
                progress(len(items), len(ids))
        return items
