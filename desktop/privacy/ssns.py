"""US social security numbers, by structure only (they carry no check digit):
AAA-GG-SSSS with hyphens (or single spaces, used alike); the area is not 000, 666 or
900-999, the group not 00 and the serial not 0000 (the SSA never issues those)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.privacy.findings import Finding, IdentifierKind

_SSN = re.compile(r"(?<![\d-])(?<!\d )(\d{3})([- ])(\d{2})\2(\d{4})(?![\d])(?![- ]\d)", re.ASCII)


def is_ssn_shape(area: str, group: str, serial: str) -> bool:
    return (
        area not in ("000", "666")
        and not area.startswith("9")
        and group != "00"
        and serial != "0000"
    )


def find_ssns(text: str) -> Iterator[Finding]:
    for match in _SSN.finditer(text):
        if is_ssn_shape(match.group(1), match.group(3), match.group(4)):
            yield Finding(IdentifierKind.SSN, match.start(), match.end())
