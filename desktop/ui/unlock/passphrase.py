"""Passphrase entry: a masked field with a show toggle, and the "new passphrase" form.

The new-passphrase form asks twice and gives live strength feedback from the vault's
``assess_passphrase``; a passphrase it finds too weak is refused with its reason.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.widgets import label, mark_sensitive, vault_api

STRENGTH_WORDS = ("Too weak", "Weak", "Fair", "Good", "Strong")


def passphrase_line_edit(accessible_name: str) -> QLineEdit:
    """A masked line edit that input methods do not learn from.

    Password echo mode makes Qt itself set ImhHiddenText | ImhSensitiveData |
    ImhNoPredictiveText (so the unlock screen needs no ``Qt`` enums at start-up).
    """
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible_name)
    return edit


class NewPassphraseForm(QWidget):
    """Passphrase typed twice, with live strength feedback; ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = passphrase_line_edit("New passphrase")
        self.second = passphrase_line_edit("New passphrase again")
        self.show_toggle = QCheckBox("Show passphrase")
        self.show_toggle.setAccessibleName("Show passphrase")
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName("Passphrase strength")
        self.strength = label("", "Muted", wrap=False)
        # Room for the longest word, so the meter does not jump while typing.
        metrics = self.strength.fontMetrics()
        self.strength.setMinimumWidth(max(metrics.horizontalAdvance(w) for w in STRENGTH_WORDS) + 8)
        self.feedback = label("", "Muted")
        self.feedback.setAccessibleName("Passphrase feedback")
        self._user_words: list[str] = []

        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.rows = form  # dialogs may add a row (e.g. the current passphrase) above
        form.addRow(label("&Passphrase", wrap=False, buddy=self.first), self.first)
        form.addRow(label("&Again", wrap=False, buddy=self.second), self.second)
        meter_row = QHBoxLayout()
        meter_row.addWidget(self.meter, 1)
        meter_row.addWidget(self.strength)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.show_toggle)
        layout.addLayout(meter_row)
        layout.addWidget(self.feedback)

        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self.show_toggle.toggled.connect(self._toggle_echo)
        self._problem = "Choose a passphrase."
        self._update()

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for field in (self.first, self.second):
            field.setEchoMode(mode)
            # Normal echo mode drops Qt's own sensitive/no-prediction hints: restore them.
            mark_sensitive(field)

    def _update(self) -> None:
        text = self.first.text()
        if not text:
            self.meter.setValue(0)
            self.strength.setText("")
            self.feedback.setText("Use a few unrelated words — long is stronger than complicated.")
            self._problem = "Choose a passphrase."
        else:
            assessment = vault_api().assess_passphrase(text, self._user_words)
            score = max(0, min(4, int(assessment.score)))
            self.meter.setValue(score)
            self.strength.setText(STRENGTH_WORDS[score])
            if not assessment.acceptable:
                self._problem = assessment.feedback or "This passphrase is too easy to guess."
                self.feedback.setText(self._problem)
            elif self.second.text() and self.second.text() != text:
                self._problem = "The two passphrases are different."
                self.feedback.setText(self._problem)
            elif not self.second.text():
                self._problem = "Type the passphrase again to be sure of it."
                self.feedback.setText(f"{assessment.feedback} {self._problem}".strip())
            else:
                self._problem = ""
                self.feedback.setText(assessment.feedback or "Good passphrase.")
        self.changed.emit()

    def set_user_words(self, words: list[str]) -> None:
        """Words of the user's own (the vault's name) that a passphrase should not lean on."""
        self._user_words = [word for word in words if word.strip()]
        if self.first.text():
            self._update()

    def shows_problem(self) -> bool:
        """Whether the feedback line already says why the passphrase cannot be used."""
        return bool(self._problem) and self.feedback.text().endswith(self._problem)

    def problem(self) -> str:
        """Why the passphrase cannot be used yet, or "" if it can."""
        return self._problem

    def passphrase(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
        self.show_toggle.setChecked(False)
