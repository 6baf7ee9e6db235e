"""The action-point checklist under one debrief field: add, tick off, undo, remove.

Each change goes to the vault on the background runner. A debrief not yet saved is
saved first (``ensure_saved``); the runner runs jobs in order, so the action is added
after the debrief exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.date_field import OptionalDate
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, mark_sensitive
from desktop.ui.common.wrapping_check import WrappingCheckBox
from desktop.ui.debriefs.autosave import DebriefHandle

if TYPE_CHECKING:
    from desktop.vault import Vault


def action_label(action: Any) -> str:
    due = f"  (due {action.due:%d %b %Y})" if action.due else ""
    return str(action.text) + due


class ActionChecklist(QWidget):
    """Checklist of one field's action points."""

    changed = Signal()

    def __init__(
        self,
        ops: VaultOps,
        field_id: str,
        heading: str,
        ensure_saved: Callable[[], DebriefHandle],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self._field_id = field_id
        self._ensure_saved = ensure_saved
        self.boxes: dict[str, WrappingCheckBox] = {}
        self.rows = QVBoxLayout()
        self.rows.setSpacing(2)
        self.new_text = QLineEdit()
        self.new_text.setPlaceholderText("Add an action point, then press Enter")
        self.new_text.setAccessibleName(f"New action point for {heading}")
        mark_sensitive(self.new_text)
        self.due = OptionalDate("Due date", "No due date…", self._ops.today)
        self.add_button = button("Add", f"Add action point to {heading}")
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_text, 1)
        add_row.addWidget(self.due)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.rows)
        layout.addLayout(add_row)
        self.new_text.returnPressed.connect(self.add_from_input)
        self.add_button.clicked.connect(self.add_from_input)

    def set_actions(self, actions: list[Any]) -> None:
        for action in actions:
            if action.field_id == self._field_id:
                self._add_row(action)

    def _add_row(self, action: Any) -> None:
        box = WrappingCheckBox(action_label(action))
        box.setAccessibleName(f"Action point: {action.text}")
        box.setChecked(action.done)
        box.toggled.connect(lambda done, a=action.id: self._set_done(a, done))
        remove = button("Remove", "Remove action point", link=True)
        remove.clicked.connect(lambda _=False, a=action.id: self._remove(a))
        row = QHBoxLayout()
        row.addWidget(box, 1)
        row.addWidget(remove)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        box.setProperty("holder", holder)
        self.rows.addWidget(holder)
        self.boxes[action.id] = box

    def add_from_input(self) -> None:
        text = " ".join(self.new_text.text().split())
        if not text:
            return
        due = self.due.value()
        handle = self._ensure_saved()
        field_id = self._field_id
        self.new_text.setText("")
        self.due.clear()

        def add(vault: Vault) -> Any:
            if handle.id is None:
                raise RuntimeError("debrief not saved")
            return vault.actions.add(handle.id, field_id, text, due=due)

        self._ops.run(add, self._added)

    def _added(self, action: Any) -> None:
        self._add_row(action)
        self.changed.emit()

    def _set_done(self, action_id: str, done: bool) -> None:
        self._ops.run(lambda vault: vault.actions.set_done(action_id, done), self._done_set)

    def _done_set(self, _: Any) -> None:
        self.changed.emit()

    def _remove(self, action_id: str) -> None:
        box = self.boxes.pop(action_id, None)
        if box is not None:
            holder = box.property("holder")
            holder.hide()
            holder.deleteLater()
        self._ops.run(lambda vault: vault.actions.delete(action_id), self._done_set)

    def clear(self) -> None:
        """Drop every action's text (on lock)."""
        for box in self.boxes.values():
            box.setText("")
        self.new_text.setText("")
