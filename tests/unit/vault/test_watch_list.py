"""The names to watch for: kept in the vault's preferences, no migration, announced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.models.watch_list import MAX_NAMES, InvalidWatchName, WatchListFull
from desktop.vault import Vault, open_vault
from desktop.vault.changes import Changed, ChangeNotice
from desktop.vault.watch_list import WATCH_LIST_PREFERENCE

from .debriefing_helpers import PASSPHRASE, FakeClock, open_test_vault


def test_add_and_remove_keep_one_sorted_list(vault: Vault) -> None:
    assert vault.watch_list.names() == []
    vault.watch_list.add("  Zoë   Quillfeather ")
    vault.watch_list.add("adams")
    assert vault.watch_list.add("Émile") == ["adams", "Émile", "Zoë Quillfeather"]
    assert vault.watch_list.remove("EMILE") == ["adams", "Zoë Quillfeather"]
    assert vault.watch_list.names() == ["adams", "Zoë Quillfeather"]


def test_the_same_name_in_another_case_or_accent_is_not_added_twice(vault: Vault) -> None:
    vault.watch_list.add("José")
    assert vault.watch_list.add("JOSE") == ["José"]
    assert vault.watch_list.add("Jose\u0301") == ["José"]  # typed decomposed


def test_names_are_stored_in_nfc(vault: Vault) -> None:
    vault.watch_list.add("Jose\u0301")
    stored = vault.get_preference(WATCH_LIST_PREFERENCE, None)
    assert stored == ["Jos\u00e9"]


def test_an_empty_or_long_name_is_refused_with_a_sentence(vault: Vault) -> None:
    for bad in ("", "   ", "1234", "x" * 101, "\x00\x07"):
        with pytest.raises(InvalidWatchName) as caught:
            vault.watch_list.add(bad)
        assert str(caught.value) == (
            "A name to watch for needs at least one letter and at most 100 characters."
        )
    assert vault.watch_list.names() == []


def test_the_list_has_a_limit(vault: Vault) -> None:
    vault.set_preference(WATCH_LIST_PREFERENCE, [f"Name {i:03d}" for i in range(MAX_NAMES)])
    with pytest.raises(WatchListFull):
        vault.watch_list.add("One more")
    assert len(vault.watch_list.names()) == MAX_NAMES


def test_a_write_is_announced_as_a_preference_change(vault: Vault) -> None:
    heard: list[ChangeNotice] = []
    vault.on_change(heard.append)
    vault.watch_list.add("Quillfeather")
    assert [n.kinds for n in heard] == [frozenset({Changed.PREFERENCES})]
    heard.clear()
    vault.watch_list.remove("Somebody not on the list")
    assert heard == []  # nothing written, nothing announced
    assert repr(heard) == "[]"


def test_a_damaged_stored_value_reads_as_what_can_be_kept(vault: Vault) -> None:
    vault.set_preference(WATCH_LIST_PREFERENCE, ["Ann", 3, None, "", "  Bea  "])
    assert vault.watch_list.names() == ["Ann", "Bea"]
    vault.set_preference(WATCH_LIST_PREFERENCE, {"not": "a list"})
    assert vault.watch_list.names() == []
    vault.run(
        lambda c: c.execute(
            "UPDATE preferences SET value = 'not json' WHERE key = ?", (WATCH_LIST_PREFERENCE,)
        )
    )
    assert vault.watch_list.names() == []


def test_the_list_survives_reopening_without_a_migration(tmp_path: Path) -> None:
    clock = FakeClock()
    folder = tmp_path / "vault"
    vault = open_test_vault(folder, clock)
    version = vault.run(lambda c: c.execute("PRAGMA user_version").fetchone()[0])
    vault.watch_list.add("Quillfeather")
    vault.close()
    again = open_vault(folder, PASSPHRASE, clock=clock)
    try:
        assert again.watch_list.names() == ["Quillfeather"]
        assert again.run(lambda c: c.execute("PRAGMA user_version").fetchone()[0]) == version
        raw = again.run(
            lambda c: c.execute(
                "SELECT value FROM preferences WHERE key = ?", (WATCH_LIST_PREFERENCE,)
            ).fetchone()[0]
        )
        assert json.loads(raw) == ["Quillfeather"]
    finally:
        again.close()
