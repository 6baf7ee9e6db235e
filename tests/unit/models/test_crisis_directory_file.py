"""The crisis-lines import/export format: published schema, refusals, country order."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.crisis import (
    CrisisFileRefused,
    CrisisLinesFile,
    crisis_file_schema,
    order_for_country,
    parse_crisis_file,
)
from desktop.resources import load_crisis_lines, resource_path


def test_the_published_schema_is_the_models_schema() -> None:
    published = json.loads(
        (resource_path().parent / "docs" / "crisis-lines.schema.json").read_text("utf-8")
    )
    assert published == crisis_file_schema()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_a_file_or_one_refusal_sentence(raw: bytes) -> None:
    try:
        assert isinstance(parse_crisis_file(raw), CrisisLinesFile)
    except CrisisFileRefused as refused:
        sentence = str(refused)
        assert sentence.startswith("This file can't be imported: ")
        assert sentence.endswith(". Nothing was changed.")


def test_this_computers_country_comes_first_then_the_others_in_order() -> None:
    lines = load_crisis_lines().lines
    south_africa = order_for_country(lines, "South Africa")
    assert [line.country for line in south_africa[:3]] == ["South Africa"] * 3
    assert south_africa[3].country == "United States"
    assert len(south_africa) == len(lines)
    uk = order_for_country(lines, "United Kingdom")
    assert [line.service for line in uk[:2]] == ["Samaritans", "Lifeline"]
    ireland = order_for_country(lines, "Ireland")
    assert [line.service for line in ireland[:1]] == ["Samaritans"]
    assert ireland[1].country == "United States"
    us = order_for_country(lines, "United States")
    assert [line.country for line in us[:2]] == ["United States", "United States (clinicians)"]
    assert order_for_country(lines, "Japan") == list(lines)
