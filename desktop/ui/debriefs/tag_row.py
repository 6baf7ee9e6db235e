"""A debrief's tags: removable chips and a field that autocompletes from existing tags."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QPushButton, QSizePolicy, QWidget

from desktop.ui.common.flow_layout import FlowLayout
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import label, mark_sensitive
from desktop.ui.debriefs.autosave import DebriefHandle

if TYPE_CHECKING:
    from desktop.vault import Vault


class TagRow(QWidget):
    """Shows and edits one debrief's tags; saves each change on the runner."""

    changed = Signal(object)  # the tags as stored

    def __init__(
        self,
        ops: VaultOps,
        ensure_saved: Callable[[], DebriefHandle],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self._ensure_saved = ensure_saved
        self.tags: list[str] = []
        self.chips: list[QPushButton] = []
        self.known = QStringListModel(self)
        self.input = QLineEdit()
        self.input.setPlaceholderText("Add a tag")
        self.input.setAccessibleName("Add a tag")
        self.input.setToolTip("Type a tag and press Enter; existing tags are suggested")
        self.input.setMaximumWidth(220)
        mark_sensitive(self.input)
        self.completer = QCompleter(self.known, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.input.setCompleter(self.completer)
        popup = self.completer.popup()
        if popup is not None:
            popup.setAccessibleName("Tag suggestions")
        # Chips wrap onto new lines: five ordinary tags must never push the editor wider
        # than its pane (UI.md: no sideways scrolling).
        self._flow = FlowLayout(self, spacing=4)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._flow.addWidget(label("Tags:", "Muted", wrap=False, buddy=self.input))
        self._flow.addWidget(self.input)
        self.input.returnPressed.connect(self.add_from_input)

    def set_known(self, names: list[str]) -> None:
        """Every tag in the vault, for autocomplete."""
        self.known.setStringList(names)

    def set_tags(self, tags: tuple[str, ...] | list[str]) -> None:
        self.tags = list(tags)
        for chip in self.chips:
            self._flow.removeWidget(chip)
            chip.setText("")
            chip.deleteLater()
        self.chips = []
        self._flow.removeWidget(self.input)
        for name in self.tags:
            chip = QPushButton(f"{name}  ×")
            chip.setObjectName("TagChip")
            chip.setAccessibleName(f"Remove tag {name}")
            chip.setToolTip("Remove this tag")
            chip.clicked.connect(lambda _=False, n=name: self.remove(n))
            self._flow.addWidget(chip)
            self.chips.append(chip)
        self._flow.addWidget(self.input)  # the field comes after the chips

    def add_from_input(self) -> None:
        name = " ".join(self.input.text().split())
        self.input.setText("")
        if not name or name.casefold() in (t.casefold() for t in self.tags):
            return
        self._save([*self.tags, name])

    def remove(self, name: str) -> None:
        self._save([t for t in self.tags if t != name])

    def _save(self, names: list[str]) -> None:
        handle = self._ensure_saved()

        def store(vault: Vault) -> Any:
            if handle.id is None:
                raise RuntimeError("debrief not saved")
            return vault.tags.set(handle.id, names)

        self._ops.run(store, self._stored)

    def _stored(self, tags: Any) -> None:
        self.set_tags(tags)
        self.changed.emit(tuple(tags))

    def clear(self) -> None:
        self.set_tags([])
        self.input.setText("")
        self.known.setStringList([])
