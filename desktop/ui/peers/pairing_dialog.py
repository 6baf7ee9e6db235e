"""Peers → Share notes with a colleague…: pair through the relay with a one-time code.

One dialog, four steps on a stack: where the relay is and which side you are (show a
code, or type the colleague's), waiting for the other side (the code, when it expires,
progress, Cancel), comparing the safety number, and what went wrong if it did. The
network work runs on the long-job lane; Cancel sets an event the pairing job checks, so
it stops within a second and leaves nothing behind (the job closes the relay's mailbox
and stores nothing). Nothing here logs a code, a key or a name.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.sentences import UserSentence
from desktop.ui.common.context import AppContext
from desktop.ui.common.widgets import button, label, mark_sensitive
from desktop.ui.peers.safety_number import safety_number_label, show_safety_number

log = logging.getLogger("alongside.ui")
T = TypeVar("T")

UNEXPECTED = (
    "Pairing stopped because of an unexpected problem. Try again, and copy diagnostics "
    "from Help if it keeps happening."
)


class PairingJobs(Protocol):
    """The blocking pairing calls (desktop.sync.pairing), run on the long-job lane.

    ``progress`` is called on the worker thread with a ``PairingProgress``."""

    def show_code(
        self, relay: str, cancel: threading.Event, progress: Callable[[Any], None]
    ) -> Any: ...

    def enter_code(
        self, relay: str, code: str, cancel: threading.Event, progress: Callable[[Any], None]
    ) -> Any: ...

    def mark_verified(self) -> Any: ...


STEP_WORDS = {
    "connecting": "Reaching the relay…",
    "code_ready": "Waiting for your colleague to type the code…",
    "waiting_for_partner": "Waiting for your colleague…",
    "confirming": "Checking that you both have the same code…",
    "exchanging_keys": "Exchanging keys…",
    "registering": "Setting up your inbox on the relay…",
    "finishing": "Finishing…",
}


class PairingDialog(QDialog):
    """Pair with one colleague: code, wait, compare, done. ``paired`` when stored."""

    paired = Signal(bool)  # True when the safety number was compared
    _progressed = Signal(object, int)  # (PairingProgress, attempt), from the worker thread

    def __init__(
        self,
        context: AppContext,
        jobs: PairingJobs,
        relay: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Share notes with a colleague")
        self.setAccessibleName("Share notes with a colleague")
        self._context = context
        self._jobs = jobs
        self._cancel = threading.Event()
        self._attempt = 0  # outcomes of an attempt that was cancelled are ignored
        self.working = False
        self.steps = QStackedWidget()
        self._build_start()
        self._build_waiting()
        self._build_compare()
        self._build_problem()
        layout = QVBoxLayout(self)
        layout.addWidget(label("Share notes with a colleague", "ScreenTitle"))
        layout.addWidget(self.steps, 1)
        self.setMinimumWidth(min(34 * self.fontMetrics().horizontalAdvance("m"), 560))
        self.relay.setText(relay)
        self._progressed.connect(self._on_progress)
        self.show_start()

    # The steps.
    def _build_start(self) -> None:
        page = QWidget()
        self.relay = QLineEdit()
        self.relay.setAccessibleName("Relay address")
        self.relay.setPlaceholderText("https://relay.example.org")
        self.code = mark_sensitive(QLineEdit())
        self.code.setAccessibleName("Code from your colleague")
        self.code.setPlaceholderText("for example 7-apple-river-cloud")
        self.show_code_button = button("&Show a code", "Show a code for my colleague", primary=True)
        self.join_button = button("&Use this code", "Use my colleague's code")
        self.start_problem = label("", "Error")
        self.start_problem.setAccessibleName("Problem")
        self.close_start = button("Close")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            label(
                "You and one colleague can send each other notes you choose, never your "
                "whole vault. They travel through a relay that sees only encrypted data.",
                "Muted",
            )
        )
        layout.addWidget(label("Relay address", buddy=self.relay))
        layout.addWidget(self.relay)
        layout.addSpacing(8)
        layout.addWidget(label("One of you shows a code…", wrap=True))
        layout.addWidget(self.show_code_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(8)
        layout.addWidget(label("…and the other types it here:", buddy=self.code))
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.join_button)
        layout.addLayout(row)
        layout.addWidget(self.start_problem)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_start)
        layout.addLayout(buttons)
        self.show_code_button.clicked.connect(self.show_code)
        self.join_button.clicked.connect(self.join)
        self.code.returnPressed.connect(self.join)
        self.close_start.clicked.connect(self.reject)
        self.steps.addWidget(page)
        self.start_page = page

    def _build_waiting(self) -> None:
        page = QWidget()
        self.code_heading = label("Your code")
        self.shown_code = label("", "SafetyNumber", wrap=True)
        self.shown_code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shown_code.setAccessibleName("Your code")
        self.expiry = label("", "Muted")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Waiting")
        self.waiting_text = label("")
        self.waiting_text.setAccessibleName("What is happening")
        self.cancel_button = button("Cancel")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.code_heading)
        layout.addWidget(self.shown_code)
        layout.addWidget(self.expiry)
        layout.addWidget(self.waiting_text)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.cancel)
        self.steps.addWidget(page)
        self.waiting_page = page

    def _build_compare(self) -> None:
        page = QWidget()
        self.changed_warning = label(
            "The safety number changed. Your colleague's Alongside has a new identity: a new "
            "vault, a new computer — or someone else. Compare it before you share anything.",
            "Error",
        )
        self.changed_warning.setAccessibleName("Safety number changed")
        self.number = safety_number_label()
        self.matches_button = button("We &compared it, it matches", primary=True)
        self.later_button = button("Compare &later")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label("Paired. Now compare your safety number."))
        layout.addWidget(self.changed_warning)
        layout.addWidget(self.number)
        layout.addWidget(
            label(
                "Read it to each other on a call or look at both screens together. If every "
                "digit matches, nobody is between you. Until you compare, Peers says "
                "“not verified”.",
                "Muted",
            )
        )
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.matches_button)
        layout.addLayout(buttons)
        self.matches_button.clicked.connect(self._compared)
        self.later_button.clicked.connect(self._later)
        self.steps.addWidget(page)
        self.compare_page = page

    def _build_problem(self) -> None:
        page = QWidget()
        self.problem = label("", "Error")
        self.problem.setAccessibleName("Problem")
        self.again_button = button("&Try again", primary=True)
        self.close_problem = button("Close")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.problem)
        layout.addWidget(label("Nothing was stored.", "Muted"))
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_problem)
        buttons.addWidget(self.again_button)
        layout.addLayout(buttons)
        self.again_button.clicked.connect(self.show_start)
        self.close_problem.clicked.connect(self.reject)
        self.steps.addWidget(page)
        self.problem_page = page

    # Moving between steps.
    def show_start(self) -> None:
        self.working = False
        self.start_problem.clear()
        self.code.clear()
        self.steps.setCurrentWidget(self.start_page)
        (self.relay if not self.relay.text() else self.show_code_button).setFocus()

    def _relay_or_say(self) -> str | None:
        relay = self.relay.text().strip()
        if not relay:
            self.start_problem.setText("Type the relay's address first (ask your IT team).")
            self.relay.setFocus()
            return None
        return relay

    def _start_waiting(self, text: str, code: str = "") -> None:
        self.working = True
        self.cancel_button.setEnabled(True)
        self.code_heading.setVisible(bool(code))
        self.shown_code.setVisible(bool(code))
        self.expiry.setVisible(bool(code))
        self.shown_code.setText(code)
        self.waiting_text.setText(text)
        self.steps.setCurrentWidget(self.waiting_page)
        self.cancel_button.setFocus()

    def _run(self, job: Callable[[], T], on_done: Callable[[T], None]) -> None:
        """One step of the current attempt; a cancelled attempt's outcome is dropped."""
        attempt = self._attempt

        def done(result: T) -> None:
            if attempt == self._attempt:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if attempt == self._attempt:
                self._failed(exc)

        self._context.runner.run(job, owner=self, on_success=done, on_failure=failed)

    def _new_attempt(self) -> threading.Event:
        self._cancel.set()  # whatever still runs of the last attempt stops
        self._attempt += 1
        self._cancel = threading.Event()
        return self._cancel

    def _progress_reporter(self) -> Callable[[Any], None]:
        attempt = self._attempt

        def report(progress: Any) -> None:  # on the worker thread
            # If the dialog is gone, its closing set the job's cancel event already.
            with contextlib.suppress(RuntimeError):
                self._progressed.emit(progress, attempt)

        return report

    def show_code(self) -> None:
        relay = self._relay_or_say()
        if relay is None:
            return
        cancel, jobs = self._new_attempt(), self._jobs
        self._start_waiting(STEP_WORDS["connecting"])
        report = self._progress_reporter()
        self._run(lambda: jobs.show_code(relay, cancel, report), self._done)

    def _on_progress(self, progress: Any, attempt: int) -> None:
        if attempt != self._attempt:
            return
        step = str(progress.step)
        if step == "code_ready" and progress.code:
            self._start_waiting(STEP_WORDS[step], code=progress.code)
            minutes = progress.minutes_left or 1
            local = progress.expires_at.astimezone() if progress.expires_at else None
            until = f"only until {local:%H:%M} " if local else ""
            self.expiry.setText(
                f"Read it to your colleague. It works once, and {until}"
                f"(in {minutes} minute{'s' if minutes != 1 else ''})."
            )
            return
        self.waiting_text.setText(STEP_WORDS.get(step, self.waiting_text.text()))
        # From "finishing" on both sides are storing: Cancel would leave one paired.
        self.cancel_button.setEnabled(step != "finishing")

    def join(self) -> None:
        relay = self._relay_or_say()
        if relay is None:
            return
        code = self.code.text().strip()
        if not code:
            self.start_problem.setText("Type the code your colleague shows you.")
            self.code.setFocus()
            return
        cancel, jobs = self._new_attempt(), self._jobs
        self._start_waiting(STEP_WORDS["connecting"])
        report = self._progress_reporter()
        self._run(lambda: jobs.enter_code(relay, code, cancel, report), self._done)

    def _done(self, done: Any) -> None:
        self.working = False
        log.info("pairing.done")
        show_safety_number(self.number, done.safety_number)
        self.changed_warning.setVisible(done.identity_changed)
        self.steps.setCurrentWidget(self.compare_page)
        self.matches_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.working = False
        if isinstance(exc, UserSentence):
            log.info("pairing.failed %s", type(exc).__name__)
            self.problem.setText(exc.user_message)
        else:
            log.warning("pairing.failed %s", type(exc).__name__)
            self.problem.setText(UNEXPECTED)
        self.steps.setCurrentWidget(self.problem_page)
        self.again_button.setFocus()

    def cancel(self) -> None:
        """Stop waiting: the job closes the relay's mailbox and stores nothing."""
        self._new_attempt()
        log.info("pairing.cancelled")
        self.show_start()

    def show_compare(self, safety_number: str, identity_changed: bool) -> None:
        """Compare an existing pairing's safety number (Peers → Compare safety number…)."""
        show_safety_number(self.number, safety_number)
        self.changed_warning.setVisible(identity_changed)
        self.steps.setCurrentWidget(self.compare_page)
        self.matches_button.setFocus()

    def _compared(self) -> None:
        self._run(self._jobs.mark_verified, lambda _: self._finish(True))

    def _later(self) -> None:
        self._finish(False)

    def _finish(self, verified: bool) -> None:
        self.paired.emit(verified)
        self.accept()

    def reject(self) -> None:
        """Escape or Close: cancels whatever is waiting; once paired, it is "later"."""
        self._cancel.set()
        if self.steps.currentWidget() is self.compare_page:
            self._finish(False)
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._cancel.set()
        super().closeEvent(event)
