"""Passphrase feedback: clearly weak choices are refused with a reason, good ones pass."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.vault import assess_passphrase


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [
        ("", "Type a passphrase"),
        ("password", "most common"),
        ("Password", "most common"),
        ("tulip42", "Too short"),
        ("aaaaaaaaaaaaaaaa", "repetitive"),
        ("abcdefghijklmnop", "easy to guess"),
        ("1234567890123", "easy to guess"),
    ],
)
def test_weak_passphrases_are_refused_with_a_reason(passphrase: str, reason: str) -> None:
    assessment = assess_passphrase(passphrase)
    assert not assessment.acceptable
    assert reason in assessment.feedback


@pytest.mark.parametrize(
    "passphrase",
    ["quiet harbour lantern seven", "amber orchard bicycle thunder", "Tea@4pm-with-Gran!"],
)
def test_word_passphrases_are_accepted(passphrase: str) -> None:
    assessment = assess_passphrase(passphrase)
    assert assessment.acceptable
    assert assessment.score >= 2


def test_longer_is_never_weaker() -> None:
    scores = [
        assess_passphrase(" ".join(["harbour", "lantern", "orchid", "violet"][:n])).score
        for n in range(1, 5)
    ]
    assert scores == sorted(scores)


@given(st.text(max_size=200))
def test_any_text_gets_a_sentence_and_never_raises(passphrase: str) -> None:
    assessment = assess_passphrase(passphrase)
    assert 0 <= assessment.score <= 4
    assert assessment.feedback.endswith(".")
    if assessment.acceptable:
        assert len(passphrase) >= 10
