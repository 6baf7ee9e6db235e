"""The Resources place once unlocked: the shipped lines and my own, which I can edit.

Always headed by the emergency sentence. The lines for this computer's country come
first (mine before the shipped ones), then the others. My own lines live in the vault
(``vault.crisis_lines``); the shipped ones stay outside it. Import and export use the
published JSON format (docs/crisis-lines.schema.json): a bad file is refused with one
sentence naming its first problem, and nothing of it is imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.ui.common.look import emphasise
from desktop.ui.common.notices import follow_changes
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label
from desktop.ui.resources.crisis_files import choose_crisis_file, read_limited, write_export
from desktop.ui.resources.crisis_line_form import CrisisLineForm
from desktop.ui.resources.crisis_view import line_block, line_text, scrolling, shipped_lines
from desktop.ui.resources.crisis_view import this_country as computer_country
from desktop.vault.changes import Changed
from desktop.vault.crisis_directory import COUNTRY_PREFERENCE


class CrisisDirectoryPage(QWidget):
    """Shipped and own crisis lines; add, edit, remove, import and export my own."""

    status = Signal(str)

    def __init__(
        self, ops: VaultOps, parent: QWidget | None = None, *, country: str | None = None
    ) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self.country = computer_country() if country is None else country
        notice_text, completeness, self._shipped = shipped_lines()
        self._own: list[Any] = []
        self._editing: str | None = None
        self.lines_text: list[str] = []
        self.own_buttons: dict[str, tuple[Any, Any]] = {}
        self.notice = emphasise(label(notice_text, "EmergencyNotice"), 1)
        self.notice.setAccessibleName("Emergency notice")
        self.add_button = button("&Add a line…", "Add a crisis line of your own")
        self.import_button = button("&Import…", "Import crisis lines from a file")
        self.export_button = button("E&xport your lines…", "Export your crisis lines to a file")
        # Which country comes first: this computer's, unless the user picks another
        # (kept in the vault's preferences; the lock screen uses the computer's).
        self._computer_country = self.country
        self.country_box = QComboBox()
        self.country_box.setAccessibleName("Country shown first")
        self.country_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_countries()
        self.outcome = label("", "Muted")
        self.outcome.setAccessibleName("Import and export")
        self.outcome.hide()
        self.form = CrisisLineForm()
        self._rows = QVBoxLayout()
        self._rows.setSpacing(14)
        column = QWidget()
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.addWidget(self.form)
        inner.addLayout(self._rows)
        inner.addStretch(1)
        tools = QHBoxLayout()
        tools.addWidget(self.add_button)
        tools.addWidget(self.import_button)
        tools.addWidget(self.export_button)
        tools.addStretch(1)
        # A row of its own: beside the buttons it would be squeezed at 150% text.
        first = QHBoxLayout()
        first.addWidget(label("Show &first:", wrap=False, buddy=self.country_box, plain=False))
        first.addWidget(self.country_box)
        first.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(label("Crisis resources", "ScreenTitle"))
        layout.addWidget(self.notice)
        layout.addLayout(tools)
        layout.addLayout(first)
        layout.addWidget(self.outcome)
        layout.addWidget(scrolling(column), 1)
        self.completeness = label(completeness, "Muted")
        layout.addWidget(self.completeness)
        self.add_button.clicked.connect(lambda: self.edit_line(None))
        self.import_button.clicked.connect(self._choose_import)
        self.export_button.clicked.connect(self._choose_export)
        self.form.saved.connect(self._save)
        self.form.cancelled.connect(self._cancel)
        self.country_box.activated.connect(self._country_chosen)
        self._show_lines()
        shown = (Changed.CRISIS_LINES, Changed.PREFERENCES)
        follow_changes(self, self._ops.notices, shown, self.refresh)

    # Showing.
    def refresh(self) -> None:
        self._ops.run(
            lambda v: (v.crisis_lines.list(), v.get_preference(COUNTRY_PREFERENCE, "")),
            self._loaded,
        )

    def _loaded(self, loaded: tuple[list[Any], object]) -> None:
        self._own, chosen = loaded
        self.country = chosen if isinstance(chosen, str) and chosen else self._computer_country
        self._fill_countries()
        self._show_lines()

    def _fill_countries(self) -> None:
        countries = sorted({line.country for line in (*self._shipped, *self._own)})
        self.country_box.blockSignals(True)
        self.country_box.clear()
        here = self._computer_country or "not set"
        self.country_box.addItem(f"This computer's country ({here})", "")
        for country in countries:
            self.country_box.addItem(country, country)
        index = self.country_box.findData(self.country)
        self.country_box.setCurrentIndex(max(index, 0))
        self.country_box.blockSignals(False)

    def _country_chosen(self, index: int) -> None:
        chosen = str(self.country_box.itemData(index) or "")
        self.country = chosen or self._computer_country
        self._show_lines()
        self._ops.run(lambda v: v.set_preference(COUNTRY_PREFERENCE, chosen), write=True)

    def _show_lines(self) -> None:
        from desktop.models.crisis import serves_country

        self._clear_rows()
        here = self.country
        ordered = (
            [(line, True) for line in self._own if serves_country(line.country, here)]
            + [(line, False) for line in self._shipped if serves_country(line.country, here)]
            + [(line, True) for line in self._own if not serves_country(line.country, here)]
            + [(line, False) for line in self._shipped if not serves_country(line.country, here)]
        )
        for line, own in ordered:
            block, _ = line_block(line, "added by you" if own else "")
            if own:
                edit = button("Edit", f"Edit {line.service}", link=True)
                remove = button("Remove", f"Remove {line.service}", link=True)
                edit.clicked.connect(lambda _=False, x=line: self.edit_line(x))
                remove.clicked.connect(lambda _=False, x=line.id: self.remove_line(x))
                actions = QHBoxLayout()
                actions.addWidget(edit)
                actions.addWidget(remove)
                actions.addStretch(1)
                block.addLayout(actions)
                self.own_buttons[line.id] = (edit, remove)
            holder = QWidget()
            holder.setLayout(block)
            block.setContentsMargins(0, 0, 0, 0)
            self._rows.addWidget(holder)
            self.lines_text.append(line_text(line))
        self.export_button.setEnabled(bool(self._own))

    def _clear_rows(self) -> None:
        self.lines_text = []
        self.own_buttons = {}
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                for text in widget.findChildren(QLabel):
                    text.setText("")
                widget.hide()
                widget.deleteLater()

    # Editing.
    def edit_line(self, line: Any | None) -> None:
        self._editing = None if line is None else line.id
        self.form.load(line, f"{self._ops.today():%Y-%m}")

    def _save(self, values: dict[str, str]) -> None:
        from desktop.models.crisis import InvalidCrisisLine
        from desktop.vault.crisis_directory import crisis_line

        try:
            line = crisis_line(**values)
        except InvalidCrisisLine as exc:
            self.form.show_problem(exc.user_message)
            return
        editing = self._editing

        def save(v: Any) -> Any:
            if editing is None:
                return v.crisis_lines.add(line)
            return v.crisis_lines.update(editing, line)

        self._ops.run(save, self._saved, write=True)

    def _saved(self, _: object) -> None:
        self.form.clear()
        self.status.emit("Crisis line saved.")
        self.refresh()
        self.add_button.setFocus()

    def _cancel(self) -> None:
        self.form.clear()
        self.add_button.setFocus()

    def remove_line(self, line_id: str) -> None:
        self._ops.run(lambda v: v.crisis_lines.remove(line_id), self._removed, write=True)

    def _removed(self, _: object) -> None:
        self.status.emit("Crisis line removed.")
        self.refresh()

    # Import and export.
    def _choose_import(self) -> None:
        path = choose_crisis_file(self, save=False, data_dir=self._ops.context.locations.data_dir)
        if path is not None:
            self.import_from(path)

    def import_from(self, path: Path) -> None:
        """Import every line of the file, or none of it with one plain sentence."""
        from desktop.models.crisis import CrisisFileRefused

        def done(added: int) -> None:
            self._say(
                f"Imported {added} line{'s' if added != 1 else ''}."
                if added
                else "Every line in that file is already in your list."
            )
            self.refresh()

        def refused(exc: BaseException) -> None:
            if isinstance(exc, (CrisisFileRefused, OSError)):
                sentence = (
                    exc.user_message
                    if isinstance(exc, CrisisFileRefused)
                    else "That file could not be read. Nothing was changed."
                )
                self._say(sentence, error=True)
                return
            self._ops.report(exc)

        self._ops.run(lambda v: v.crisis_lines.import_file(read_limited(path)), done, refused)

    def _choose_export(self) -> None:
        path = choose_crisis_file(self, save=True, data_dir=self._ops.context.locations.data_dir)
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        own = list(self._own)

        def failed(exc: BaseException) -> None:
            self._say("The file could not be written. Nothing was exported.", error=True)

        self._ops.run_long(
            lambda: write_export(path, own),
            lambda _: self._say(f"Exported {len(own)} line{'s' if len(own) != 1 else ''}."),
            failed,
        )

    def _say(self, sentence: str, *, error: bool = False) -> None:
        self.outcome.setObjectName("Error" if error else "Muted")
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        self.outcome.setText(sentence)
        self.outcome.show()

    def clear_content(self) -> None:
        self._own = []
        self.country = self._computer_country
        self._fill_countries()
        self.form.clear()
        self.outcome.setText("")
        self._show_lines()
