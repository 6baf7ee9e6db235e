"""A session of three on the fake clock, run entirely by keyboard: what the room sees."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.models.listening import DEFAULT_FORMAT, Cue, SessionPlan
from desktop.ui.common.context import AppContext
from desktop.ui.common.messages import Button
from desktop.ui.listening import words
from desktop.ui.listening.session_window import ListeningWindow
from tests.clock import FakeClock

NAMES = ("Asha", "Ben", "Cai")


@pytest.fixture
def played() -> list[str]:
    return []


@pytest.fixture
def session(qtbot, context: AppContext, played: list[str]) -> Iterator[ListeningWindow]:
    plan = SessionPlan.make(NAMES, DEFAULT_FORMAT)
    window = ListeningWindow(
        plan, context.clock, context.messages, play_chime=lambda: played.append("chime")
    )
    # Not qtbot.addWidget: the window deletes itself on close (WA_DeleteOnClose).
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield window
    if shiboken6.isValid(window) and window.isVisible():
        context.messages.set_next_answer(Button.Yes)
        window.close()


def press(qtbot, window: ListeningWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window, key)


def screen(window: ListeningWindow) -> tuple[str, str, str]:
    """Speaker, countdown and status line, as the room reads them."""
    page = window.run_page
    return page.speaker_label.text(), page.countdown.text(), page.cue_label.text()


def later(clock: FakeClock, window: ListeningWindow, seconds: float) -> None:
    """Move the clock, then let the window repaint (as its timer would)."""
    clock.advance(seconds=seconds)
    window.refresh()


def test_a_session_of_three_by_keyboard_only(qtbot, session, clock, played) -> None:
    page = session.run_page
    assert screen(session) == ("Asha", "2:00", "")
    assert page.round_label.text() == "Round 1 of 3: How I am feeling"
    assert page.next_label.text() == "Next: Ben"
    later(clock, session, 30)
    assert screen(session)[1] == "1:30"

    press(qtbot, session, Qt.Key.Key_Space)  # pause: the clock moves, the turn does not
    later(clock, session, 300)
    assert screen(session) == ("Asha", "1:30", "Paused")
    assert page.pause_button.text() == "Carry on (Space)"
    press(qtbot, session, Qt.Key.Key_Space)
    later(clock, session, 76)
    assert screen(session) == ("Asha", "0:14", words.NEARLY_DONE)
    assert page.cue_shown
    assert played == ["chime"]
    later(clock, session, 14)
    assert screen(session) == ("Asha", "0:00", words.TIME_UP)
    assert played == ["chime", "chime"]

    press(qtbot, session, Qt.Key.Key_Right)
    assert screen(session) == ("Ben", "2:00", "")
    assert not page.cue_shown
    later(clock, session, 40)
    press(qtbot, session, Qt.Key.Key_G)  # Ben gives back the rest of his time
    assert screen(session) == ("Ben", "0:00", words.GIVEN_BACK)
    later(clock, session, 200)
    assert played == ["chime", "chime"]  # no chime for time given back

    press(qtbot, session, Qt.Key.Key_Right)
    assert screen(session) == ("Cai", "2:00", "")  # Cai's time is her own, not Ben's
    assert page.next_label.text() == "Next: Asha, round 2"
    press(qtbot, session, Qt.Key.Key_P)  # Cai passes
    assert screen(session) == ("Asha", "2:00", "")
    assert page.round_label.text() == "Round 2 of 3: What I am thinking"
    later(clock, session, 5)
    press(qtbot, session, Qt.Key.Key_Right)  # skipped
    assert screen(session) == ("Ben", "2:00", "")

    for _ in range(4):
        press(qtbot, session, Qt.Key.Key_Right)
    assert page.round_label.text() == "Round 3 of 3: What I am hoping for"
    assert page.next_label.text() == "Last turn"
    with qtbot.waitSignal(session.ended):
        press(qtbot, session, Qt.Key.Key_Right)
    assert session.pages.currentWidget() is session.end_page
    assert session.end_page.title.text() == words.FINISHED_TITLE
    assert session.end_page.equal_label.text() == words.FINISHED_EQUAL


def test_the_end_never_shows_who_spoke_how_long(qtbot, session, clock) -> None:
    for seconds in (120, 10, 65):  # a full turn, a short one, one given back
        later(clock, session, seconds)
        press(qtbot, session, Qt.Key.Key_G)
        press(qtbot, session, Qt.Key.Key_Right)
    for _ in range(6):
        press(qtbot, session, Qt.Key.Key_Right)
    assert session.pages.currentWidget() is session.end_page
    shown = [w.text() for w in session.findChildren(type(session.end_page.title)) if w.isVisible()]
    text = " ".join(shown)
    for name in NAMES:
        assert name not in text
    assert ":" not in text  # no times at all
    assert "pass" not in text.lower()
    # Space and → do nothing any more; Esc closes the neutral screen without asking.
    press(qtbot, session, Qt.Key.Key_Space)
    press(qtbot, session, Qt.Key.Key_Right)
    assert session.pages.currentWidget() is session.end_page
    with qtbot.waitSignal(session.destroyed):
        press(qtbot, session, Qt.Key.Key_Escape)


def test_leaving_asks_first_and_ends_on_the_neutral_screen(qtbot, session, context) -> None:
    context.messages.set_next_answer(Button.No)
    press(qtbot, session, Qt.Key.Key_Escape)
    assert context.messages.history[-1] == (words.LEAVE_TITLE, words.LEAVE_TEXT)
    assert session.pages.currentWidget() is session.run_page
    assert screen(session)[0] == "Asha"
    context.messages.set_next_answer(Button.Yes)
    press(qtbot, session, Qt.Key.Key_Escape)
    assert session.pages.currentWidget() is session.end_page
    assert session.end_page.title.text() == words.LEFT_EARLY_TITLE
    assert session.run_page.speaker_label.text() == ""


def test_closing_the_window_mid_session_asks_too(qtbot, session, context) -> None:
    context.messages.set_next_answer(Button.No)
    session.close()
    assert session.isVisible()
    context.messages.set_next_answer(Button.Yes)
    session.close()
    assert not session.isVisible()


def test_sound_can_be_switched_off_and_the_visual_cue_stays(qtbot, session, clock, played) -> None:
    press(qtbot, session, Qt.Key.Key_S)
    assert session.run_page.sound_button.text() == "Sound off (S)"
    with qtbot.waitSignal(session.chimed) as cue:
        later(clock, session, 110)
    assert cue.args == [Cue.NEARLY_DONE]
    assert session.run_page.cue_shown
    assert played == []
    press(qtbot, session, Qt.Key.Key_S)
    later(clock, session, 10)
    assert played == ["chime"]


def test_a_sleeping_machine_never_stretches_a_turn(qtbot, session, clock) -> None:
    """No timer tick runs while the machine sleeps; the clock still moved."""
    clock.advance(seconds=45)
    qtbot.waitUntil(lambda: screen(session)[1] == "1:15", timeout=2_000)  # its own timer


def test_full_screen_by_keyboard(qtbot, session) -> None:
    press(qtbot, session, Qt.Key.Key_F11)
    qtbot.waitUntil(session.isFullScreen)
    press(qtbot, session, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not session.isFullScreen())


def test_every_control_has_a_name_and_a_key(session) -> None:
    for control in session.run_page.all_buttons():
        assert control.accessibleName()
        assert "(" in control.text()  # its key is on it
    assert session.windowTitle() == words.WINDOW_TITLE
