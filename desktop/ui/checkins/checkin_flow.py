"""Saving check-ins: one click from Today, or the dialog (Ctrl+Shift+K), alone or with
the open debrief. The vault call runs on the runner; a debrief not yet saved is saved
first (the runner keeps the order)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtWidgets import QWidget

from desktop.ui.checkins.checkin_dialog import CheckInDialog
from desktop.ui.common.ops import VaultOps
from desktop.ui.debriefs.autosave import DebriefHandle

if TYPE_CHECKING:
    from desktop.vault import Vault


class CheckInFlow:
    """Opens the dialog and stores what it answers."""

    def __init__(
        self, ops: VaultOps, parent: QWidget, on_saved: Callable[[Any, Any], None]
    ) -> None:
        self._ops = ops
        self._parent = parent
        self._on_saved = on_saved
        self.dialog: CheckInDialog | None = None

    def open_dialog(self, handle: DebriefHandle | None = None) -> CheckInDialog:
        dialog = CheckInDialog(self._parent, for_debrief=handle is not None)
        dialog.submitted.connect(
            lambda zone, energy, sleep, note: self.save(zone, energy, sleep, note, handle)
        )
        dialog.finished.connect(lambda _: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        dialog.zone_buttons["ready"].setFocus()
        return dialog

    def quick(self, zone: str) -> None:
        """One click on Today: the zone alone."""
        self.save(zone, None, None, "", None)

    def save(
        self,
        zone: str,
        energy: int | None,
        sleep: int | None,
        note: str,
        handle: DebriefHandle | None,
    ) -> None:
        def add(vault: Vault) -> Any:
            from desktop.models.checkin import StressZone

            debrief_id = None if handle is None else handle.id
            return vault.checkins.add(
                StressZone(zone), energy=energy, sleep=sleep, note=note, debrief_id=debrief_id
            )

        self._ops.run(add, lambda checkin: self._on_saved(checkin, handle), write=True)

    def close(self) -> None:
        """Close an open dialog (on lock) so its note goes with it."""
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.reject()
        self.dialog = None
