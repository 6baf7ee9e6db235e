"""Debrief models: default titles, joined bodies, nothing of the text in repr or errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from desktop.models.debrief import Debrief, compose_body, title_from_fields, title_from_text
from desktop.resources import builtin_templates

NOW = datetime(2026, 11, 22, tzinfo=UTC)


def test_title_is_the_first_non_blank_line() -> None:
    assert title_from_text("\n\n  Night   shift \nmore") == "Night shift"
    assert title_from_text("   ") == ""


def test_title_comes_from_the_first_field_with_text() -> None:
    gibbs = builtin_templates()[0]
    assert title_from_fields(gibbs, {"feelings": "Tired", "description": ""}) == "Tired"


def test_body_follows_the_template_order_and_keeps_retired_fields() -> None:
    gibbs = builtin_templates()[0]
    fields = {"feelings": "B", "description": "A", "gone": "C"}
    assert compose_body(gibbs, fields) == "A\n\nB\n\nC"


def test_repr_and_validation_errors_hide_the_text() -> None:
    debrief = Debrief(
        id="a" * 32,
        title="Mrs Canary",
        body="canary body",
        created=NOW,
        updated=NOW,
        fields={"note": "canary field"},
        tags=("canary tag",),
    )
    assert "anary" not in repr(debrief)
    with pytest.raises(ValidationError) as refused:
        Debrief(id="nothex", title="Mrs Canary", body="b" * 1_000_001, created=NOW, updated=NOW)
    assert "anary" not in str(refused.value)
    assert "bbbb" not in str(refused.value)
