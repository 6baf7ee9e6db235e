"""The pairing code: made from the shipped word list, read back however a person types it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.resources import resource_path
from desktop.sync.errors import InvalidCode
from desktop.sync.pairing_code import (
    MAX_CODE_WORDS,
    PairingCode,
    new_code,
    pairing_words,
    parse_code,
)

WORDS = pairing_words()
codes = st.builds(
    PairingCode,
    st.integers(min_value=1, max_value=10**9),
    st.lists(st.sampled_from(WORDS), min_size=3, max_size=MAX_CODE_WORDS).map(tuple),
)
separators = st.sampled_from(["-", " ", "  ", "--", " - ", "\u2013", "_", "\t", "."])


def test_the_word_list_is_shipped_with_its_source_and_licence() -> None:
    readme = resource_path("wordlists", "README.md").read_text(encoding="utf-8")
    assert "eff.org" in readme
    assert "CC BY 3.0" in readme
    assert len(WORDS) == len(set(WORDS)) == 1259
    assert all(word.isascii() and word.isalpha() and word.islower() for word in WORDS)


def test_a_new_code_has_the_nameplate_and_three_words() -> None:
    code = new_code(7)
    assert code.nameplate == 7
    assert len(code.words) == 3
    assert str(code).startswith("7-")
    assert parse_code(str(code)) == code
    assert "7-" not in repr(code)
    assert code.words[0] not in repr(code)


@given(codes, st.data())
def test_any_code_survives_case_spaces_and_hyphens(code: PairingCode, data: st.DataObject) -> None:
    parts = [str(code.nameplate), *code.words]
    typed = parts[0]
    for part in parts[1:]:
        typed += data.draw(separators) + part
    typed = (
        data.draw(st.sampled_from(["", " ", "\n"])) + typed + data.draw(st.sampled_from(["", " "]))
    )
    if data.draw(st.booleans()):
        typed = typed.upper()
    assert parse_code(typed) == code


@given(st.text(max_size=80))
def test_anything_typed_either_parses_or_gets_the_plain_sentence(text: str) -> None:
    outcome: PairingCode | InvalidCode
    try:
        outcome = parse_code(text)
    except InvalidCode as error:
        outcome = error
    if isinstance(outcome, InvalidCode):
        assert "look right" in str(outcome)
    else:
        assert parse_code(str(outcome)) == outcome


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "7",
        "7-acid-acorn",
        "acid-acorn-acre-7",
        "0-acid-acorn-acre",
        "x-acid-acorn-acre",
        "7-acid-acorn-notaword",
        "12345678901-acid-acorn-acre",
        "７-acid-acorn-acre",
        "7-" + "-".join(["acid"] * (MAX_CODE_WORDS + 1)),
    ],
)
def test_what_cannot_be_a_code_is_refused_with_a_sentence(typed: str) -> None:
    with pytest.raises(InvalidCode) as refused:
        parse_code(typed)
    assert "7-apple-river-stone" in str(refused.value) or "look right" in str(refused.value)
