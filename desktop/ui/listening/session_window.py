"""The listening session's own window: it shows no vault content and outlives a lock.

It is a top-level window parented to the main window (so it closes with the app), never
to the vault's view, which a lock destroys; and it holds no vault. Whatever it needs
from the vault afterwards (the reflection) goes through ``reflect``, a callback the
shell gives it, which answers False while the vault is locked.

The remaining time is computed from the injected clock each time the screen refreshes
(`ListeningSession.remaining`); the QTimer only asks for that refresh, so a busy or
sleeping machine never stretches a turn. Tests move a FakeClock and call `refresh()`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from desktop.clock import Clock, local_today
from desktop.models.listening import (
    WARNING_SECONDS,
    Cue,
    ListeningSession,
    Phase,
    SessionPlan,
)
from desktop.ui.common.messages import MessageBoxes
from desktop.ui.common.widgets import OUTSIDE_VAULT
from desktop.ui.listening import words
from desktop.ui.listening.end_page import EndPage
from desktop.ui.listening.reflection import ReflectionRequest
from desktop.ui.listening.run_page import RunPage

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

log = logging.getLogger("alongside.ui")

REFRESH_MS = 200  # only a repaint rate: time itself comes from the clock


class ListeningWindow(QWidget):
    """Runs one session; ends on a neutral screen (``ended`` is emitted once)."""

    ended = Signal()
    chimed = Signal(object)  # the Cue, whether or not sound is on (tests, a11y)

    def __init__(
        self,
        plan: SessionPlan,
        clock: Clock,
        messages: MessageBoxes,
        *,
        play_chime: Callable[[], None] | None = None,
        reflect: Callable[[ReflectionRequest], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setProperty(OUTSIDE_VAULT, True)  # its keys don't keep the vault unlocked
        self.setWindowTitle(words.WINDOW_TITLE)
        self.setAccessibleName(words.WINDOW_TITLE)
        self.setMinimumSize(760, 520)
        self._clock = clock
        self._messages = messages
        self._play_chime = play_chime
        self._reflect = reflect
        self._day: date = local_today(clock)
        self.session = ListeningSession(plan, clock.monotonic())
        self.completed = False
        self._ended = False
        self._time_ran_out = False  # this turn: time up (chimed) or given back (not)

        self.run_page = RunPage()
        self.end_page = EndPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.run_page)
        self.pages.addWidget(self.end_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.actions_by_name = self._make_actions()
        page = self.run_page
        for name, widget in (
            ("pause", page.pause_button),
            ("next", page.next_button),
            ("pass", page.pass_button),
            ("give_back", page.give_back_button),
            ("full_screen", page.full_screen_button),
            ("leave", page.leave_button),
        ):
            widget.clicked.connect(self.actions_by_name[name].trigger)
        page.sound_button.clicked.connect(self._sound_clicked)
        self.end_page.reflect.connect(self._write_reflection)
        self.end_page.close_requested.connect(self.close)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def __repr__(self) -> str:
        return "ListeningWindow()"

    def _make_actions(self) -> dict[str, QAction]:
        """Every action by keyboard (Space, →, P, G, S, F11, Esc), shown on its button."""
        actions: dict[str, QAction] = {}
        for name, shortcut, slot in (
            ("pause", Qt.Key.Key_Space, self.toggle_pause),
            ("next", Qt.Key.Key_Right, self.next_turn),
            ("pass", Qt.Key.Key_P, self.pass_turn),
            ("give_back", Qt.Key.Key_G, self.give_back),
            ("sound", Qt.Key.Key_S, self.toggle_sound),
            ("full_screen", Qt.Key.Key_F11, self.toggle_full_screen),
            ("leave", Qt.Key.Key_Escape, self.leave),
        ):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            actions[name] = action
        return actions

    # The session.
    @property
    def sound_on(self) -> bool:
        return self.run_page.sound_button.isChecked()

    def refresh(self) -> None:
        """Recompute the current turn from the clock; give any cue now due; repaint."""
        if self._ended:
            return
        now = self._clock.monotonic()
        for due in self.session.update(now):
            self._cue(due)
        turn = self.session.current
        if turn is None:
            return
        total = len(self.session.plan.rounds)
        upcoming = self.session.upcoming
        if upcoming is None:
            next_text = "Last turn"
        elif upcoming.round_number != turn.round_number:
            next_text = f"Next: {upcoming.speaker}, round {upcoming.round_number}"
        else:
            next_text = f"Next: {upcoming.speaker}"
        self.run_page.show_turn(
            words.round_heading(turn.round_number, total, turn.question), turn.speaker, next_text
        )
        remaining = self.session.remaining(now)
        phase = self.session.phase
        if phase is Phase.ENDED:
            status = words.TIME_UP if self._time_ran_out else words.GIVEN_BACK
        elif phase is Phase.PAUSED:
            status = words.PAUSED
        elif remaining <= self._warning_from:
            status = words.NEARLY_DONE
        else:
            status = ""
        cue = phase is Phase.ENDED or (phase is Phase.RUNNING and remaining <= self._warning_from)
        self.run_page.show_time(
            words.minutes_and_seconds(remaining), words.spoken_time(remaining), status, cue=cue
        )
        self.run_page.set_paused(phase is Phase.PAUSED)

    @property
    def _warning_from(self) -> float:
        return min(WARNING_SECONDS, self.session.offered_seconds / 2)

    def _cue(self, cue: Cue) -> None:
        if cue is Cue.TIME_UP:
            self._time_ran_out = True
        self.chimed.emit(cue)
        if self.sound_on and self._play_chime is not None:
            self._play_chime()

    def toggle_pause(self) -> None:
        if not self._ended:
            self.session.toggle_pause(self._clock.monotonic())
            self.refresh()

    def next_turn(self) -> None:
        """→ and skip: the next person's turn starts now; after the last, the end."""
        if self._ended:
            return
        self.session.next_turn(self._clock.monotonic())
        self._time_ran_out = False
        if self.session.phase is Phase.FINISHED:
            self._finish(completed=True)
        else:
            self.refresh()

    def pass_turn(self) -> None:
        """A person passes: the same as moving on, and nothing records it."""
        self.next_turn()

    def give_back(self) -> None:
        if not self._ended:
            self.session.give_back(self._clock.monotonic())
            self.refresh()

    def toggle_sound(self) -> None:
        button = self.run_page.sound_button
        button.setChecked(not button.isChecked())
        self._sound_clicked()

    def _sound_clicked(self) -> None:
        button = self.run_page.sound_button
        button.setText("Sound on (S)" if button.isChecked() else "Sound off (S)")

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def leave(self) -> None:
        """Esc: ask, then end on the neutral screen; on that screen Esc closes."""
        if self._ended:
            self.close()
            return
        if self._confirm_leaving():
            self._finish(completed=False)

    def _confirm_leaving(self) -> bool:
        from desktop.ui.common.messages import Button

        answer = self._messages.ask(self, words.LEAVE_TITLE, words.LEAVE_TEXT)
        return bool(answer == Button.Yes)

    def _finish(self, *, completed: bool) -> None:
        self._ended = True
        self.completed = completed
        self._timer.stop()
        for name in ("pause", "next", "pass", "give_back", "sound"):
            self.actions_by_name[name].setEnabled(False)
        self.run_page.show_turn("", "", "")  # nothing of the session lingers behind
        self.end_page.show_end(completed=completed)
        self.pages.setCurrentWidget(self.end_page)
        log.info("listening.ended completed=%s", completed)
        self.ended.emit()

    # Afterwards.
    def _write_reflection(self, with_names: bool) -> None:
        names = self.session.plan.names if with_names else ()
        request = ReflectionRequest(day=self._day, names=names)
        if self._reflect is None or not self._reflect(request):
            self.end_page.say(words.REFLECTION_LOCKED)
            return
        self.end_page.say(words.REFLECTION_OPENED)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._ended and not self._confirm_leaving():
            event.ignore()
            return
        self._ended = True
        self._timer.stop()
        super().closeEvent(event)
