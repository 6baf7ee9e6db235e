"""Peer contacts in the vault: add, edit, trash and restore, search, catching up."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.models.peer import CatchUpWay, InvalidCatchUp, InvalidPeer, peer_details
from desktop.vault import Changed, Vault
from desktop.vault.peers import PeerNotFound

from .debriefing_helpers import FakeClock


def sam(**overrides: object):
    values: dict[str, object] = {
        "name": "Sam Okafor",
        "role": "Psychologist",
        "organisation": "Riverside clinic",
        "phone": "+44 20 7946 0000",
        "email": "sam@example.org",
        "tags": ["night shift", "supervision"],
        "call_when_hard": True,
    }
    values.update(overrides)
    return peer_details(**values)


def test_add_edit_and_read_back(vault: Vault, clock: FakeClock) -> None:
    added = vault.peers.add(sam())
    assert vault.peers.get(added.id).name == "Sam Okafor"
    clock.advance(minutes=5)
    edited = vault.peers.update(added.id, sam(role="Team lead", tags=["Night  shift"]))
    assert edited.role == "Team lead"
    assert edited.tags == ("Night shift",)
    assert edited.updated > added.updated
    assert [p.id for p in vault.peers.list()] == [added.id]
    assert edited.phone_link == "tel:+442079460000"
    assert edited.email_link == "mailto:sam@example.org"


def test_bad_details_are_one_sentence_without_the_input() -> None:
    with pytest.raises(InvalidPeer) as refused:
        peer_details(name="", phone="Kestrel-Canary")
    assert "Kestrel" not in str(refused.value)
    assert "name" in str(refused.value)
    with pytest.raises(InvalidPeer):
        peer_details(name="Sam", email="not an address")


def test_delete_goes_to_the_trash_and_restores(vault: Vault) -> None:
    peer = vault.peers.add(sam())
    vault.peers.delete(peer.id)
    assert vault.peers.list() == []
    assert [p.id for p in vault.peers.trashed()] == [peer.id]
    with pytest.raises(PeerNotFound):
        vault.peers.get(peer.id)
    vault.peers.restore(peer.id)
    assert [p.name for p in vault.peers.list()] == ["Sam Okafor"]
    assert vault.peers.trashed() == []


def test_trashed_peers_go_for_good_after_30_days(vault: Vault, clock: FakeClock) -> None:
    peer = vault.peers.add(sam())
    vault.peers.log_catch_up(peer.id, CatchUpWay.CALL, "talked about the night")
    vault.peers.delete(peer.id)
    clock.advance(days=29)
    assert vault.peers.purge_expired() == 0
    clock.advance(days=1)
    assert vault.peers.purge_expired() == 1
    assert vault.peers.trashed() == []
    left = vault.run(lambda c: c.execute("SELECT count(*) FROM catch_ups").fetchone()[0])
    assert left == 0


def test_search_matches_every_word_in_name_role_organisation_tags_and_notes(
    vault: Vault,
) -> None:
    vault.peers.add(sam())
    vault.peers.add(peer_details(name="Alex Moreau", role="Nurse", notes="knows the ICU"))
    assert [p.name for p in vault.peers.list("sam")] == ["Sam Okafor"]
    assert [p.name for p in vault.peers.list("riverside NIGHT")] == ["Sam Okafor"]
    assert [p.name for p in vault.peers.list("icu")] == ["Alex Moreau"]
    assert vault.peers.list("sam icu") == []
    vault.peers.add(peer_details(name="José Núñez"))
    assert [p.name for p in vault.peers.list("jose nunez")] == ["José Núñez"]
    assert [p.name for p in vault.peers.list("  ")] == ["Alex Moreau", "José Núñez", "Sam Okafor"]


def test_only_peers_marked_for_hard_times_are_offered_then(vault: Vault) -> None:
    vault.peers.add(sam())
    vault.peers.add(peer_details(name="Alex Moreau"))
    assert [p.name for p in vault.peers.call_when_hard()] == ["Sam Okafor"]


def test_a_catch_up_reminder_follows_the_rhythm_on_the_clock(
    vault: Vault, clock: FakeClock
) -> None:
    peer = vault.peers.add(sam(rhythm_days=14))
    today = lambda: clock.now().astimezone().date()  # noqa: E731
    assert vault.peers.catch_ups_due(today()) == []
    clock.advance(days=13)
    assert vault.peers.catch_ups_due(today()) == []
    clock.advance(days=8)
    (due,) = vault.peers.catch_ups_due(today())
    assert due.sentence == "It's been 3 weeks since you caught up with Sam Okafor."
    vault.peers.log_catch_up(peer.id, CatchUpWay.VIDEO, "short call")
    assert vault.peers.catch_ups_due(today()) == []
    assert vault.peers.get(peer.id).last_caught_up == clock.now() - timedelta(0)
    assert [c.note for c in vault.peers.catch_ups(peer.id)] == ["short call"]


def test_a_long_catch_up_note_is_refused(vault: Vault) -> None:
    peer = vault.peers.add(sam())
    with pytest.raises(InvalidCatchUp):
        vault.peers.log_catch_up(peer.id, note="x" * 1001)


def test_changes_announce_peers(vault: Vault) -> None:
    heard: list[frozenset[Changed]] = []
    vault.on_change(lambda notice: heard.append(notice.kinds))
    peer = vault.peers.add(sam())
    vault.peers.log_catch_up(peer.id)
    assert Changed.PEERS in heard[0]
    assert {Changed.CATCH_UPS, Changed.PEERS} <= heard[1]


def test_delete_forever_leaves_no_peer_text_in_the_database_or_the_wal(
    tmp_path, vault: Vault, clock: FakeClock
) -> None:
    from .plaintext_scan import every_plaintext

    canaries = (b"ocelotpeername", b"quokkanotes", b"badgercatchup")
    keep = vault.peers.add(sam())
    secret = vault.peers.add(peer_details(name="Ocelotpeername", notes="quokkanotes " * 200))
    for round_ in range(3):  # edits leave older versions behind in pages and the WAL
        vault.peers.update(
            secret.id, peer_details(name="Ocelotpeername", notes=f"quokkanotes {round_}")
        )
    vault.peers.log_catch_up(secret.id, note="badgercatchup")
    key = bytes(vault._data_key)  # what an attacker holding the key would see
    before = every_plaintext(vault.folder, key, tmp_path / "before")
    assert all(canary in before for canary in canaries)
    vault.peers.delete(secret.id)
    vault.peers.delete_forever(secret.id)
    after = every_plaintext(vault.folder, key, tmp_path / "after")
    assert [c for c in canaries if c in after] == []
    assert [p.id for p in vault.peers.list()] == [keep.id]
    vault.integrity_check()
