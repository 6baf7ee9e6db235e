"""Tags: add and remove, autocomplete, rename everywhere (search follows)."""

from __future__ import annotations

import pytest

from desktop.models.tag import InvalidTag
from desktop.vault import Vault


def test_add_and_remove_ignore_case_and_spacing(vault: Vault) -> None:
    debrief = vault.debriefs.add("t", "b")
    vault.tags.add(debrief.id, "  night   shift ")
    assert vault.tags.add(debrief.id, "NIGHT SHIFT") == ("night shift",)
    assert vault.tags.add(debrief.id, "family") == ("family", "night shift")
    assert vault.tags.remove(debrief.id, "Night Shift") == ("family",)
    assert vault.debriefs.get(debrief.id).tags == ("family",)


def test_a_tag_needs_a_letter_or_digit(vault: Vault) -> None:
    debrief = vault.debriefs.add("t", "b")
    with pytest.raises(InvalidTag) as refused:
        vault.tags.add(debrief.id, " -- ")
    assert "at least one letter" in str(refused.value)


def test_autocomplete_offers_the_most_used_tags_for_a_prefix(vault: Vault) -> None:
    for tags in (["night", "nights out"], ["night"], ["nausea"], ["day"]):
        vault.debriefs.add("t", "b", tags=tags)
    assert vault.tags.complete("n") == ["night", "nausea", "nights out"]
    assert vault.tags.complete("NIG") == ["night", "nights out"]
    assert vault.tags.complete("%") == []
    assert vault.tags.complete("_") == []


def test_tags_of_trashed_debriefs_are_not_suggested(vault: Vault) -> None:
    debrief = vault.debriefs.add("t", "b", tags=["grief"])
    vault.debriefs.delete(debrief.id)
    assert vault.tags.complete("g") == []
    vault.trash.restore(debrief.id)
    assert vault.tags.complete("g") == ["grief"]


def test_rename_changes_every_debrief_and_what_search_finds(vault: Vault) -> None:
    first = vault.debriefs.add("a", "x", tags=["nite"])
    second = vault.debriefs.add("b", "y", tags=["nite", "family"])
    vault.tags.rename("nite", "night")
    assert vault.debriefs.get(first.id).tags == ("night",)
    assert vault.debriefs.get(second.id).tags == ("family", "night")
    assert {hit.summary.id for hit in vault.search.find("night")} == {first.id, second.id}
    assert vault.search.find("nite") == []


def test_renaming_onto_an_existing_tag_merges_them(vault: Vault) -> None:
    first = vault.debriefs.add("a", "x", tags=["famly"])
    second = vault.debriefs.add("b", "y", tags=["famly", "family"])
    vault.tags.rename("famly", "Family")
    assert vault.debriefs.get(first.id).tags == ("family",)
    assert vault.debriefs.get(second.id).tags == ("family",)
    assert [(t.name, t.count) for t in vault.tags.all()] == [("family", 2)]


def test_a_tag_nobody_uses_disappears(vault: Vault) -> None:
    debrief = vault.debriefs.add("t", "b", tags=["once"])
    vault.tags.set(debrief.id, [])
    assert vault.tags.all() == []
    assert vault.run(lambda c: c.execute("SELECT count(*) FROM tags").fetchone()[0]) == 0


def test_renaming_a_tag_on_many_debriefs_merges_the_index_first(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desktop.vault.search_index.BULK_REINDEX", 2)
    ids = {vault.debriefs.add(f"d{n}", f"text {n}", tags=["oncall"]).id for n in range(5)}
    vault.tags.rename("oncall", "on call")
    assert {hit.summary.id for hit in vault.search.find("call")} == ids
    assert vault.search.find("oncall") == []
    vault.integrity_check()
