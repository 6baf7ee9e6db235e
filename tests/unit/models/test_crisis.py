"""The crisis resources file: the shipped one loads; anything else is one clear error."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.crisis import CrisisLines, InvalidCrisisLines, parse_crisis_lines
from desktop.resources import resource_path


def test_a_line_without_its_source_is_refused() -> None:
    shipped = json.loads(resource_path("crisis_lines.json").read_text(encoding="utf-8"))
    del shipped["lines"][0]["source"]
    with pytest.raises(InvalidCrisisLines) as refused:
        parse_crisis_lines(json.dumps(shipped))
    assert str(refused.value) == "The crisis resources file is damaged."


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300))
def test_arbitrary_input_is_invalid_or_a_list(raw: bytes | str) -> None:
    with contextlib.suppress(InvalidCrisisLines):
        assert isinstance(parse_crisis_lines(raw), CrisisLines)
