"""Templates: the five shipped ones, and the user's own — versioned, never rewriting debriefs."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models.template import InvalidTemplate, TemplateField
from desktop.vault import Vault, open_vault
from desktop.vault.templates import TemplateReadOnly, new_field

from .debriefing_helpers import PASSPHRASE


def test_the_five_shipped_templates_come_in_order(vault: Vault) -> None:
    names = [t.name for t in vault.templates.list()]
    assert names == [
        "Gibbs reflective cycle",
        "STOP5 hot debrief",
        "What? So what? Now what?",
        "Walking alongside",
        "Free note",
    ]
    assert all(t.builtin and t.estimated_minutes > 0 for t in vault.templates.list())


def test_a_user_template_is_listed_after_the_shipped_ones(vault: Vault) -> None:
    made = vault.templates.create(
        "Supervision prep", [new_field("What to bring"), new_field("Questions")]
    )
    assert vault.templates.list()[-1] == made
    assert made.version == 1
    assert not made.builtin


def test_editing_adds_a_version_and_old_debriefs_keep_theirs(vault: Vault) -> None:
    first, second = new_field("First"), new_field("Second")
    template = vault.templates.create("Mine", [first, second])
    debrief = vault.debriefs.add(template=template, fields={first.id: "old text"})
    renamed = first.model_copy(update={"heading": "Renamed"})
    edited = vault.templates.edit(template.id, fields=[renamed, new_field("Third")])
    assert edited.version == 2
    kept = vault.debriefs.get(debrief.id)
    assert kept.template_version == 1
    old = vault.templates.get(template.id, kept.template_version)
    assert [f.heading for f in old.fields] == ["First", "Second"]
    assert next(f.heading for f in vault.templates.get(template.id).fields) == "Renamed"
    # Text written under the old version stays editable under that version.
    vault.debriefs.update(debrief.id, fields={second.id: "added later"})
    assert vault.debriefs.get(debrief.id).body == "old text\n\nadded later"


def test_shipped_templates_cannot_be_edited_but_can_be_duplicated(vault: Vault) -> None:
    with pytest.raises(TemplateReadOnly) as refused:
        vault.templates.edit("gibbs", name="Mine")
    assert "Duplicate it" in str(refused.value)
    copy = vault.templates.duplicate("gibbs")
    assert copy.name == "Gibbs reflective cycle (copy)"
    assert [f.heading for f in copy.fields] == [
        f.heading for f in vault.templates.get("gibbs").fields
    ]
    assert not copy.builtin
    assert copy.id != "gibbs"


def test_retired_templates_leave_the_picker_but_still_open_old_debriefs(vault: Vault) -> None:
    gibbs = vault.templates.get("gibbs")
    debrief = vault.debriefs.add(template=gibbs, fields={"description": "x"})
    vault.templates.retire("gibbs")
    assert "gibbs" not in [t.id for t in vault.templates.list()]
    assert vault.templates.get("gibbs").retired
    assert "gibbs" in [t.id for t in vault.templates.list(include_retired=True)]
    assert vault.templates.get("gibbs", vault.debriefs.get(debrief.id).template_version)
    vault.templates.unretire("gibbs")
    assert "gibbs" in [t.id for t in vault.templates.list()]


def test_an_app_update_to_a_shipped_template_does_not_change_old_debriefs(
    tmp_path: Path, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    stop5 = vault.templates.get("stop5")
    debrief = vault.debriefs.add(template=stop5, fields={"summarise": "x"})
    vault.close()
    newer = stop5.model_copy(
        update={"version": 2, "fields": (TemplateField(id="summary", heading="Summary"),)}
    )
    monkeypatch.setattr(
        "desktop.vault.templates.builtin_templates",
        lambda: tuple(newer if t.id == "stop5" else t for t in _shipped()),
    )
    with open_vault(tmp_path / "vault", PASSPHRASE) as reopened:
        assert reopened.templates.get("stop5").version == 2
        old = reopened.templates.get("stop5", reopened.debriefs.get(debrief.id).template_version)
        assert old.fields[0].heading == "Summarise the case"


def _shipped() -> tuple:  # type: ignore[type-arg]
    from desktop.resources import builtin_templates

    return builtin_templates()


def test_a_template_needs_a_name_and_a_field(vault: Vault) -> None:
    with pytest.raises(InvalidTemplate):
        vault.templates.create("No fields", [])
    with pytest.raises(InvalidTemplate):
        vault.templates.create("", [new_field("x")])


def test_user_templates_survive_reopening(tmp_path: Path, vault: Vault) -> None:
    made = vault.templates.create("Mine", [new_field("One", holds_actions=True)])
    vault.close()
    with open_vault(tmp_path / "vault", PASSPHRASE) as reopened:
        assert reopened.templates.get(made.id) == made
