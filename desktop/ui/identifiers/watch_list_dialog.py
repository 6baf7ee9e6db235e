"""Vault > Names to watch for…: the patient names the identifier check looks for.

The list lives in the vault (`vault/watch_list.py`); this dialog adds and removes names
on the database lane and follows change notices, so a change made elsewhere shows at
once. It is a child of the vault's view: a lock destroys it and the names it shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.watch_list import InvalidWatchName, WatchListFull
from desktop.ui.common.look import roomy
from desktop.ui.common.notices import follow_changes
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, fit_height_to_text, label, mark_sensitive
from desktop.vault.changes import Changed

if TYPE_CHECKING:
    from desktop.vault import Vault

TITLE = "Names to watch for"
WHY = (
    "Names of patients you must not send or export: Alongside highlights them before "
    "anything leaves your vault."
)
HOW = "Whole words; capitals and accents do not matter. The list stays in your vault."
EMPTY = "No names yet. Type a name above and press Enter."


class WatchListDialog(QDialog):
    """Add and remove names; every change is saved at once."""

    def __init__(self, ops: VaultOps, parent: QWidget) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.name_edit = mark_sensitive(QLineEdit())
        self.name_edit.setAccessibleName("Name to watch for")
        self.name_edit.setPlaceholderText("A patient's name, e.g. Jo Bloggs")
        self.name_edit.setMaxLength(200)
        self.add_button = button("&Add", "Add name")
        self.problem = label("", "Error")
        self.problem.hide()
        self.names_list = QListWidget()
        self.names_list.setAccessibleName("Names on the watch list")
        self.names_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.names_list.setWordWrap(True)
        self.empty = label(EMPTY, "Muted")
        self.count = label("", "Muted")
        self.remove_button = button("&Remove", "Remove the chosen name")
        self.remove_button.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(label(TITLE, "ScreenTitle"))
        layout.addWidget(label(WHY))
        layout.addWidget(label(HOW, "Muted"))
        layout.addWidget(label("&Name:", buddy=self.name_edit))
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(label("Names on the &list:", buddy=self.names_list))
        layout.addWidget(self.names_list, 1)
        layout.addWidget(self.empty)
        below = QHBoxLayout()
        below.addWidget(self.remove_button)
        below.addWidget(self.count, 1)
        below.addWidget(self.buttons)
        layout.addLayout(below)
        self.setMinimumWidth(560)

        self.name_edit.returnPressed.connect(self.add_name)
        self.add_button.clicked.connect(self.add_name)
        self.remove_button.clicked.connect(self.remove_chosen)
        self.names_list.currentRowChanged.connect(
            lambda row: self.remove_button.setEnabled(row >= 0)
        )
        self.buttons.rejected.connect(self.reject)
        follow_changes(self, self._ops.notices, (Changed.PREFERENCES,), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self._ops.run(lambda v: v.watch_list.names(), self._show_names)

    def _show_names(self, names: list[str]) -> None:
        current = self.names_list.currentItem()
        chosen = current.text() if current is not None else None
        self.names_list.clear()
        for name in names:
            self.names_list.addItem(roomy(QListWidgetItem(name), self.names_list))
        self.empty.setVisible(not names)
        self.count.setText("" if not names else f"{len(names)} name{'s' * (len(names) != 1)}")
        matches = self.names_list.findItems(chosen or "", Qt.MatchFlag.MatchExactly)
        if chosen and matches:
            self.names_list.setCurrentItem(matches[0])
        self.remove_button.setEnabled(self.names_list.currentRow() >= 0)

    def names(self) -> list[str]:
        return [self.names_list.item(i).text() for i in range(self.names_list.count())]

    def add_name(self) -> None:
        typed = self.name_edit.text()
        if not typed.strip():
            self.name_edit.setFocus()
            return

        def add(vault: Vault) -> list[str]:
            return vault.watch_list.add(typed)

        self._ops.run(add, self._added, self._refused, write=True)

    def _added(self, names: list[str]) -> None:
        self.problem.hide()
        self.name_edit.clear()
        self._show_names(names)
        self.name_edit.setFocus()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, (InvalidWatchName, WatchListFull)):
            self.problem.setText(exc.user_message)  # our sentence, never the name typed
            self.problem.show()
            self.name_edit.setFocus()
            return
        self._ops.report(exc)

    def remove_chosen(self) -> None:
        row = self.names_list.currentRow()
        if row < 0:
            return
        name = self.names_list.item(row).text()

        def remove(vault: Vault) -> list[str]:
            return vault.watch_list.remove(name)

        def removed(names: list[str]) -> None:
            self._show_names(names)
            if names:
                self.names_list.setCurrentRow(min(row, len(names) - 1))
                self.names_list.setFocus()
            else:
                self.name_edit.setFocus()

        self._ops.run(remove, removed, write=True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            self.focusWidget() is self.names_list
        ):
            self.remove_chosen()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter adds in the name field; it never closes the dialog
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height_to_text(self)
        self.name_edit.setFocus()

    def done(self, result: int) -> None:
        self.name_edit.clear()  # names are content: gone once the dialog closes
        self.names_list.clear()
        super().done(result)
