"""Template files: valid ones load; anything else is one clear error, never a crash."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.template import InvalidTemplate, Template, parse_template_json

VALID = {
    "id": "mine",
    "version": 1,
    "name": "Mine",
    "fields": [{"id": "a", "heading": "Patient J. Doe", "prompt": "p", "holds_actions": True}],
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


def test_a_valid_template_loads() -> None:
    template = parse_template_json(json.dumps(VALID))
    assert template.fields[0].holds_actions
    assert template.field("a").heading == "Patient J. Doe"


def test_repr_and_errors_never_show_headings() -> None:
    template = parse_template_json(json.dumps(VALID))
    assert "J. Doe" not in repr(template)
    broken = {**VALID, "fields": [{"id": "BAD ID", "heading": "Patient J. Doe"}]}
    with pytest.raises(InvalidTemplate) as refused:
        parse_template_json(json.dumps(broken))
    assert "J. Doe" not in str(refused.value)
    assert str(refused.value) == "This template cannot be used: it is damaged or has no fields."


def test_duplicate_field_ids_are_refused() -> None:
    twice = {**VALID, "fields": [VALID["fields"][0], VALID["fields"][0]]}  # type: ignore[index]
    with pytest.raises(InvalidTemplate):
        parse_template_json(json.dumps(twice))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_arbitrary_bytes_are_invalid_or_a_template(raw: bytes | str) -> None:
    with contextlib.suppress(InvalidTemplate):
        assert isinstance(parse_template_json(raw), Template)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_arbitrary_json_is_invalid_or_a_template(value: object) -> None:
    with contextlib.suppress(InvalidTemplate):
        assert isinstance(parse_template_json(json.dumps(value)), Template)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([*list(VALID), "extra"]), json_values))
def test_mutated_templates_are_invalid_or_a_template(changes: dict[str, object]) -> None:
    with contextlib.suppress(InvalidTemplate):
        parse_template_json(json.dumps({**VALID, **changes}))
