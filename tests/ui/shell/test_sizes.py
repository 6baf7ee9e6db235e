"""Every place holds at the sizes clinic PCs have: 1024×700 and 1280×720 (a 1920×1080
screen at 150%), with text at 100% and 150%; nothing clipped, overlapping or sideways."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.shell.places import Place
from tests.ui.helpers import settle
from tests.ui.layout_check import layout_problems

SIZES = [
    (1024, 700, 100),
    (1280, 720, 100),
    (1024, 700, 150),
    (1280, 720, 150),
    (1280, 720, 200),
]


@pytest.mark.parametrize(("width", "height", "text"), SIZES)
def test_every_place_holds(qtbot, view, vault, width, height, text):
    from desktop.models.checkin import StressZone

    window = view.window()
    from desktop.resources import builtin_templates

    stop5 = next(t for t in builtin_templates() if t.id == "stop5")
    debrief = vault.debriefs.add(
        template=stop5,
        fields={"summarise": "A night shift that stayed with me. " * 5, "went_well": "Calm."},
    )
    vault.actions.add(debrief.id, "actions", "Ask about the on-call rota with the whole team")
    vault.tags.set(
        debrief.id, ["night shift", "family meeting", "supervision", "handover", "ward 7"]
    )
    for zone in (StressZone.INJURED, StressZone.ILL, StressZone.INJURED):
        vault.checkins.add(zone)
    window.computer.set_text_scale(text)
    try:
        window.resize(width, height)
        problems = {}
        for place in Place:
            view.go_to_place(place)
            settle(qtbot, view)
            if place is Place.DEBRIEFS:
                view.debriefs.filters_button.setChecked(True)
                view.debriefs.open_debrief(debrief.id)
                settle(qtbot, view)
            QApplication.processEvents()
            found = layout_problems(window)
            if found:
                problems[place.title] = found
        assert problems == {}
    finally:
        window.computer.set_text_scale(100)


def test_the_first_window_fits_the_screen_it_opens_on(qtbot, context):
    from desktop.ui.shell.window import ShellWindow

    shell = ShellWindow(context)
    qtbot.addWidget(shell)
    room = shell.screen().availableGeometry()  # the offscreen screen: 800×800
    assert shell.width() <= room.width()
    assert shell.height() <= room.height()
    assert shell.minimumWidth() <= room.width()


@pytest.mark.parametrize("text", [100, 150])
def test_dialogs_hold_at_large_text(qtbot, view, text, tmp_path):
    from desktop.ui.debriefs.template_editor import TemplateEditor

    window = view.window()
    window.computer.set_text_scale(text)
    try:
        dialogs = []
        view.check_in()
        dialogs.append(view.checkin_flow.dialog)
        dialogs.append(window.change_passphrase())
        dialogs.append(window.show_help())
        editor = TemplateEditor(window)
        qtbot.addWidget(editor)
        editor.show()
        dialogs.append(editor)
        problems = {}
        for dialog in dialogs:
            qtbot.waitExposed(dialog)
            QApplication.processEvents()
            found = layout_problems(dialog)
            if found:
                problems[dialog.windowTitle()] = found
            dialog.reject() if hasattr(dialog, "reject") else dialog.close()
        assert problems == {}
    finally:
        window.computer.set_text_scale(100)


@pytest.mark.parametrize(("width", "height", "text"), SIZES)
def test_the_unlock_screen_holds(qtbot, window, made_vault, width, height, text):
    window.show_unlock()
    window.computer.set_text_scale(text)
    try:
        window.resize(width, height)
        QApplication.processEvents()
        assert layout_problems(window) == []
    finally:
        window.computer.set_text_scale(100)
