"""Shipped resources load from the source tree and from a frozen bundle alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.resources import (
    ResourcesMissing,
    builtin_templates,
    load_crisis_lines,
    resources_root,
)

ROOT = Path(__file__).resolve().parents[2]


def test_source_checkout_finds_the_repo_resources() -> None:
    assert resources_root() == ROOT / "resources"


def test_a_frozen_bundle_uses_its_own_folder(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "resources" / "templates", tmp_path / "resources" / "templates")
    assert resources_root(frozen_base=str(tmp_path)) == tmp_path / "resources"


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ResourcesMissing):
        resources_root(frozen_base=str(tmp_path))


def test_the_shipped_templates_and_their_attributions() -> None:
    templates = {t.id: t for t in builtin_templates()}
    assert list(templates) == [
        "gibbs",
        "stop5",
        "what_so_what_now_what",
        "walking_alongside",
        "free_note",
    ]
    assert [f.heading for f in templates["gibbs"].fields] == [
        "Description",
        "Feelings",
        "Evaluation",
        "Analysis",
        "Conclusion",
        "Action plan",
    ]
    stop5 = templates["stop5"]
    assert "Walker" in stop5.attribution
    assert "2020" in stop5.attribution
    assert stop5.fields[-1].holds_actions
    assert stop5.fields[-1].heading.startswith("Points to action")
    assert "Driscoll" in templates["what_so_what_now_what"].attribution
    alongside = templates["walking_alongside"]
    assert [f.heading for f in alongside.fields] == [
        "Connection",
        "Worldview",
        "Mutuality",
        "Moving towards",
    ]
    assert "Intentional Peer Support" in alongside.attribution
    assert "no IPS certification" in alongside.attribution
    assert all(
        t.estimated_minutes > 0 and all(f.prompt for f in t.fields) for t in templates.values()
    )
    assert not any(
        "debriefing" in t.name.lower() and "critical" in t.name.lower() for t in templates.values()
    )


def test_crisis_lines_carry_source_date_and_the_emergency_line() -> None:
    crisis = load_crisis_lines()
    assert crisis.emergency_notice == (
        "If you are in immediate danger, call your local emergency number."
    )
    assert len(crisis.lines) == 10
    assert all(
        line.checked == "2026-11" and line.source.startswith("https://") for line in crisis.lines
    )
    samaritans = next(line for line in crisis.lines if line.service == "Samaritans")
    assert samaritans.how == "call 116 123 (free)"
