"""Action points: per field, due dates, done and undo, open actions across debriefs."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.vault import Vault
from desktop.vault.actions import ActionNotFound, InvalidAction


def test_actions_belong_to_a_field_and_keep_their_order(vault: Vault) -> None:
    debrief = vault.debriefs.add(template=vault.templates.get("stop5"), fields={})
    first = vault.actions.add(debrief.id, "actions", "Call the family")
    second = vault.actions.add(debrief.id, "actions", "Book debrief room", due=date(2026, 12, 1))
    assert [a.id for a in vault.actions.of(debrief.id)] == [first.id, second.id]
    assert vault.actions.of(debrief.id)[1].due == date(2026, 12, 1)


def test_a_field_the_template_lacks_is_a_programming_error(vault: Vault) -> None:
    debrief = vault.debriefs.add(template=vault.templates.get("stop5"), fields={})
    with pytest.raises(KeyError):
        vault.actions.add(debrief.id, "no_such_field", "x")


def test_done_and_undo(vault: Vault) -> None:
    debrief = vault.debriefs.add("t", "b")
    action = vault.actions.add(debrief.id, "note", "Phone GP")
    assert vault.actions.set_done(action.id).done
    assert vault.actions.open() == []
    assert not vault.actions.set_done(action.id, False).done
    assert [o.action.id for o in vault.actions.open()] == [action.id]


def test_open_actions_across_debriefs_soonest_due_first(vault: Vault) -> None:
    a = vault.debriefs.add("Monday", "b")
    b = vault.debriefs.add("Tuesday", "b")
    undated = vault.actions.add(a.id, "note", "Someday")
    later = vault.actions.add(b.id, "note", "Later", due=date(2026, 12, 20))
    sooner = vault.actions.add(a.id, "note", "Sooner", due=date(2026, 12, 1))
    open_actions = vault.actions.open()
    assert [o.action.id for o in open_actions] == [sooner.id, later.id, undated.id]
    assert [o.debrief_title for o in open_actions] == ["Monday", "Tuesday", "Monday"]


def test_edit_due_date_and_delete(vault: Vault) -> None:
    debrief = vault.debriefs.add("t", "b")
    action = vault.actions.add(debrief.id, "note", "draft")
    assert vault.actions.edit(action.id, "final").text == "final"
    assert vault.actions.set_due(action.id, date(2027, 1, 5)).due == date(2027, 1, 5)
    assert vault.actions.set_due(action.id, None).due is None
    vault.actions.delete(action.id)
    assert vault.actions.of(debrief.id) == []
    with pytest.raises(ActionNotFound):
        vault.actions.delete(action.id)


def test_an_empty_action_is_refused_with_a_sentence(vault: Vault) -> None:
    debrief = vault.debriefs.add("t", "b")
    with pytest.raises(InvalidAction) as refused:
        vault.actions.add(debrief.id, "note", "")
    assert "needs some text" in str(refused.value)
