"""Version vectors: which edits of each partner a version of a shared note includes.

Each partner has one counter per note; a local edit increments the editor's own counter.
Comparing two versions never looks at a wall clock (DESIGN.md §4.5): one *dominates*
the other when it includes every edit the other does and more; two versions that each
include an edit the other lacks are *concurrent* and must be merged. A clean merge takes
the pointwise maximum without an increment, so both partners, merging independently,
reach the same vector.

The canonical text form (stored in the vault, sent in ``put``/``delete``) is JSON with
sorted keys and no spaces: ``{"<partner id>":<counter>,…}``; a partner with no edits has
no entry.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum


class Order(StrEnum):
    """How version ``a`` relates to version ``b``."""

    EQUAL = "equal"
    NEWER = "newer"  # a dominates b
    OLDER = "older"  # b dominates a
    CONCURRENT = "concurrent"


VersionVector = Mapping[str, int]


def compare(a: VersionVector, b: VersionVector) -> Order:
    """Equal, newer, older or concurrent; missing entries count as 0."""
    partners = set(a) | set(b)
    a_ahead = any(a.get(p, 0) > b.get(p, 0) for p in partners)
    b_ahead = any(b.get(p, 0) > a.get(p, 0) for p in partners)
    if a_ahead and b_ahead:
        return Order.CONCURRENT
    if a_ahead:
        return Order.NEWER
    if b_ahead:
        return Order.OLDER
    return Order.EQUAL


def joined(a: VersionVector, b: VersionVector) -> dict[str, int]:
    """The pointwise maximum: the version of a merge (no increment)."""
    return {p: max(a.get(p, 0), b.get(p, 0)) for p in sorted(set(a) | set(b))}


def common(a: VersionVector, b: VersionVector) -> dict[str, int]:
    """The pointwise minimum: the last version both had (the base of a merge)."""
    partners = sorted(set(a) | set(b))
    return {p: low for p in partners if (low := min(a.get(p, 0), b.get(p, 0))) > 0}


def bumped(vector: VersionVector, partner: str) -> dict[str, int]:
    """The vector after an edit by ``partner``."""
    out = dict(sorted(vector.items()))
    out[partner] = out.get(partner, 0) + 1
    return dict(sorted(out.items()))


def to_text(vector: VersionVector) -> str:
    """Canonical JSON, as stored and sent."""
    return json.dumps(dict(sorted(vector.items())), separators=(",", ":"))


def from_text(text: str) -> dict[str, int]:
    raw = json.loads(text)
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and type(v) is int and v >= 1 for k, v in raw.items()
    ):
        raise ValueError("not a version vector")
    return dict(sorted(raw.items()))
