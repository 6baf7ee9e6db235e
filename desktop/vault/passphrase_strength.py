"""A plain-language judgement of a new passphrase, for live feedback in the wizard.

Deliberately simple and offline: an estimate of guessing effort from length, character
variety, repetition and a short list of the most common choices. It refuses only what
is clearly weak, and says why in words a clinician can act on.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

MIN_LENGTH = 10
ACCEPTABLE_BITS = 50.0
_COMMON = frozenset(
    {
        "password",
        "passw0rd",
        "123456789",
        "1234567890",
        "qwertyuiop",
        "iloveyou",
        "letmein",
        "welcome",
        "alongside",
        "changeme",
        "trustno1",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "superman",
        "qwerty123",
        "abcdefghij",
    }
)
_SEQUENCES = (string.ascii_lowercase, string.digits, "qwertyuiopasdfghjklzxcvbnm")


@dataclass(frozen=True)
class PassphraseAssessment:
    """Whether a passphrase is acceptable, a 0–4 score and one sentence of feedback."""

    acceptable: bool
    score: int
    feedback: str


def _charset_size(passphrase: str) -> int:
    size = 0
    if any(c in string.ascii_lowercase for c in passphrase):
        size += 26
    if any(c in string.ascii_uppercase for c in passphrase):
        size += 26
    if any(c in string.digits for c in passphrase):
        size += 10
    if any(c in string.punctuation or c == " " for c in passphrase):
        size += 33
    if any(ord(c) > 127 for c in passphrase):
        size += 100
    return max(size, 1)


def _sequential_run(passphrase: str) -> int:
    lowered = passphrase.lower()
    longest = 0
    for sequence in _SEQUENCES:
        for length in range(len(lowered), 3, -1):
            if any(lowered[i : i + length] in sequence for i in range(len(lowered) - length + 1)):
                longest = max(longest, length)
                break
    return longest


def estimated_bits(passphrase: str) -> float:
    """A rough estimate of the guessing effort in bits."""
    if not passphrase:
        return 0.0
    per_char = math.log2(_charset_size(passphrase))
    # Repeated characters and keyboard/alphabet runs add little effort.
    distinct = len(set(passphrase))
    effective = min(len(passphrase), distinct * 2) - _sequential_run(passphrase) * 0.75
    return max(effective, 1.0) * per_char


def assess_passphrase(passphrase: str) -> PassphraseAssessment:
    """Judge a new passphrase; `acceptable` is False only for clearly weak ones."""
    stripped = passphrase.strip()
    if not stripped:
        return PassphraseAssessment(False, 0, "Type a passphrase.")
    if stripped.lower() in _COMMON:
        return PassphraseAssessment(False, 0, "This is one of the most common passwords.")
    if len(passphrase) < MIN_LENGTH:
        return PassphraseAssessment(
            False, 0, f"Too short: use at least {MIN_LENGTH} characters, e.g. four words."
        )
    bits = estimated_bits(passphrase)
    if len(set(passphrase)) <= 3:
        return PassphraseAssessment(False, 1, "Too repetitive: use a few unrelated words.")
    if bits < ACCEPTABLE_BITS:
        return PassphraseAssessment(
            False, 1, "Too easy to guess: add another word or mix in numbers and symbols."
        )
    if bits < 65:
        return PassphraseAssessment(
            True, 2, "Acceptable; one more word would make it much stronger."
        )
    if bits < 85:
        return PassphraseAssessment(True, 3, "Hard to guess.")
    return PassphraseAssessment(True, 4, "Very hard to guess.")
