"""Debriefs written with templates: fields, default titles, versions, pages and filters."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desktop.models.checkin import StressZone
from desktop.models.listing import ListFilter
from desktop.models.template import Template
from desktop.vault import DebriefNotFound, InvalidDebrief, Vault, open_vault

from .debriefing_helpers import PASSPHRASE, START, FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(step=timedelta(seconds=1))


@pytest.fixture
def stop5(vault: Vault) -> Template:
    return vault.templates.get("stop5")


def test_the_simple_api_still_works(vault: Vault) -> None:
    added = vault.debriefs.add("Night shift", "It was long.")
    assert vault.debriefs.get(added.id).body == "It was long."
    vault.debriefs.update(added.id, title="Night", body="It was long and loud.")
    assert [d.title for d in vault.debriefs.list()] == ["Night"]
    vault.debriefs.delete(added.id)
    assert vault.debriefs.list() == []
    with pytest.raises(DebriefNotFound):
        vault.debriefs.get(added.id)


def test_fields_are_kept_by_id_and_joined_into_the_body(vault: Vault, stop5: Template) -> None:
    debrief = vault.debriefs.add(
        template=stop5, fields={"summarise": "Family meeting", "improve": "Book a room"}
    )
    stored = vault.debriefs.get(debrief.id)
    assert stored.fields == {"summarise": "Family meeting", "improve": "Book a room"}
    assert stored.body == "Family meeting\n\nBook a room"
    assert (stored.template_id, stored.template_version) == ("stop5", 1)
    assert stored.word_count == 5


def test_title_follows_the_first_field_until_the_user_types_one(
    vault: Vault, stop5: Template
) -> None:
    debrief = vault.debriefs.add(template=stop5, fields={"summarise": "Hard call\nmore detail"})
    assert debrief.title == "Hard call"
    changed = vault.debriefs.update(debrief.id, fields={"summarise": "Very hard call"})
    assert changed.title == "Very hard call"
    named = vault.debriefs.update(debrief.id, title="Tuesday")
    assert vault.debriefs.update(named.id, fields={"summarise": "Else"}).title == "Tuesday"
    assert vault.debriefs.update(named.id, title="").title == "Else"


def test_long_first_lines_make_short_titles(vault: Vault, stop5: Template) -> None:
    long_line = "word " * 40
    debrief = vault.debriefs.add(template=stop5, fields={"summarise": long_line})
    assert len(debrief.title) <= 81
    assert debrief.title.endswith("…")


def test_an_update_can_carry_only_the_changed_field(vault: Vault, stop5: Template) -> None:
    debrief = vault.debriefs.add(template=stop5, fields={"summarise": "A", "went_well": "B"})
    vault.debriefs.update(debrief.id, fields={"went_well": "C"})
    assert vault.debriefs.get(debrief.id).fields == {"summarise": "A", "went_well": "C"}


def test_a_field_the_template_lacks_is_a_programming_error(vault: Vault, stop5: Template) -> None:
    with pytest.raises(ValueError, match="field id"):
        vault.debriefs.add(template=stop5, fields={"nonsense": "x"})


def test_too_long_text_is_refused_with_a_sentence(vault: Vault) -> None:
    with pytest.raises(InvalidDebrief) as refused:
        vault.debriefs.add("t", "x" * 1_000_001)
    assert str(refused.value) == "The debrief is too long to save."


def test_everything_survives_closing_and_reopening(
    tmp_path: Path, vault: Vault, stop5: Template
) -> None:
    checkin = vault.checkins.add(StressZone.REACTING)
    debrief = vault.debriefs.add(
        template=stop5, fields={"summarise": "Kept"}, tags=["night"], checkin_id=checkin.id
    )
    vault.close()
    with open_vault(tmp_path / "vault", PASSPHRASE) as reopened:
        again = reopened.debriefs.get(debrief.id)
        assert again.fields == {"summarise": "Kept"}
        assert again.tags == ("night",)
        assert again.checkin_id == checkin.id


def test_pages_run_newest_first_without_gaps_or_repeats(vault: Vault) -> None:
    ids = [vault.debriefs.add(f"Debrief {n}", "text").id for n in range(25)]
    seen: list[str] = []
    page = vault.debriefs.page(limit=10)
    seen += [row.id for row in page.rows]
    while page.next_cursor is not None:
        page = vault.debriefs.page(after=page.next_cursor, limit=10)
        seen += [row.id for row in page.rows]
    assert seen == list(reversed(ids))
    by_offset = vault.debriefs.page(offset=20, limit=10)
    assert [row.id for row in by_offset.rows] == list(reversed(ids))[20:]
    assert by_offset.next_cursor is None
    assert vault.debriefs.count() == 25


def test_list_rows_do_not_carry_the_text(vault: Vault) -> None:
    vault.debriefs.add("Title", "The private body")
    row = vault.debriefs.page().rows[0]
    assert "The private body" not in str(row.model_dump())


def test_filters_by_tag_template_dates_and_checkin_colour(
    vault: Vault, clock: FakeClock, stop5: Template
) -> None:
    orange = vault.checkins.add(StressZone.INJURED)
    a = vault.debriefs.add(template=stop5, fields={"summarise": "a"}, tags=["Night"])
    clock.advance(days=3)
    b = vault.debriefs.add("b", "b", tags=["day"], checkin_id=orange.id)
    clock.advance(days=3)
    c = vault.debriefs.add("c", "c", tags=["night"])

    def ids(list_filter: ListFilter) -> list[str]:
        assert vault.debriefs.count(list_filter) == len(vault.debriefs.page(list_filter).rows)
        return [row.id for row in vault.debriefs.page(list_filter).rows]

    assert ids(ListFilter(tag="night")) == [c.id, a.id]
    assert ids(ListFilter(template_id="stop5")) == [a.id]
    assert ids(ListFilter(zone=StressZone.INJURED)) == [b.id]
    window = ListFilter(created_from=START + timedelta(days=1), created_before=clock.current)
    assert ids(window) == [c.id, b.id]
    assert ids(ListFilter(tag="night", created_from=START + timedelta(days=1))) == [c.id]
    assert ids(ListFilter(tag="%")) == []
    assert vault.debriefs.page().rows[1].zone is StressZone.INJURED
