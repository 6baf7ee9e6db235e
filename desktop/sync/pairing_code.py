"""The pairing code: `<nameplate>-word-word-word`, made on one side and typed on the other.

The words come from `resources/wordlists/pairing_words.txt` (the EFF short word list,
source and licence in that folder's README). Parsing forgives what people do when
they copy a code by hand: capitals, spaces instead of hyphens, doubled separators,
spaces around the code. The normalised code (lower case, single hyphens) is the SPAKE2
password (docs/protocol.md §10.1).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from functools import cache

from desktop.resources import ResourcesMissing, resource_path
from desktop.sync.errors import InvalidCode

WORDLIST_FILE = ("wordlists", "pairing_words.txt")
CODE_WORDS = 3
MAX_CODE_WORDS = 8
MAX_NAMEPLATE = 10**9
_SEPARATORS = re.compile(r"[\s\-‐-―−_.,]+")


@cache
def pairing_words() -> tuple[str, ...]:
    """The shipped word list, in its file's order."""
    words = tuple(resource_path(*WORDLIST_FILE).read_text(encoding="utf-8").split())
    if len(words) < 1024 or len(set(words)) != len(words):
        raise ResourcesMissing("bad-wordlist")
    return words


@cache
def _word_set() -> frozenset[str]:
    return frozenset(pairing_words())


@dataclass(frozen=True)
class PairingCode:
    """A parsed code. `str()` is its one normal spelling, the SPAKE2 password."""

    nameplate: int
    words: tuple[str, ...]

    def __str__(self) -> str:
        return "-".join((str(self.nameplate), *self.words))

    def __repr__(self) -> str:
        return f"PairingCode(nameplate={self.nameplate}, words=<{len(self.words)} hidden>)"

    @property
    def password(self) -> bytes:
        """What SPAKE2 is run over: the normal spelling in ASCII."""
        return str(self).encode("ascii")


def new_code(nameplate: int, *, words: int = CODE_WORDS) -> PairingCode:
    """A fresh code on `nameplate` with `words` words drawn uniformly by `secrets`."""
    if not 1 <= nameplate <= MAX_NAMEPLATE or not CODE_WORDS <= words <= MAX_CODE_WORDS:
        raise ValueError("nameplate or word count out of range")
    pool = pairing_words()
    return PairingCode(nameplate, tuple(secrets.choice(pool) for _ in range(words)))


def parse_code(text: str) -> PairingCode:
    """Read a code as typed; `InvalidCode` (one plain sentence) when it cannot be one."""
    parts = [part for part in _SEPARATORS.split(text.strip().lower()) if part]
    if len(parts) < 1 + CODE_WORDS or len(parts) > 1 + MAX_CODE_WORDS:
        raise InvalidCode("shape")
    number, *words = parts
    if not number.isascii() or not number.isdigit() or len(number) > 10:
        raise InvalidCode("nameplate")
    nameplate = int(number)
    if not 1 <= nameplate <= MAX_NAMEPLATE:
        raise InvalidCode("nameplate")
    known = _word_set()
    if any(word not in known for word in words):
        raise InvalidCode("word")
    return PairingCode(nameplate, tuple(words))
