"""Resources: the crisis lines place."""

from __future__ import annotations

from desktop.ui.shell.places import Place


def test_crisis_resources_place_shows_sources_and_dates(qtbot, view):
    view.go_to_place(Place.RESOURCES)
    resources = view.resources
    assert resources.notice.text() == (
        "If you are in immediate danger, call your local emergency number."
    )
    assert any("Samaritans" in line for line in resources.lines_text)
    sources = [w.text() for w in resources.findChildren(type(resources.notice))]
    assert any(text.startswith("Source: https://") and "checked 20" in text for text in sources)
