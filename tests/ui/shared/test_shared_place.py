"""The Shared place before pairing: it says what it is for and leads to pairing."""

from __future__ import annotations

from desktop.ui.shell.places import Place

from ..helpers import settle


def test_before_pairing_the_place_explains_itself_and_leads_to_peers(qtbot, view, tmp_path):
    view.go_to_place(Place.SHARED)
    settle(qtbot, view)
    page = view.shared
    assert "Pair with a colleague on the Peers page first" in page.intro.text()
    assert page.go_pair.isVisible()
    assert not page.new_button.isVisible()
    assert page.right.currentWidget() is page.empty
    view.window().grab().save(str(tmp_path / "shared.png"))
    page.go_pair.click()
    assert view.current_place is Place.PEERS
