"""The trash: delete is undoable for 30 days; "delete forever" leaves no readable trace."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desktop.vault import DebriefNotFound, Vault, open_vault

from .debriefing_helpers import PASSPHRASE, FakeClock
from .plaintext_scan import every_plaintext

CANARIES = (b"zebraquokka", b"marmosetbadger", b"canarytagword", b"ocelotaction")


def test_deleted_debriefs_wait_in_the_trash_and_come_back_whole(vault: Vault) -> None:
    debrief = vault.debriefs.add("Kept safe", "pelican notes", tags=["ward"])
    action = vault.actions.add(debrief.id, "note", "Call back")
    vault.debriefs.delete(debrief.id)
    assert vault.debriefs.list() == []
    assert vault.search.find("pelican") == []
    assert vault.actions.open() == []
    assert [t.summary.id for t in vault.trash.list()] == [debrief.id]
    vault.trash.restore(debrief.id)
    restored = vault.debriefs.get(debrief.id)
    assert (restored.title, restored.tags) == ("Kept safe", ("ward",))
    assert [hit.summary.id for hit in vault.search.find("pelican")] == [debrief.id]
    assert [o.action.id for o in vault.actions.open()] == [action.id]
    assert vault.trash.list() == []


def test_the_trash_is_emptied_after_30_days(tmp_path: Path, vault: Vault, clock: FakeClock) -> None:
    old = vault.debriefs.add("old", "a")
    vault.debriefs.delete(old.id)
    clock.advance(days=10)
    newer = vault.debriefs.add("newer", "b")
    vault.debriefs.delete(newer.id)
    clock.advance(days=19, hours=23)
    assert vault.trash.purge_expired() == 0
    assert vault.trash.list()[1].purge_at == clock.current + timedelta(hours=1)
    clock.advance(hours=1)
    assert vault.trash.purge_expired() == 1
    assert [t.summary.id for t in vault.trash.list()] == [newer.id]
    vault.close()
    clock.advance(days=10)
    with open_vault(tmp_path / "vault", PASSPHRASE, clock=clock) as reopened:
        assert reopened.trash.list() == []  # purged at unlock
        with pytest.raises(DebriefNotFound):
            reopened.debriefs.get(newer.id, include_trashed=True)


def test_restoring_something_no_longer_in_the_trash_says_so(vault: Vault) -> None:
    debrief = vault.debriefs.add("t", "b")
    with pytest.raises(DebriefNotFound) as missing:
        vault.trash.restore(debrief.id)
    assert str(missing.value) == "That debrief no longer exists."


def test_empty_trash_removes_only_what_is_in_it(vault: Vault) -> None:
    kept = vault.debriefs.add("kept", "a")
    gone = vault.debriefs.add("gone", "b")
    vault.debriefs.delete(gone.id)
    assert vault.trash.empty() == 1
    assert [d.id for d in vault.debriefs.list()] == [kept.id]


def test_delete_forever_leaves_no_plaintext_in_the_database_or_the_wal(
    tmp_path: Path, vault: Vault
) -> None:
    stop5 = vault.templates.get("stop5")
    keep = vault.debriefs.add("Other debrief", "nothing secret here", tags=["ward"])
    secret = vault.debriefs.add(
        template=stop5,
        fields={"summarise": "zebraquokka " + "filler words " * 800},
        tags=["canarytagword"],
    )
    vault.actions.add(secret.id, "actions", "ask ocelotaction")
    for round_ in range(5):  # autosaves leave older versions behind in pages and WAL
        vault.debriefs.update(
            secret.id, fields={"went_well": f"marmosetbadger {round_} " + "more " * 300}
        )
    key = bytes(vault._data_key)  # the test decrypts what an attacker with the key would see
    before = every_plaintext(vault.folder, key, tmp_path / "before")
    assert all(canary in before for canary in CANARIES)  # the scan can see the text

    vault.debriefs.delete(secret.id)
    in_trash = every_plaintext(vault.folder, key, tmp_path / "in-trash")
    assert all(canary in in_trash for canary in CANARIES)  # the trash keeps it

    vault.trash.delete_forever(secret.id)
    after = every_plaintext(vault.folder, key, tmp_path / "after")
    assert [c for c in CANARIES if c in after] == []
    assert b"nothing secret here" in after  # the rest is intact and readable
    assert [hit.summary.id for hit in vault.search.find("ward")] == [keep.id]
    assert vault.search.find("zebraquokka") == []
    vault.integrity_check()
