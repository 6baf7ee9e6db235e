"""Linking a debrief to peers ("talked it through with …"), shown on both sides."""

from __future__ import annotations

from desktop.models.checkin import StressZone
from desktop.models.peer import peer_details
from desktop.ui.shell.places import Place

from ..helpers import new_from, settle


def choose(qtbot, view, name: str) -> None:
    row = view.debriefs.editor.talked_with
    row.choose_button.click()
    qtbot.waitUntil(lambda: row.menu is not None and row.menu.isVisible())
    (action,) = [a for a in row.menu.actions() if a.text() == name]
    action.trigger()
    row.menu.close()
    settle(qtbot, view)


def test_link_a_new_debrief_to_a_peer_and_see_it_on_both_sides(qtbot, view, vault):
    vault.peers.add(peer_details(name="Sam Okafor"))
    vault.peers.add(peer_details(name="Alex Moreau"))
    new_from(qtbot, view, "stop5")
    editor = view.debriefs.editor
    row = editor.talked_with
    assert row.text.text() == "Talked it through with: nobody yet"
    body = editor.body_edit
    assert body is not None
    qtbot.keyClicks(body, "Long night on the ward")
    choose(qtbot, view, "Sam Okafor")
    qtbot.waitUntil(lambda: row.text.text() == "Talked it through with: Sam Okafor")
    choose(qtbot, view, "Alex Moreau")
    qtbot.waitUntil(lambda: row.text.text() == "Talked it through with: Alex Moreau, Sam Okafor")
    debrief_id = editor.current_id
    assert debrief_id is not None
    assert [r.name for r in vault.peer_links.of_debrief(debrief_id)] == [
        "Alex Moreau",
        "Sam Okafor",
    ]
    # On the peer's side: the debrief, as a link that opens it.
    sam = next(p for p in vault.peers.list() if p.name == "Sam Okafor")
    view.open_peer(sam.id)
    card = view.peers.card
    qtbot.waitUntil(lambda: card.name.text() == "Sam Okafor" and card.linked.count() == 1)
    link = card.linked.itemAt(0).widget()
    assert link.text().startswith("Long night on the ward")  # title · day
    link.click()
    assert view.current_place is Place.DEBRIEFS
    qtbot.waitUntil(lambda: view.debriefs.editor.current_id == debrief_id)
    # Unlinking from the editor.
    choose(qtbot, view, "Sam Okafor")
    qtbot.waitUntil(lambda: row.text.text() == "Talked it through with: Alex Moreau")


def test_link_a_check_in_to_a_peer_and_see_it_on_both_sides(qtbot, view, vault):
    sam = vault.peers.add(peer_details(name="Sam Okafor"))
    checkin = vault.checkins.add(StressZone.INJURED)
    view.go_to_place(Place.CHECKINS)
    page = view.checkins
    settle(qtbot, view)
    qtbot.waitUntil(lambda: page.recent.count() == 1)
    page.recent.setCurrentRow(0)
    row = page.talked_with
    assert row.choose_button.isEnabled()
    row.choose_button.click()
    qtbot.waitUntil(lambda: row.menu is not None and row.menu.isVisible())
    (action,) = row.menu.actions()
    action.trigger()
    row.menu.close()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: row.text.text() == "Talked it through with: Sam Okafor")
    assert [r.name for r in vault.peer_links.of_checkin(checkin.id)] == ["Sam Okafor"]
    view.open_peer(sam.id)
    card = view.peers.card
    qtbot.waitUntil(lambda: card.name.text() == "Sam Okafor" and card.linked.count() == 1)
    assert card.linked.itemAt(0).widget().text().startswith("Check-in: Injured (orange), ")
