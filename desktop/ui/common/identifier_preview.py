"""The identifier check's preview: the text about to leave the vault, likely patient
identifiers highlighted and listed, asking once whether to go on.

Used by Export now and meant for the partner's share preview too: the words that differ
(title, caveat, the go-on button, a note under the text) are parameters. The dialog
opens window-modal with ``open()`` and answers with ``accepted``/``rejected``; it is a
child of the view that asked, so a lock destroys it with everything it shows. Nothing
here logs what was found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent, QShowEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.privacy.findings import Finding
from desktop.ui.common.look import emphasise, shorten
from desktop.ui.common.theme import theme_colour
from desktop.ui.common.widgets import fit_height_to_text, label, mark_sensitive

EXPORT_CAVEAT = "This check can miss identifiers; read what you export."
LIST_ROWS = 4  # rows of the findings list shown before it scrolls


@dataclass(frozen=True)
class PreviewWords:
    """What the preview says; the export's words by default."""

    title: str = "Check before you export"
    caveat: str = EXPORT_CAVEAT
    text_name: str = "Text to be exported"
    proceed: str = "&Export anyway"
    back: str = "&Go back"
    note: str = ""


def summary_sentence(count: int) -> str:
    if count == 0:
        return "Alongside found nothing that looks like a patient identifier."
    things = "one thing" if count == 1 else f"{count} things"
    return (
        f"Alongside found {things} that may identify a patient, highlighted below. "
        "Choose one in the list to see it in the text."
    )


def mark_format() -> QTextCharFormat:
    """The highlight: the theme's marker colour with its own text colour, underlined
    (colour is never the only signal)."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(theme_colour("mark")))
    fmt.setForeground(QColor(theme_colour("mark_text")))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    return fmt


class IdentifierPreview(QWidget):
    """A summary, the list of findings and the read-only text with each one marked."""

    def __init__(self, words: PreviewWords | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words or PreviewWords()
        self.summary = label("")
        self.caveat = emphasise(label(self.words.caveat))
        self.findings_list = QListWidget()
        self.findings_list.setAccessibleName("Likely identifiers found")
        self.findings_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings_list.setWordWrap(True)
        self.text_view = mark_sensitive(QPlainTextEdit())
        self.text_view.setReadOnly(True)
        self.text_view.setAccessibleName(self.words.text_name)
        self.text_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.caveat)
        self.found_label = label("&Found:", buddy=self.findings_list)
        layout.addWidget(self.found_label)
        layout.addWidget(self.findings_list)
        layout.addWidget(label("&The text, as it will leave the vault:", buddy=self.text_view))
        layout.addWidget(self.text_view, 1)
        self._spans: list[tuple[int, int]] = []
        self.findings_list.currentRowChanged.connect(self.show_finding)

    def show_text(self, text: str, findings: Sequence[Finding]) -> None:
        """Show `text` with each finding (its offsets into `text`) highlighted."""
        self.clear()
        self.summary.setText(summary_sentence(len(findings)))
        document = self.text_view.document()
        cursor = QTextCursor(document)
        plain, marked = QTextCharFormat(), mark_format()
        done = 0
        for finding in sorted(findings, key=lambda f: f.start):
            cursor.insertText(text[done : finding.start], plain)
            begin = cursor.position()
            found = text[finding.start : finding.end]
            cursor.insertText(found, marked)
            self._spans.append((begin, cursor.position()))
            item = QListWidgetItem(f"{finding.kind.label}: {shorten(' '.join(found.split()), 60)}")
            self.findings_list.addItem(item)
            done = finding.end
        cursor.insertText(text[done:], plain)
        self.text_view.moveCursor(QTextCursor.MoveOperation.Start)
        self.found_label.setVisible(bool(findings))
        self.findings_list.setVisible(bool(findings))
        self.fit_list()

    def fit_list(self) -> None:
        """Room for a few whole rows of findings in the font in use; the rest scroll."""
        listed = self.findings_list
        rows = min(max(listed.count(), 1), LIST_ROWS)
        row_height = listed.sizeHintForRow(0) if listed.count() else listed.fontMetrics().height()
        listed.setFixedHeight(rows * max(row_height, 1) + 2 * listed.frameWidth())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_list()  # once polished: the rows have the font they are shown in

    def show_finding(self, row: int) -> None:
        """Select finding `row` in the text and scroll it into view."""
        if not 0 <= row < len(self._spans):
            return
        begin, end = self._spans[row]
        cursor = self.text_view.textCursor()
        cursor.setPosition(begin)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text_view.setTextCursor(cursor)
        self.text_view.ensureCursorVisible()

    def highlight_formats(self) -> list[QTextCharFormat]:
        """The character format inside each marked piece (for tests)."""
        formats = []
        for begin, _ in self._spans:
            cursor = QTextCursor(self.text_view.document())
            cursor.setPosition(begin + 1)
            formats.append(cursor.charFormat())
        return formats

    def highlighted_texts(self) -> list[str]:
        """The marked pieces of text as shown (for tests and accessibility checks)."""
        text = self.text_view.toPlainText()
        return [text[begin:end] for begin, end in self._spans]

    def clear(self) -> None:
        """Forget the text and findings (on close and on lock)."""
        self._spans = []
        self.findings_list.clear()
        self.text_view.clear()
        self.summary.setText("")


class IdentifierPreviewDialog(QDialog):
    """The preview in a window-modal dialog: accepted = go on, rejected = go back."""

    def __init__(self, parent: QWidget, words: PreviewWords | None = None) -> None:
        super().__init__(parent)
        self.words = words or PreviewWords()
        self.setWindowTitle(self.words.title)
        self.setAccessibleName(self.words.title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview = IdentifierPreview(self.words)
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.words.title, "ScreenTitle"))
        layout.addWidget(self.preview, 1)
        if self.words.note:
            layout.addWidget(label(self.words.note))
        self.buttons = QDialogButtonBox()
        self.back_button = self.buttons.addButton(
            self.words.back, QDialogButtonBox.ButtonRole.RejectRole
        )
        self.proceed_button = self.buttons.addButton(
            self.words.proceed, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.back_button.setAccessibleName(self.words.back.replace("&", ""))
        self.proceed_button.setAccessibleName(self.words.proceed.replace("&", ""))
        # Going back is the safe answer: Escape, and Enter unless the focus is on
        # "Export anyway" itself, take it.
        self.back_button.setDefault(True)
        self.proceed_button.setAutoDefault(True)
        layout.addWidget(self.buttons)
        # Tab follows reading order: list, text, then the buttons as the box lays them out.
        QWidget.setTabOrder(self.preview.findings_list, self.preview.text_view)
        first, second = self.proceed_button, self.back_button
        box = self.buttons.layout()
        if box is not None and box.indexOf(second) < box.indexOf(first):
            first, second = second, first
        QWidget.setTabOrder(self.preview.text_view, first)
        QWidget.setTabOrder(first, second)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(560)

    def show_text(self, text: str, findings: Sequence[Finding]) -> None:
        self.preview.show_text(text, findings)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        parent = self.parentWidget()
        if parent is not None:
            room = parent.window().size()
            self.resize(
                max(self.minimumWidth(), min(900, room.width() - 60)),
                max(self.height(), room.height() - 40),
            )
        fit_height_to_text(self)
        self.preview.findings_list.setFocus()
        if self.preview.findings_list.count():
            self.preview.findings_list.setCurrentRow(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            self.focusWidget() is self.preview.findings_list
        ):
            return  # Enter on the list shows the finding; it never answers the dialog
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        self.preview.clear()  # the text is content: gone once the dialog closes
        super().done(result)
