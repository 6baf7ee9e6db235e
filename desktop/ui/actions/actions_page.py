"""Open actions across every debrief: tick one off (or undo), or open its debrief."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.look import UNTITLED, day_label, emphasise, shorten
from desktop.ui.common.notices import follow_changes
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label
from desktop.ui.common.wrapping_check import WrappingCheckBox
from desktop.vault.changes import Changed


class ActionsPage(QWidget):
    """Every action point not yet done, soonest due first."""

    open_requested = Signal(str)  # debrief id
    changed = Signal()

    def __init__(self, ops: VaultOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self.boxes: dict[str, WrappingCheckBox] = {}
        self._rows = QVBoxLayout()
        self._rows.setSpacing(6)
        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.addLayout(self._rows)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        self.empty_hint = label(
            "No open action points. Points you write in a debrief's action list show here "
            "until they are done.",
            "Muted",
        )
        self.show_done = QCheckBox("Show done action points (untick one to reopen it)")
        self.show_done.setAccessibleName("Show done action points")
        self.show_done.toggled.connect(lambda _: self.refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(label("Open actions", "ScreenTitle"))
        layout.addWidget(self.show_done)
        layout.addWidget(self.empty_hint)
        layout.addWidget(scroll, 1)
        follow_changes(self, self._ops.notices, (Changed.ACTIONS, Changed.DEBRIEFS), self.refresh)

    def refresh(self) -> None:
        with_done = self.show_done.isChecked()
        self._ops.run(
            lambda v: (v.actions.open(), v.actions.done() if with_done else []),
            lambda both: self.show_actions(*both),
        )

    def show_actions(self, open_actions: list[Any], done_actions: list[Any] | None = None) -> None:
        self.clear_content()
        for entry in open_actions:
            self._add_row(entry, done=False)
        if done_actions:
            self._rows.addWidget(emphasise(label("Done", "SectionTitle")))
        for entry in done_actions or []:
            self._add_row(entry, done=True)
        self.empty_hint.setVisible(not open_actions)

    def _add_row(self, entry: Any, *, done: bool) -> None:
        action = entry.action
        if done:
            when = f" — done {action.done_at:%a %d %b}" if action.done_at else ""
        else:
            when = f" — due {action.due:%a %d %b}" if action.due else ""
        box = WrappingCheckBox(f"{action.text}{when}")
        box.setChecked(done)
        box.setAccessibleName(f"Action point: {action.text}")
        box.toggled.connect(lambda ticked, a=action.id: self._set_done(a, ticked))
        source = button(
            f"from “{shorten(entry.debrief_title or UNTITLED)}”, "
            f"{day_label(entry.debrief_created)}",
            "Open the debrief",
            link=True,
        )
        source.clicked.connect(lambda _=False, d=action.debrief_id: self.open_requested.emit(d))
        source.setStyleSheet("text-align: left;")
        row = QVBoxLayout()
        row.setSpacing(0)
        row.addWidget(box)
        row.addWidget(source)
        holder = QWidget()
        holder.setLayout(row)
        self._rows.addWidget(holder)
        self.boxes[action.id] = box

    def _set_done(self, action_id: str, done: bool) -> None:
        self._ops.run(lambda v: v.actions.set_done(action_id, done), lambda _: self.changed.emit())

    def clear_content(self) -> None:
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                for child in widget.findChildren(QAbstractButton):
                    child.setText("")
                for box in widget.findChildren(WrappingCheckBox):
                    box.text_label.setText("")
                widget.hide()
                widget.deleteLater()
        self.boxes = {}
