"""Phone numbers, with Google's libphonenumber (`phonenumberslite`: no geocoding data).

`PhoneNumberMatcher` at leniency VALID: a candidate counts only if it is a valid number
by the library's metadata for its country, which leaves out "10 mg", "BP 120/80",
times, years and dates (STRICT_GROUPING would also miss numbers grouped unusually;
POSSIBLE matches "1985" and "120/80"). Numbers written in the national form are read
as numbers of `region` (the crisis lines' country; docs/identifiers.md); numbers with
an international prefix (+49 …, 0049 … from the UK) are found whatever the region.

Each line is matched on its own: the matcher gives up after a fixed number of tries
per text, which a long export would reach, and a phone number does not span lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from phonenumbers import SUPPORTED_REGIONS, Leniency, PhoneNumberMatcher

from desktop.privacy.findings import Finding, IdentifierKind

DEFAULT_REGION = "GB"


def phone_region(region: str | None) -> str:
    """`region` if libphonenumber knows it (ISO 3166 alpha-2, any case), else GB."""
    code = (region or "").strip().upper()
    return code if code in SUPPORTED_REGIONS else DEFAULT_REGION


def find_phones(text: str, region: str) -> Iterator[Finding]:
    offset = 0
    for line in text.splitlines(keepends=True):
        if any(char.isdigit() for char in line):  # most lines of prose have none
            for match in PhoneNumberMatcher(line, region, leniency=Leniency.VALID):
                yield Finding(IdentifierKind.PHONE, offset + match.start, offset + match.end)
        offset += len(line)
