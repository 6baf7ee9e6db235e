"""Show a new recovery code once, then ask it back before going on.

"I have written it down" is the default path; printing is an explicit option that first
warns that print queues and "print to PDF" keep copies. The code is asked back (typos
are caught by its checksum) so nobody leaves with a code they cannot read.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.messages import Button, MessageBoxes
from desktop.ui.common.widgets import button, label, mark_sensitive, vault_api

GROUPS_PER_LINE = 4


def format_code(code: str) -> str:
    """The code in lines of a few groups, easier to copy by hand."""
    groups = [group for group in code.replace(" ", "-").split("-") if group]
    lines = [
        "  ".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)
    ]
    return "\n".join(lines)


def recovery_code_line_edit(accessible_name: str) -> QLineEdit:
    """A monospaced entry for a recovery code that input methods do not learn from."""
    entry = QLineEdit()
    entry.setAccessibleName(accessible_name)
    mark_sensitive(entry)
    mono = QFont("monospace")
    mono.setStyleHint(QFont.StyleHint.Monospace)
    entry.setFont(mono)
    return entry


class RecoveryCodeFlow(QStackedWidget):
    """Two steps: show the code; type it back. Emits ``confirmed`` when it matches."""

    confirmed = Signal()

    def __init__(self, messages: MessageBoxes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._messages = messages
        self._code = ""
        self.setAccessibleName("Recovery code")

        # Step 1: the code.
        show_page = QWidget()
        self.code_label = QLabel()
        self.code_label.setObjectName("RecoveryCode")
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setAccessibleName("Your recovery code")
        # Not selectable: copying would put the code on the clipboard.
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.written_button = button("I have &written it down", primary=True)
        self.written_button.setDefault(True)
        self.print_button = button("&Print…", "Print the recovery code")
        show_layout = QVBoxLayout(show_page)
        show_layout.setSpacing(14)
        show_layout.addWidget(label("Your recovery code", "ScreenTitle"))
        show_layout.addWidget(
            label(
                "If you ever forget your passphrase, this code is the only other way into "
                "your vault. It is shown only this once. Write it down on paper and keep it "
                "somewhere safe, away from this computer.",
                "Muted",
            )
        )
        show_layout.addWidget(self.code_label)
        show_layout.addStretch(1)
        show_buttons = QHBoxLayout()
        show_buttons.addWidget(self.print_button)
        show_buttons.addStretch(1)
        show_buttons.addWidget(self.written_button)
        show_layout.addLayout(show_buttons)

        # Step 2: type it back.
        confirm_page = QWidget()
        self.entry = recovery_code_line_edit("Type your recovery code")
        self.entry.setPlaceholderText("ABCD-EFGH-…")
        self.error = label("", "Error")
        self.error.setAccessibleName("Recovery code problem")
        self.confirm_button = button("&Confirm", primary=True)
        self.back_button = button("Show the code &again")
        confirm_layout = QVBoxLayout(confirm_page)
        confirm_layout.setSpacing(14)
        confirm_layout.addWidget(label("Check your copy", "ScreenTitle"))
        confirm_layout.addWidget(
            label(
                "Type the code from your paper. Spaces and dashes don't matter.",
                "Muted",
                buddy=self.entry,
            )
        )
        confirm_layout.addWidget(self.entry)
        confirm_layout.addWidget(self.error)
        confirm_layout.addStretch(1)
        confirm_buttons = QHBoxLayout()
        confirm_buttons.addWidget(self.back_button)
        confirm_buttons.addStretch(1)
        confirm_buttons.addWidget(self.confirm_button)
        confirm_layout.addLayout(confirm_buttons)

        self.addWidget(show_page)
        self.addWidget(confirm_page)
        self.written_button.clicked.connect(self._ask_back)
        self.print_button.clicked.connect(self._print)
        self.back_button.clicked.connect(lambda: self.setCurrentIndex(0))
        self.confirm_button.clicked.connect(self._check)
        self.entry.returnPressed.connect(self._check)

    def show_code(self, code: str) -> None:
        """Start the flow for a freshly made code."""
        self._code = code
        self.code_label.setText(format_code(code))
        self.entry.clear()
        self.error.clear()
        self.setCurrentIndex(0)
        self.written_button.setFocus()

    def clear(self) -> None:
        """Forget the code (after confirmation or on lock)."""
        self._code = ""
        self.code_label.clear()
        self.entry.clear()
        self.error.clear()

    def _ask_back(self) -> None:
        self.setCurrentIndex(1)
        self.entry.setFocus()

    def _check(self) -> None:
        api = vault_api()
        try:
            typed = api.check_recovery_code(self.entry.text())
        except api.RecoveryCodeTypo:
            self.error.setText(
                "That code has a typo somewhere. Compare it with your paper, group by group."
            )
            return
        if typed != api.check_recovery_code(self._code):
            self.error.setText("That is a valid code, but not this one. Look again at your copy.")
            return
        self.clear()
        self.confirmed.emit()

    def _print(self) -> None:
        answer = self._messages.ask(
            self,
            "Print the recovery code?",
            "Printers and print queues can keep a copy of what they print, and "
            '"Print to PDF" saves a file on this computer. Anyone who finds that copy can '
            "open your vault.\n\nPrint only to a printer you trust, and pick it up at once.",
            Button.Yes | Button.Cancel,
            Button.Cancel,
        )
        if answer != Button.Yes:
            return
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        printer.setDocName("Alongside")  # a neutral job name in the print queue
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setPlainText(
            "Alongside recovery code\n\n" + format_code(self._code) + "\n\nKeep this safe."
        )
        document.print_(printer)
