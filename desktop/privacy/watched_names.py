"""Names from the user's watch list, as whole words, blind to case and accents.

The text is folded character by character (`models.watch_list.fold`: casefold, then
NFKD without combining marks), remembering which original character each folded
character came from, so a match in the folded text maps back to the original text
("JOSÉ" in a note matches "José" on the list, "Jose" too). Whole words: no letter,
digit or underscore right before or after. Spaces inside a name match any run of
whitespace, so "Mary  Ann" with two spaces or a line break still matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from desktop.models.watch_list import fold
from desktop.privacy.findings import Finding, IdentifierKind


def _folded_with_origins(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from."""
    parts: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = char if char.isascii() and not char.isupper() else fold(char)
        parts.append(folded)
        origins.extend([index] * len(folded))
    return "".join(parts), origins


def names_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for every name (longest first, so "Ann Lee" wins over "Ann")."""
    folded = sorted(
        {" ".join(fold(name).split()) for name in names if fold(name).strip()},
        key=lambda n: (-len(n), n),
    )
    if not folded:
        return None
    alternatives = "|".join(
        r"\s+".join(re.escape(word) for word in name.split(" ")) for name in folded
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def find_watched_names(text: str, pattern: re.Pattern[str] | None) -> Iterator[Finding]:
    if pattern is None or not text:
        return
    if text.isascii():  # the common case: folding is lower-casing, offsets stay put
        folded, origins = text.lower(), None
    else:
        folded, origins = _folded_with_origins(text)
    for match in pattern.finditer(folded):
        if match.end() == match.start():
            continue
        if origins is None:
            start, end = match.start(), match.end()
        else:
            start, end = origins[match.start()], origins[match.end() - 1] + 1
        # Combining marks after the last letter belong to it (text typed in NFD).
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        yield Finding(IdentifierKind.WATCHED_NAME, start, end)
