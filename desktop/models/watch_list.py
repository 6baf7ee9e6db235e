"""The names to watch for: names of patients the user must not send or export.

Kept inside the vault (one JSON list in the per-vault preferences, `vault/watch_list.py`)
and matched by the identifier check (`desktop/privacy/watched_names.py`). Names are
stored in Unicode NFC, as tags are; matching is blind to case and accents, so the
folded form decides what counts as the same name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from desktop.sentences import UserSentence

MAX_NAME_CHARS = 100
MAX_NAMES = 500


class InvalidWatchName(UserSentence, ValueError):
    """A name to watch for needs at least one letter and at most 100 characters."""


class WatchListFull(UserSentence, ValueError):
    """The list holds 500 names, its most. Remove a name you no longer need first."""


def fold(text: str) -> str:
    """Case- and accent-blind form ("José" and "JOSE" fold alike); may change length."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def clean_watch_name(raw: str) -> str:
    """Trim and collapse whitespace, drop control characters, NFC; refuse empty or long."""
    kept = "".join(char for char in raw if unicodedata.category(char)[0] != "C")
    name = unicodedata.normalize("NFC", " ".join(kept.split()))
    if not any(char.isalpha() for char in name) or len(name) > MAX_NAME_CHARS:
        raise InvalidWatchName()
    return name


def sorted_names(names: Iterable[str]) -> list[str]:
    """One entry per folded name (the first kept), in a case- and accent-blind order."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(fold(name), name)
    return [seen[key] for key in sorted(seen)]


def tolerant_names(stored: object) -> list[str]:
    """The names in a stored value; anything that is not a clean name is left out.

    The value comes from the vault, which only this app writes; a damaged entry must
    not stop an export, so it is skipped rather than refused.
    """
    if not isinstance(stored, list):
        return []
    names = []
    for entry in stored:
        if isinstance(entry, str):
            try:
                names.append(clean_watch_name(entry))
            except InvalidWatchName:
                continue
    return sorted_names(names)[:MAX_NAMES]
