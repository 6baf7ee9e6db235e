"""What the identifier check reports: a kind and where, never the text itself."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class IdentifierKind(StrEnum):
    """A kind of likely patient identifier; `label` is what the preview calls it."""

    WATCHED_NAME = "watched_name"
    EMAIL = "email"
    NHS_NUMBER = "nhs_number"
    SSN = "ssn"
    BIRTH_DATE = "birth_date"
    PHONE = "phone"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    IdentifierKind.WATCHED_NAME: "Name on your watch list",
    IdentifierKind.EMAIL: "E-mail address",
    IdentifierKind.NHS_NUMBER: "NHS number",
    IdentifierKind.SSN: "US social security number",
    IdentifierKind.BIRTH_DATE: "Possible date of birth",
    IdentifierKind.PHONE: "Phone number",
}

# When two detectors claim overlapping text, the earlier kind here keeps it: the more
# specific rule wins (a valid NHS number is also a valid Indian mobile number).
PRIORITY = (
    IdentifierKind.EMAIL,
    IdentifierKind.NHS_NUMBER,
    IdentifierKind.SSN,
    IdentifierKind.BIRTH_DATE,
    IdentifierKind.WATCHED_NAME,
    IdentifierKind.PHONE,
)


@dataclass(frozen=True, slots=True)
class Finding:
    """`text[start:end]` looks like an identifier of this kind.

    Holds offsets only (Python string indices into the checked text), so a finding can
    be logged, compared or put in an exception without carrying what it found.
    """

    kind: IdentifierKind
    start: int
    end: int

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end


def resolve(candidates: Iterable[Finding]) -> list[Finding]:
    """No two findings overlap: by `PRIORITY`, then the longer; in text order."""
    rank = {kind: index for index, kind in enumerate(PRIORITY)}
    ordered = sorted(candidates, key=lambda f: (rank[f.kind], -(f.end - f.start), f.start))
    kept: list[Finding] = []  # in text order, none overlapping
    for finding in ordered:
        if finding.end <= finding.start:
            continue
        at = bisect.bisect_left([k.start for k in kept], finding.start)
        neighbours = kept[max(at - 1, 0) : at + 1]
        if not any(finding.overlaps(k) for k in neighbours):
            kept.insert(at, finding)
    return kept
