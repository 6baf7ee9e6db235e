"""A plain-language judgement of a new passphrase, for live feedback while it is typed.

The estimate is zxcvbn's (Dropbox's estimator, as KeePassXC and Bitwarden use it): it
knows common passwords, names, keyboard patterns, dates and l33t substitutions, which a
home-made length-and-variety count does not ("Password1!" looks varied and is among the
first guesses). The vault's name and the user's own words go in as extra dictionary
words. zxcvbn loads its word lists on first use (~60 ms), so it is imported only when
the wizard or the change-passphrase dialog first asks, never at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_LENGTH = 10
ACCEPTABLE_SCORE = 3  # zxcvbn: "safely unguessable: moderate protection from offline attack"
# zxcvbn 4.5 refuses anything longer (ValueError: "Password exceeds max length of 72
# characters"), and is slow on very long input anyway. A longer passphrase is judged by
# its first 72 characters: never stronger than it is.
ESTIMATE_CHARACTERS = 72

_SCORE_SENTENCES = {
    3: "Hard to guess.",
    4: "Very hard to guess.",
}
_TOO_EASY = "Too easy to guess: add another word or two; uncommon words are best."


@dataclass(frozen=True)
class PassphraseAssessment:
    """Whether a passphrase is acceptable, a 0–4 score and one sentence of feedback."""

    acceptable: bool
    score: int
    feedback: str


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def assess_passphrase(passphrase: str, user_words: Sequence[str] = ()) -> PassphraseAssessment:
    """Judge a new passphrase; `acceptable` is False for guessable ones, with the reason.

    `user_words` (the vault's name, the user's name) count as known words: a passphrase
    built from them is weaker than it looks.
    """
    if not passphrase.strip():
        return PassphraseAssessment(False, 0, "Type a passphrase.")
    if len(passphrase) < MIN_LENGTH:
        return PassphraseAssessment(
            False, 0, f"Too short: use at least {MIN_LENGTH} characters, e.g. four words."
        )
    from zxcvbn import zxcvbn

    words = [word for text in user_words for word in text.split() if word]
    result = zxcvbn(passphrase[:ESTIMATE_CHARACTERS], user_inputs=words)
    score = max(0, min(4, int(result["score"])))
    if score >= ACCEPTABLE_SCORE:
        return PassphraseAssessment(True, score, _SCORE_SENTENCES[score])
    feedback = result.get("feedback") or {}
    warning = str(feedback.get("warning") or "")
    reason = f"{_sentence(warning)} {_TOO_EASY}" if warning else _TOO_EASY
    return PassphraseAssessment(False, score, reason)
