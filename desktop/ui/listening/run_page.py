"""The running session's screen: speaker, a large calm countdown, the question, who is next.

Sized to be read from across a room or on a shared call at 1280×720: every size is a
multiple of the app's own font, so the app's text-size setting scales it too. It only
shows what it is told; `session_window.ListeningWindow` holds the session and the clock.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.widgets import button, label
from desktop.ui.listening import words

# Multiples of the app's font size (so 150% text makes all of them larger).
SPEAKER_SCALE = 2.6
COUNTDOWN_SCALE = 6.0
QUESTION_SCALE = 1.6
NEXT_SCALE = 1.2
PROMPTS_SCALE = 1.15  # a little larger than body text: read on a shared screen too
MAX_GROWTH = 2.0  # on a large window, up to twice those sizes


def _larger(scale: float) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    return font


def _sized(widget: QLabel, scale: float, *, bold: bool = False, fit: float = 1.0) -> QLabel:
    """Set the label's font to ``scale`` × the app font, shrunk by ``fit`` (to fit)."""
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * max(1.0, scale * fit))
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    widget.setFont(font)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget


class RunPage(QWidget):
    """What the group sees while a turn runs; buttons mirror the window's shortcuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_fit = 1.0
        self.round_label = _sized(label("", "Muted"), QUESTION_SCALE)
        self.round_label.setAccessibleName("Round and question")
        self.speaker_label = _sized(label(""), SPEAKER_SCALE, bold=True)
        self.speaker_label.setAccessibleName("Speaking now")
        self.countdown = _sized(label("", wrap=False), COUNTDOWN_SCALE, bold=True)
        self.countdown.setObjectName("Countdown")
        self.countdown.setAccessibleName("Time left")
        self.cue_label = _sized(label(""), NEXT_SCALE)
        self.cue_label.setAccessibleName("Timer status")
        self.next_label = _sized(label("", "Muted"), NEXT_SCALE)
        self.next_label.setAccessibleName("Next")

        self.pause_button = button("Pause (Space)", "Pause or carry on")
        self.next_button = button("Next (→)", "Next turn")
        self.pass_button = button("Pass (P)", "Pass this turn")
        self.give_back_button = button("Give back time (G)", "Give back the remaining time")
        self.give_back_button.setToolTip("End this turn early. No one else's time changes.")
        self.sound_button = button("Sound on (S)", "Sound")
        self.sound_button.setCheckable(True)
        self.sound_button.setChecked(True)
        self.full_screen_button = button("Full screen (F11)", "Full screen")
        self.leave_button = button("Leave (Esc)", "Leave the session")

        self._centre = QWidget()
        centre = QVBoxLayout(self._centre)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.setSpacing(10)
        centre.addStretch(1)
        for widget in (self.round_label, self.speaker_label, self.countdown, self.cue_label):
            centre.addWidget(widget)
        centre.addSpacing(8)
        centre.addWidget(self.next_label)
        centre.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(24)
        body.addWidget(self._centre, 3)
        body.addWidget(self._prompts(), 1)

        # Two rows of controls, each sized to its own buttons (a grid would line up
        # columns across rows and run out of width at large text).
        controls = QVBoxLayout()
        controls.setSpacing(8)
        for row_buttons in (
            (self.pause_button, self.next_button, self.pass_button, self.give_back_button),
            (self.sound_button, self.full_screen_button, self.leave_button),
        ):
            row = QHBoxLayout()
            row.setSpacing(10)
            for control in row_buttons:
                row.addWidget(control, 1)
            if len(row_buttons) < 4:
                row.addStretch(1)
            controls.addLayout(row)

        credit = label(words.CREDIT, "Muted")
        credit.setAccessibleName("Credit")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.setSpacing(14)
        layout.addLayout(body, 1)
        layout.addLayout(controls)
        layout.addWidget(credit)

    def _prompts(self) -> QFrame:
        card = QFrame()
        card.setObjectName("Card")
        card.setAccessibleName(words.LISTENING_PROMPTS_TITLE)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(16, 14, 16, 14)
        inner.setSpacing(10)
        title = label(words.LISTENING_PROMPTS_TITLE)
        inner.addWidget(title)
        # One label for all prompts: Qt sizes a single wrapped label reliably, where a
        # column of them inside a narrow frame can be cut off at larger text sizes.
        prompts = label("\n\n".join(words.LISTENING_PROMPTS))
        prompts.setAccessibleName("Listening prompts")
        self._prompt_labels = (title, prompts)
        self._size_prompts()
        prompts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # At very large text the prompts scroll rather than being cut off.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(prompts)
        scroll.viewport().setAutoFillBackground(False)
        prompts.setAutoFillBackground(False)
        inner.addWidget(scroll, 1)
        card.setMinimumWidth(200)
        card.setMaximumWidth(340)
        return card

    def _size_prompts(self) -> None:
        title, prompts = self._prompt_labels
        heading = _larger(PROMPTS_SCALE)
        heading.setWeight(QFont.Weight.DemiBold)
        title.setFont(heading)
        prompts.setFont(_larger(PROMPTS_SCALE))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_text()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # View > Text size, mid-session
            self._size_prompts()
            self.fit_text()

    def fit_text(self) -> None:
        """Size the large text to the window: bigger on a large or shared screen, smaller
        where it would not fit (1024×700 with 150% text); clipped digits help no one."""
        layout = self._centre.layout()
        width, height = self._centre.width(), self._centre.height()
        if width <= 0 or height <= 0 or layout is None:
            return
        # Start large (a shared screen read from across a room) and shrink to fit, leaving
        # a fifth of the height as calm space.
        fit = MAX_GROWTH
        room = height * 0.8
        while True:
            _sized(self.round_label, QUESTION_SCALE, fit=fit)
            _sized(self.speaker_label, SPEAKER_SCALE, bold=True, fit=fit)
            _sized(self.countdown, COUNTDOWN_SCALE, bold=True, fit=fit)
            _sized(self.cue_label, NEXT_SCALE, fit=fit)
            _sized(self.next_label, NEXT_SCALE, fit=fit)
            needed = (
                layout.heightForWidth(width)
                if layout.hasHeightForWidth()
                else layout.sizeHint().height()
            )
            too_wide = self.countdown.sizeHint().width() > width
            if (needed <= room and not too_wide) or fit < 0.35:
                break
            fit *= 0.9
        self.text_fit = fit

    def show_turn(self, heading: str, speaker: str, next_text: str) -> None:
        self.round_label.setText(heading)
        self.speaker_label.setText(speaker)
        self.next_label.setText(next_text)

    def show_time(self, text: str, spoken: str, status: str, *, cue: bool) -> None:
        """The countdown; ``cue`` draws it in the accent colour (the gentle visual cue)."""
        self.countdown.setText(text)
        self.countdown.setAccessibleDescription(spoken)
        self.cue_label.setText(status)
        role = QPalette.ColorRole.Link if cue else QPalette.ColorRole.WindowText
        if self.countdown.foregroundRole() != role:
            self.countdown.setForegroundRole(role)
            self.cue_label.setForegroundRole(role)

    @property
    def cue_shown(self) -> bool:
        return self.countdown.foregroundRole() == QPalette.ColorRole.Link

    def set_paused(self, paused: bool) -> None:
        self.pause_button.setText("Carry on (Space)" if paused else "Pause (Space)")

    def all_buttons(self) -> list[QPushButton]:
        return [
            self.pause_button,
            self.next_button,
            self.pass_button,
            self.give_back_button,
            self.sound_button,
            self.full_screen_button,
            self.leave_button,
        ]
