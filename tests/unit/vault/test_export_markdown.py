"""Markdown export: what a reader of the exported file sees, and a neutral file name."""

from __future__ import annotations

from datetime import date

from desktop.models.checkin import StressZone
from desktop.vault import Vault
from desktop.vault.export_markdown import (
    debrief_to_markdown,
    debriefs_to_markdown,
    default_export_filename,
)


def test_a_templated_debrief_reads_as_headed_sections(vault: Vault) -> None:
    checkin = vault.checkins.add(StressZone.INJURED, energy=3, sleep=4)
    debrief = vault.debriefs.add(
        "Mrs Example's family meeting",
        template=vault.templates.get("stop5"),
        fields={"summarise": "Hard news, shared well.", "improve": "Quieter room"},
        tags=["family"],
        checkin_id=checkin.id,
    )
    vault.actions.add(debrief.id, "actions", "Book the quiet room", due=date(2026, 12, 1))
    done = vault.actions.add(debrief.id, "actions", "Tell the team")
    vault.actions.set_done(done.id)
    text = debrief_to_markdown(vault.exports.items([debrief.id])[0])
    assert text.startswith("# Mrs Example's family meeting\n")
    assert "Template: STOP5 hot debrief (version 1)" in text
    assert "## Summarise the case\n\nHard news, shared well.\n" in text
    assert "## Opportunities to improve\n\nQuieter room\n" in text
    assert "- [ ] Book the quiet room (due 2026-12-01)" in text
    assert "- [x] Tell the team" in text
    assert "Tags: family" in text
    assert "Check-in: Injured (orange), energy 3/10, sleep 4/10" in text
    assert "Walker" in text  # the template's attribution travels with it
    assert "public domain" in text


def test_a_plain_debrief_and_a_selection(vault: Vault) -> None:
    first = vault.debriefs.add("First", "Line one\nLine two")
    second = vault.debriefs.add("", "")
    text = debriefs_to_markdown(vault.exports.items([first.id, second.id]))
    assert "# First\n" in text
    assert "Line one\nLine two\n" in text
    assert "# Untitled debrief" in text
    assert text.count("\n---\n") == 1


def test_a_title_cannot_break_out_of_its_heading(vault: Vault) -> None:
    debrief = vault.debriefs.add("Two\nlines", "b")
    text = debrief_to_markdown(vault.exports.items([debrief.id])[0])
    assert text.startswith("# Two lines\n")


def test_default_file_names_never_carry_the_title() -> None:
    assert default_export_filename(1, date(2026, 11, 22)) == "alongside-debrief-2026-11-22.md"
    assert default_export_filename(3, date(2026, 11, 22), "pdf") == (
        "alongside-debriefs-3-2026-11-22.pdf"
    )
