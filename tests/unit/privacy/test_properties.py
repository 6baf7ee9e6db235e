"""The identifier check is a parser of outside input: it never raises, and every span
it reports lies inside the text, in order, none overlapping another."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.privacy.identifiers import IdentifierCheck, IdentifierKind
from desktop.privacy.nhs_numbers import is_nhs_number

TODAY = date(2026, 11, 16)
# Text that looks like notes: digits, separators and words that the detectors key on.
PIECES = st.sampled_from(
    [" ", "\n", "-", "/", ".", "@", "+", "(", ")", ":", "DOB", "born", "March", "Sept",
     "nhs", "0", "1", "4", "9", "07911", "123456", "+44", "943", "476", "5919", "1985",
     "example.org", "José", "e\u0301", "ß", "ﬁ", "İ", "\u200b", "\r\n", "\x00"]
)  # fmt: skip
NOTE_LIKE = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=60).map("".join)
ANY_TEXT = st.one_of(st.text(), NOTE_LIKE)
NAMES = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(["José", "Ann Lee", "ß"])),
                 max_size=4)  # fmt: skip
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1))


def _assert_well_formed(text: str, findings: list) -> None:
    previous_end = 0
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.start >= previous_end
        previous_end = finding.end
        assert isinstance(finding.kind, IdentifierKind)


@settings(max_examples=400, deadline=None)
@given(text=ANY_TEXT, names=NAMES, today=DAYS, region=st.sampled_from(["GB", "US", "IN", "XX"]))
def test_never_raises_and_spans_are_in_range(text, names, today, region):
    findings = IdentifierCheck(today, region=region, watch_names=names).find(text)
    _assert_well_formed(text, findings)


@settings(max_examples=200, deadline=None)
@given(before=ANY_TEXT, after=ANY_TEXT)
def test_an_nhs_number_between_line_breaks_is_always_found(before, after):
    text = f"{before}\n9434765919\n{after}"
    start = len(before) + 1
    findings = IdentifierCheck(TODAY).find(text)
    _assert_well_formed(text, findings)
    covering = [f for f in findings if f.start <= start and f.end >= start + 10]
    assert covering, "the NHS number was not reported"


@settings(max_examples=200, deadline=None)
@given(digits=st.from_regex(re.compile(r"\d{10}", re.ASCII), fullmatch=True))
def test_every_nhs_finding_passes_modulus_11(digits):
    for finding in IdentifierCheck(TODAY, region="GB").find(f"nhs {digits}"):
        if finding.kind is IdentifierKind.NHS_NUMBER:
            assert is_nhs_number(digits)
    if is_nhs_number(digits):
        assert [f.kind for f in IdentifierCheck(TODAY).find(digits)] == [IdentifierKind.NHS_NUMBER]


@settings(max_examples=200, deadline=None)
@given(days_ago=st.integers(min_value=-3000, max_value=50_000))
def test_a_date_of_birth_is_never_in_the_future_nor_over_120_years_ago(days_ago):
    born = TODAY - timedelta(days=days_ago)
    text = f"DOB {born.isoformat()}"  # (12/01/2027 could also be read as 1 December)
    findings = IdentifierCheck(TODAY).find(text)
    age = TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))
    expected = days_ago >= 0 and age <= 120
    assert bool(findings) == expected


@settings(max_examples=100, deadline=None)
@given(name=st.text(alphabet=st.characters(categories=["L"]), min_size=2, max_size=12))
def test_a_watched_name_is_found_as_written_in_capitals(name):
    text = f"Seen {name.upper()} today."
    findings = IdentifierCheck(TODAY, watch_names=[name]).find(text)
    _assert_well_formed(text, findings)
    assert any(f.kind is IdentifierKind.WATCHED_NAME for f in findings) or (
        name.upper().casefold() != name.casefold()  # e.g. "ǅ" upper-cases differently
    )
