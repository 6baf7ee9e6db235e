"""Linking debriefs and check-ins to peers, seen from both sides."""

from __future__ import annotations

import pytest

from desktop.models.checkin import StressZone
from desktop.models.peer import peer_details
from desktop.vault import Changed, DebriefNotFound, Vault
from desktop.vault.checkins import CheckInNotFound
from desktop.vault.peers import PeerNotFound


def test_a_debrief_linked_to_peers_shows_on_both_sides(vault: Vault) -> None:
    sam = vault.peers.add(peer_details(name="Sam"))
    alex = vault.peers.add(peer_details(name="Alex"))
    debrief = vault.debriefs.add("Night shift", "hard")
    refs = vault.peer_links.set_for_debrief(debrief.id, [sam.id, alex.id, sam.id])
    assert [r.name for r in refs] == ["Alex", "Sam"]
    assert [d.title for d in vault.peer_links.of_peer(sam.id).debriefs] == ["Night shift"]
    vault.peer_links.set_for_debrief(debrief.id, [alex.id])
    assert vault.peer_links.of_peer(sam.id).debriefs == ()


def test_trash_hides_links_and_restore_brings_them_back(vault: Vault) -> None:
    sam = vault.peers.add(peer_details(name="Sam"))
    debrief = vault.debriefs.add("Night shift", "hard")
    vault.peer_links.set_for_debrief(debrief.id, [sam.id])
    vault.peers.delete(sam.id)
    assert vault.peer_links.of_debrief(debrief.id) == []
    vault.peers.restore(sam.id)
    assert [r.name for r in vault.peer_links.of_debrief(debrief.id)] == ["Sam"]
    vault.debriefs.delete(debrief.id)
    assert vault.peer_links.of_peer(sam.id).debriefs == ()
    vault.trash.delete_forever(debrief.id)
    count = vault.run(lambda c: c.execute("SELECT count(*) FROM debrief_peers").fetchone()[0])
    assert count == 0


def test_a_checkin_linked_to_a_peer(vault: Vault) -> None:
    sam = vault.peers.add(peer_details(name="Sam"))
    checkin = vault.checkins.add(StressZone.INJURED)
    assert [r.name for r in vault.peer_links.set_for_checkin(checkin.id, [sam.id])] == ["Sam"]
    (linked,) = vault.peer_links.of_peer(sam.id).checkins
    assert linked.zone is StressZone.INJURED
    vault.checkins.delete(checkin.id)
    assert vault.peer_links.of_peer(sam.id).checkins == ()


def test_links_to_things_that_are_gone_are_refused(vault: Vault) -> None:
    sam = vault.peers.add(peer_details(name="Sam"))
    debrief = vault.debriefs.add("Night shift", "hard")
    with pytest.raises(DebriefNotFound):
        vault.peer_links.set_for_debrief("f" * 32, [sam.id])
    with pytest.raises(CheckInNotFound):
        vault.peer_links.set_for_checkin("f" * 32, [sam.id])
    with pytest.raises(PeerNotFound):
        vault.peer_links.set_for_debrief(debrief.id, ["e" * 32])
    assert vault.peer_links.of_debrief(debrief.id) == []


def test_linking_announces_peer_links(vault: Vault) -> None:
    sam = vault.peers.add(peer_details(name="Sam"))
    debrief = vault.debriefs.add("Night shift", "hard")
    heard: list[frozenset[Changed]] = []
    vault.on_change(lambda notice: heard.append(notice.kinds))
    vault.peer_links.set_for_debrief(debrief.id, [sam.id])
    assert heard == [frozenset({Changed.PEER_LINKS})]
