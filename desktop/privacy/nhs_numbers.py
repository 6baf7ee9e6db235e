"""NHS numbers: ten digits, written whole or as 3-3-4 with spaces or hyphens, whose last
digit is the Modulus 11 check digit of the first nine (NHS Data Dictionary)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.privacy.findings import Finding, IdentifierKind

# Not inside a longer run of digits: a digit, or a digit and a separator, on either side
# means the ten digits are part of something else (a longer number, a phone number).
_NHS = re.compile(
    r"(?<![\d+])(?<!\d[ -])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d])(?![ -]\d)", re.ASCII
)
_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when there is none (the remainder gives
    10: such numbers are never issued)."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, _WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_nhs_number(digits: str) -> bool:
    """Ten ASCII digits whose last is the Modulus 11 check digit of the others."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


def find_nhs_numbers(text: str) -> Iterator[Finding]:
    for match in _NHS.finditer(text):
        if is_nhs_number(match.group(1) + match.group(3) + match.group(4)):
            yield Finding(IdentifierKind.NHS_NUMBER, match.start(), match.end())
