"""Words the user typed never show up in errors, reprs or the vault's files in clear."""

from __future__ import annotations

import pytest

from desktop.models.checkin import StressZone
from desktop.models.tag import InvalidTag
from desktop.models.template import InvalidTemplate
from desktop.vault import InvalidDebrief, Vault
from desktop.vault.actions import InvalidAction
from desktop.vault.checkins import InvalidCheckIn
from desktop.vault.templates import new_field

CANARY = "Quillfeather"


def test_refusals_name_no_user_words(vault: Vault) -> None:
    debrief = vault.debriefs.add(CANARY, CANARY)
    refusals: list[Exception] = []
    attempts = [
        lambda: vault.debriefs.add(CANARY, CANARY * 100_000),
        lambda: vault.tags.add(debrief.id, CANARY * 10),
        lambda: vault.checkins.add(StressZone.ILL, note=CANARY * 100),
        lambda: vault.actions.add(debrief.id, "note", CANARY * 100),
        lambda: vault.templates.create(CANARY, [new_field(CANARY)] * 2),
    ]
    for attempt in attempts:
        with pytest.raises(
            (InvalidDebrief, InvalidTag, InvalidCheckIn, InvalidAction, InvalidTemplate)
        ) as refused:
            attempt()
        refusals.append(refused.value)
    for refusal in refusals:
        assert CANARY.lower() not in str(refusal).lower()
        assert CANARY.lower() not in repr(refusal).lower()
        assert refusal.__cause__ is None


def test_models_keep_content_out_of_repr(vault: Vault) -> None:
    checkin = vault.checkins.add(StressZone.INJURED, note=CANARY)
    debrief = vault.debriefs.add(
        CANARY,
        template=vault.templates.get("stop5"),
        fields={"summarise": CANARY},
        tags=[CANARY],
        checkin_id=checkin.id,
    )
    action = vault.actions.add(debrief.id, "actions", CANARY)
    shown = [
        vault.debriefs.get(debrief.id),
        vault.debriefs.page().rows[0],
        vault.search.find(CANARY)[0],
        vault.checkins.get(checkin.id),
        action,
        vault.actions.open()[0],
        vault.tags.all()[0],
        vault.templates.create(CANARY, [new_field(CANARY)]),
    ]
    for model in shown:
        assert CANARY not in repr(model), type(model).__name__


def test_nothing_readable_reaches_the_vault_folder(vault: Vault) -> None:
    debrief = vault.debriefs.add(CANARY, CANARY, tags=[CANARY])
    vault.actions.add(debrief.id, "note", CANARY)
    vault.checkins.add(StressZone.READY, note=CANARY, debrief_id=debrief.id)
    vault.search.find(CANARY)
    vault.search.find(f'"{CANARY} NEAR(')
    for path in vault.folder.iterdir():
        assert CANARY.lower().encode() not in path.read_bytes().lower(), path.name
