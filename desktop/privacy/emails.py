"""E-mail addresses: local-part@domain with a dot and a letters-only top-level domain.

Found from each "@" outwards, so the scan stays linear however long a run of letters
(a pattern that starts anywhere would retry from every character). The local part is
RFC 5322's dot-atom (no quoted forms); the domain is dot-separated labels of letters,
digits and hyphens (internationalised letters too), ending in a label of 2+ letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.privacy.findings import Finding, IdentifierKind

_LOCAL_CHARS = frozenset("!#$%&'*+-/=?^_`{|}~.")
_DOMAIN = re.compile(r"(?:[^\W_](?:[^\W_]|-)*\.)+[^\W\d_]{2,}(?![^\W_])")
MAX_LOCAL = 64
MAX_DOMAIN = 253


def _is_local_char(char: str) -> bool:
    return char.isalnum() or char in _LOCAL_CHARS


def find_emails(text: str) -> Iterator[Finding]:
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and at - start < MAX_LOCAL and _is_local_char(text[start - 1]):
            start -= 1
        # A local part neither starts nor ends with a dot.
        while start < at and text[start] == ".":
            start += 1
        domain = _DOMAIN.match(text, at + 1, min(len(text), at + 1 + MAX_DOMAIN))
        if start < at and text[at - 1] != "." and domain is not None:
            end = domain.end()
            yield Finding(IdentifierKind.EMAIL, start, end)
            at = text.find("@", end)
        else:
            at = text.find("@", at + 1)
