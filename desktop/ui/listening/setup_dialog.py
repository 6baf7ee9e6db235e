"""Setting up a listening session: who is here, the rounds, minutes per turn, the order.

A dialog of the open vault's view (a lock destroys it with the view), because it shows
saved formats from the vault. Names typed here are kept only in memory and handed to
the session window; nothing is saved unless the user saves a format (which holds no
names). Peer contacts (issue 14) will suggest names through `suggested_names`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.models.listening import (
    DEFAULT_FORMAT,
    MAX_MINUTES,
    MAX_NAME_CHARS,
    MAX_PARTICIPANTS,
    MIN_MINUTES,
    MIN_PARTICIPANTS,
    InvalidListeningPlan,
    ListeningFormat,
    SessionPlan,
    format_from,
)
from desktop.ui.common.look import emphasise
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label, mark_sensitive
from desktop.ui.listening import words
from desktop.ui.listening.peer_names import load_suggested_names

log = logging.getLogger("alongside.ui")

NAMES_HINT = "Two to eight people, by first name or initials. Each name once."
ROUNDS_HINT = "One question per line; every person has a turn in each round."


class SetupDialog(QDialog):
    """Emits ``start_requested(plan)``; the caller opens the session window."""

    start_requested = Signal(object)  # SessionPlan

    def __init__(self, ops: VaultOps, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(words.WINDOW_TITLE)
        self.setAccessibleName("Set up a listening session")
        self._ops = ops.bound_to(self)
        self.formats: list[ListeningFormat] = [DEFAULT_FORMAT]

        title = label("A listening session", "ScreenTitle")
        routine = label(words.ROUTINE_SPACE)
        routine.setToolTip(words.ROUTINE_SPACE_WHY)
        routine.setAccessibleName("What this is for")
        how = label(words.HOW_IT_WORKS, "Muted")

        self.suggestions = QStringListModel(self)
        completer = QCompleter(self.suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.name_edits: list[QLineEdit] = []
        names_grid = QGridLayout()
        names_grid.setHorizontalSpacing(12)
        names_grid.setVerticalSpacing(8)
        for index in range(MAX_PARTICIPANTS):
            edit = mark_sensitive(QLineEdit())
            edit.setMaxLength(MAX_NAME_CHARS)
            edit.setPlaceholderText(f"Person {index + 1}")
            edit.setAccessibleName(f"Person {index + 1}")
            edit.setCompleter(completer)
            names_grid.addWidget(edit, index // 2, index % 2)
            self.name_edits.append(edit)

        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName("Format")
        self.format_combo.activated.connect(self._format_chosen)
        self.rounds_edit = mark_sensitive(QPlainTextEdit())
        self.rounds_edit.setAccessibleName("Rounds, one question per line")
        self.rounds_edit.setTabChangesFocus(True)
        self.rounds_edit.setFixedHeight(self.rounds_edit.fontMetrics().lineSpacing() * 5 + 26)
        self.minutes = QSpinBox()
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes per turn")
        self.as_entered = QRadioButton("In the order entered")
        self.shuffled = QRadioButton("Shuffled")
        self.as_entered.setChecked(True)
        order = QButtonGroup(self)
        order.addButton(self.as_entered)
        order.addButton(self.shuffled)
        self.format_name = mark_sensitive(QLineEdit())
        self.format_name.setPlaceholderText("A name for this format")
        self.format_name.setAccessibleName("Format name")
        self.save_format_button = button("Save as a format")
        self.save_format_button.clicked.connect(self.save_format)
        self.forget_format_button = button("Forget this format", link=True)
        self.forget_format_button.clicked.connect(self.forget_format)
        self.message = label("", "Error")
        self.message.setAccessibleName("Problem")
        self.start_button = button("Start the session", primary=True)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        cancel = button("Cancel")
        cancel.clicked.connect(self.reject)

        form = QVBoxLayout()
        form.setSpacing(10)
        form.addWidget(title)
        form.addWidget(routine)
        form.addWidget(how)
        form.addWidget(emphasise(label("Who is here", buddy=self.name_edits[0])))
        form.addWidget(label(NAMES_HINT, "Muted"))
        form.addLayout(names_grid)
        form.addWidget(emphasise(label("Rounds", buddy=self.format_combo)))
        format_row = QHBoxLayout()
        format_row.addWidget(self.format_combo, 1)
        format_row.addWidget(self.forget_format_button)
        form.addLayout(format_row)
        form.addWidget(label(ROUNDS_HINT, "Muted"))
        form.addWidget(self.rounds_edit)
        save_row = QHBoxLayout()
        save_row.addWidget(self.format_name, 1)
        save_row.addWidget(self.save_format_button)
        form.addLayout(save_row)
        # One row each, so nothing runs off the side at 150% text.
        timing = QHBoxLayout()
        timing.addWidget(emphasise(label("Minutes per turn", wrap=False, buddy=self.minutes)))
        timing.addWidget(self.minutes)
        timing.addStretch(1)
        form.addLayout(timing)
        order_row = QHBoxLayout()
        order_row.addWidget(emphasise(label("Order", wrap=False)))
        order_row.addWidget(self.as_entered)
        order_row.addWidget(self.shuffled)
        order_row.addStretch(1)
        form.addLayout(order_row)
        form.addWidget(self.message)

        content = QWidget()
        content.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        # About 70 characters wide, as tall as fits: follows the text size.
        em = self.fontMetrics().averageCharWidth()
        self.resize(max(620, em * 72), min(680, max(640, self.fontMetrics().lineSpacing() * 40)))

        self._show_formats()
        self._format_chosen(0)
        self.load_formats()
        load_suggested_names(self._ops, self.suggestions.setStringList)
        self.name_edits[0].setFocus()

    # Formats.
    def load_formats(self) -> None:
        self._ops.run(lambda vault: vault.listening_formats.list(), self._formats_loaded)

    def _formats_loaded(self, saved: list[ListeningFormat]) -> None:
        self.formats = [DEFAULT_FORMAT, *(f for f in saved if f.name != DEFAULT_FORMAT.name)]
        self._show_formats()

    def _show_formats(self) -> None:
        current = self.format_combo.currentIndex()
        self.format_combo.clear()
        for session_format in self.formats:
            self.format_combo.addItem(session_format.name)
        self.format_combo.setCurrentIndex(max(0, min(current, len(self.formats) - 1)))

    def _format_chosen(self, index: int) -> None:
        if 0 <= index < len(self.formats):
            self._apply(self.formats[index])
        self.forget_format_button.setVisible(index > 0)  # the suggested one stays

    def forget_format(self) -> None:
        """Delete the chosen saved format from the vault (the suggested one cannot go)."""
        index = self.format_combo.currentIndex()
        if index <= 0 or index >= len(self.formats):
            return
        name = self.formats[index].name
        self._ops.run(
            lambda vault: vault.listening_formats.delete(name),
            lambda _: self._format_forgotten(name),
            write=True,
        )

    def _format_forgotten(self, name: str) -> None:
        log.info("listening.format_forgotten")
        self.formats = [f for f in self.formats if f.name != name]
        self.format_combo.setCurrentIndex(0)
        self._show_formats()
        self._format_chosen(0)

    def _apply(self, session_format: ListeningFormat) -> None:
        self.rounds_edit.setPlainText("\n".join(session_format.rounds))
        self.minutes.setValue(session_format.minutes_per_turn)

    def _typed_rounds(self) -> list[str]:
        return [line for line in self.rounds_edit.toPlainText().splitlines() if line.strip()]

    def save_format(self) -> None:
        """Save the rounds and minutes under a name (no names of people are saved)."""
        try:
            session_format = format_from(
                self.format_name.text(), self._typed_rounds(), self.minutes.value()
            )
        except InvalidListeningPlan:
            self.message.setText("To save a format, give it a name and at least one question.")
            return
        self.message.setText("")
        self._ops.run(
            lambda vault: vault.listening_formats.save(session_format),
            self._format_saved,
            write=True,
        )

    def _format_saved(self, session_format: ListeningFormat) -> None:
        log.info("listening.format_saved")
        self.format_name.clear()
        self.formats = [
            f for f in self.formats if f.name.casefold() != session_format.name.casefold()
        ]
        self.formats.append(session_format)
        self._show_formats()
        self.format_combo.setCurrentIndex(len(self.formats) - 1)
        self._format_chosen(len(self.formats) - 1)

    # Starting.
    def plan(self) -> SessionPlan:
        """The session as set up; raises `InvalidListeningPlan` with nothing started."""
        session_format = format_from("This session", self._typed_rounds(), self.minutes.value())
        return SessionPlan.make(
            [edit.text() for edit in self.name_edits],
            session_format,
            shuffle=self.shuffled.isChecked(),
        )

    def start(self) -> None:
        try:
            plan = self.plan()
        except InvalidListeningPlan:
            self.message.setText(self._what_is_missing())
            return
        self.start_requested.emit(plan)
        self.clear()
        self.accept()

    def _what_is_missing(self) -> str:
        """One plain sentence on what to change before the session can start."""
        names = [edit.text().strip() for edit in self.name_edits if edit.text().strip()]
        if len(names) < MIN_PARTICIPANTS:
            return "Add at least two people, by first name or initials."
        if len({name.casefold() for name in names}) != len(names):
            return "Two people have the same name here; add an initial so each turn is clear."
        if not self._typed_rounds():
            return "Add at least one question for the rounds."
        return "Keep each question under 120 characters."

    def clear(self) -> None:
        """Forget the typed names (they now live only in the session window)."""
        for edit in self.name_edits:
            edit.clear()
