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
    window.set_text_scale(text)
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
        print(problems)
        assert problems == {}
    finally:
        window.set_text_scale(100)
