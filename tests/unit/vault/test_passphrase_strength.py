"""Passphrase feedback: guessable choices are refused with a reason, good ones pass."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.vault import assess_passphrase


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [
        ("", "Type a passphrase"),
        ("tulip42", "Too short"),
        ("password12", "common"),
        ("iloveyou12", "common"),
        ("Welcome123", "common"),
        ("Password1!", "common"),
        ("Summer2024!", "common"),
        ("aaaaaaaaaaaaaaaa", "Too easy to guess"),
        ("abcdefghijklmnop", "Too easy to guess"),
        ("1234567890123", "Too easy to guess"),
        ("qwertyuiopasdf", "Too easy to guess"),
    ],
)
def test_guessable_passphrases_are_refused_with_a_reason(passphrase: str, reason: str) -> None:
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
    assert assessment.score >= 3


def test_the_vaults_own_name_is_a_known_word() -> None:
    """A passphrase made of the vault's name is weaker than it looks."""
    alone = assess_passphrase("Wrenfield2026!")
    with_name = assess_passphrase("Wrenfield2026!", ["Wrenfield Surgery"])
    assert alone.acceptable
    assert not with_name.acceptable


def test_longer_is_never_weaker() -> None:
    scores = [
        assess_passphrase(" ".join(["harbour", "lantern", "orchid", "violet"][:n])).score
        for n in range(1, 5)
    ]
    assert scores == sorted(scores)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_sentence_and_never_raises(passphrase: str) -> None:
    assessment = assess_passphrase(passphrase)
    assert 0 <= assessment.score <= 4
    assert assessment.feedback.endswith(".")
    if assessment.acceptable:
        assert len(passphrase) >= 10


def test_a_passphrase_longer_than_zxcvbn_takes_is_judged_not_refused() -> None:
    """zxcvbn 4.5 raises on input over 72 characters; a long passphrase is still judged."""
    long_one = "correct horse battery staple on the night ward, " * 3  # 150 characters
    assessment = assess_passphrase(long_one)
    assert assessment.acceptable
