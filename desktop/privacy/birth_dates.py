"""Dates that look like dates of birth (the rule is in docs/identifiers.md).

A date counts when it is a real calendar date with a year, is not after today and at
most 120 years before it, and either
- a birth word (DOB, D.O.B., date of birth, birth date, birthday, born) stands on the
  same line within 30 characters before it, or "(DOB)" or "date of birth" right after
  it; or
- it is at least 10 years before today and written with a four-digit year.
Forms: 1985-03-12 (also with / or .), 12/03/1985 and 03/12/1985 (day or month first:
either reading counts; also with - or .), 12/03/85 (a two-digit year: only beside a
birth word), 12 March 1985, 12th of Mar. 1985, March 12, 1985 (English month names and
their usual short forms). A date without a year ("3 March"), a weekday ("last
Tuesday") or a year alone ("born in 1985") is not a date of birth here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from desktop.privacy.findings import Finding, IdentifierKind

MAX_AGE_YEARS = 120
MIN_AGE_WITHOUT_CUE = 10
CUE_BEFORE = 30

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_BEFORE = r"(?<![\w])(?<!\d[/.-])"
_AFTER = r"(?![\w])(?![/.-]\d)"
_ISO = re.compile(
    rf"{_BEFORE}(?P<y>\d{{4}})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}}){_AFTER}"
)
_NUMERIC = re.compile(
    rf"{_BEFORE}(?P<a>\d{{1,2}})(?P<s>[-/.])(?P<b>\d{{1,2}})(?P=s)(?P<y>\d{{4}}|\d{{2}}){_AFTER}"
)
_DAY_FIRST = re.compile(
    rf"{_BEFORE}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{_MONTH})\.?,?\s+"
    rf"(?P<y>\d{{4}}){_AFTER}",
    re.IGNORECASE,
)
_MONTH_FIRST = re.compile(
    rf"(?<![\w])(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_AFTER}",
    re.IGNORECASE,
)
_CUE = re.compile(
    r"(?<![^\W_])(?:d\.?\s?o\.?\s?b\b|date\s+of\s+birth\b|birth\s?date\b|birthday\b|born\b)",
    re.IGNORECASE,
)
# After the date only a label naming it counts: "12/03/85 (DOB)", "12/03/85 - d.o.b."
_CUE_AFTER = re.compile(
    r"[ \t]{0,3}[(\[,:–—-]?[ \t]{0,3}(?:d\.?\s?o\.?\s?b\b|date\s+of\s+birth\b)", re.IGNORECASE
)


def _real(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _age_years(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _plausible(born: date, today: date, cued: bool) -> bool:
    if born > today:
        return False
    age = _age_years(born, today)
    return age <= MAX_AGE_YEARS and (cued or age >= MIN_AGE_WITHOUT_CUE)


def _cued(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - CUE_BEFORE) : start].rsplit("\n", 1)[-1]
    return _CUE.search(before) is not None or _CUE_AFTER.match(text, end) is not None


def _full_year(digits: str, today: date) -> int:
    if len(digits) == 4:
        return int(digits)
    year = 2000 + int(digits)
    return year if year <= today.year else year - 100


def _candidates(match: re.Match[str], today: date) -> list[date | None]:
    """Every reading of a matched date (day or month first for 12/03/1985)."""
    groups = match.groupdict()
    year = _full_year(groups["y"], today)
    if "a" in groups:
        first, second = int(groups["a"]), int(groups["b"])
        return [_real(year, second, first), _real(year, first, second)]
    month = groups["m"]
    number = int(month) if month.isdigit() else _MONTHS[month.casefold()]
    return [_real(year, number, int(groups["d"]))]


def find_birth_dates(text: str, today: date) -> Iterator[Finding]:
    for pattern in (_ISO, _NUMERIC, _DAY_FIRST, _MONTH_FIRST):
        for match in pattern.finditer(text):
            cued = _cued(text, match.start(), match.end())
            if len(match.group("y")) == 2 and not cued:
                continue
            readings = [d for d in _candidates(match, today) if d is not None]
            if any(_plausible(born, today, cued) for born in readings):
                yield Finding(IdentifierKind.BIRTH_DATE, match.start(), match.end())
