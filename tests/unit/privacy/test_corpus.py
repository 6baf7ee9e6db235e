"""The identifier check on a corpus of positives and negatives (docs/identifiers.md)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.privacy.identifiers import IdentifierCheck, IdentifierKind
from desktop.privacy.nhs_numbers import is_nhs_number, nhs_check_digit

TODAY = date(2026, 11, 16)  # tests/clock.py's START
K = IdentifierKind


def found(text: str, *, region: str = "GB", names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    check = IdentifierCheck(TODAY, region=region, watch_names=names)
    return [(f.kind.value, text[f.start : f.end]) for f in check.find(text)]


# Each text holds exactly one identifier: (kind, the text it covers).
POSITIVES = [
    # NHS numbers: whole, 3-3-4 with spaces or hyphens.
    ("NHS no. 943 476 5919 on the letter", K.NHS_NUMBER, "943 476 5919"),
    ("nhs 9434765919.", K.NHS_NUMBER, "9434765919"),
    ("(401-023-2137)", K.NHS_NUMBER, "401-023-2137"),
    ("ref 485 777 3457", K.NHS_NUMBER, "485 777 3457"),
    ("number 6123456784 given", K.NHS_NUMBER, "6123456784"),
    # Phone numbers of several countries, national form with the matching region...
    ("ring 07911 123456 tonight", K.PHONE, "07911 123456"),
    ("ward phone 020 7946 0958", K.PHONE, "020 7946 0958"),
    ("mother on +44 7911 123456", K.PHONE, "+44 7911 123456"),
    ("+1 212 736 5000", K.PHONE, "+1 212 736 5000"),
    ("+49 30 1234567 (sister)", K.PHONE, "+49 30 1234567"),
    ("+61 412 345 678", K.PHONE, "+61 412 345 678"),
    ("+91 98765 43210", K.PHONE, "+91 98765 43210"),
    ("from Germany: 0049 30 1234567", K.PHONE, "0049 30 1234567"),
    # E-mail addresses.
    ("write to j.smith@example.nhs.uk today", K.EMAIL, "j.smith@example.nhs.uk"),
    ("<Carer+ward7@mail.example.org>", K.EMAIL, "Carer+ward7@mail.example.org"),
    ("josé.núñez@correo.example.es.", K.EMAIL, "josé.núñez@correo.example.es"),
    # US social security numbers by structure.
    ("SSN 123-45-6789", K.SSN, "123-45-6789"),
    ("ssn 078 05 1120 on file", K.SSN, "078 05 1120"),
    ("899-99-9999", K.SSN, "899-99-9999"),
    # Dates of birth: beside a birth word, in every form...
    ("DOB: 12/03/85", K.BIRTH_DATE, "12/03/85"),
    ("d.o.b. 3.7.2019", K.BIRTH_DATE, "3.7.2019"),
    ("born on 3rd March 2020, the youngest", K.BIRTH_DATE, "3rd March 2020"),
    ("Date of birth 2024-02-29", K.BIRTH_DATE, "2024-02-29"),
    ("birthday March 12, 2021", K.BIRTH_DATE, "March 12, 2021"),
    ("12/03/85 (DOB)", K.BIRTH_DATE, "12/03/85"),
    ("Born today, 16 November 2026", K.BIRTH_DATE, "16 November 2026"),
    # ... or at least ten years ago with a four-digit year.
    ("seen with 12/03/1985 on the form", K.BIRTH_DATE, "12/03/1985"),
    ("1985-03-12", K.BIRTH_DATE, "1985-03-12"),
    ("12 Sept 1990", K.BIRTH_DATE, "12 Sept 1990"),
    ("on 12th of Nov. 1950", K.BIRTH_DATE, "12th of Nov. 1950"),
    ("03/31/1972 (US order)", K.BIRTH_DATE, "03/31/1972"),
    ("16.11.2016", K.BIRTH_DATE, "16.11.2016"),
]


@pytest.mark.parametrize(("text", "kind", "covered"), POSITIVES)
def test_positives_are_found_with_their_span(text, kind, covered):
    assert found(text) == [(kind.value, covered)]


@pytest.mark.parametrize(
    ("region", "text"),
    [
        ("GB", "07911 123456"),
        ("US", "(212) 555-0147"),
        ("US", "212-736-5000"),
        ("DE", "030 1234567"),
        ("DE", "0151 23456789"),
        ("AU", "(02) 9876 5432"),
        ("AU", "0412 345 678"),
        ("IN", "098765 43210"),
    ],
)
def test_national_numbers_are_read_in_the_region_given(region, text):
    assert found(f"call {text} please", region=region) == [("phone", text)]


def test_national_numbers_of_another_country_need_their_country_code():
    """Documented limit: a German number without +49 is not a valid British one."""
    assert found("030 1234567", region="GB") == []
    assert found("+49 30 1234567", region="GB") == [("phone", "+49 30 1234567")]


CLINICAL = [
    "10 mg at 08:00, then 5 mg at 14:30",
    "BP 120/80, HR 72, SpO2 97%, RR 16, temp 37.2",
    "ward 7-12, bay 3, bed 14",
    "GCS 15/15; NEWS2 score 3; 2 x 500 mg paracetamol",
    "IV 1000 ml over 8 hrs; 0.5 mg 2x daily; 1-2 tabs",
    "PHQ-9 18, GAD-7 15; sessions 1-12 of 12",
    "between 2019 and 2023; in 1985; a 45 year old",
    "room 1234567, extension 4021",
]
NEGATIVES = [
    *CLINICAL,
    # Ordinary dates that are not dates of birth.
    "last Tuesday, on 3 March, on the 14th",
    "night shift 16/11/2026 and 15.11.2026",
    "review booked for 2027-01-04",  # in the future
    "seen on 03/02/2019 and 2020-06-30",  # less than ten years ago, no birth word
    "follow-up 12/03/25",  # two-digit year without a birth word
    "born in 1985",  # a year alone
    "DOB 31/02/1985",  # not a real date
    "DOB 12/03/1880",  # more than 120 years ago
    "born 2030-01-01",  # in the future
    "stubborn 12/03/2020",  # "born" inside a word
    # Numbers that are not NHS numbers or SSNs.
    "NHS 943 476 5918",  # wrong check digit
    "1234567890",  # its check digit would be 10: never issued
    "401 023 2138",
    "94347659190",  # eleven digits
    "943 476-5919",  # mixed separators
    "SSN 000-12-3456",
    "666-12-3456",
    "912-12-3456",
    "123-00-4567",
    "123-45-0000",
    "1-123-45-6789-0",
    # Not e-mail addresses.
    "user@localhost",
    "@handle on the ward board",
    "a@b.c",
    "x@.example.com",
    # Fictional phone ranges reserved for drama (libphonenumber treats them as invalid).
    "07700 900123",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives_are_not_found(text):
    assert found(text) == []


@pytest.mark.parametrize("region", ["GB", "US", "DE", "AU", "IN"])
def test_clinical_text_is_quiet_in_every_region(region):
    """(A ten-digit number that fails the NHS check may still be a valid US or Indian
    phone number, and is then found as one: only clinical text is asked here.)"""
    assert found("\n".join(CLINICAL), region=region) == []


def test_modulus_11_check_digit():
    assert nhs_check_digit("943476591") == 9
    assert nhs_check_digit("123456789") is None  # 11 - remainder is 10
    assert nhs_check_digit("401023213") == 7
    assert is_nhs_number("9434765919")
    assert not is_nhs_number("9434765918")
    assert not is_nhs_number("943476591")
    assert not is_nhs_number("٩٤٣٤٧٦٥٩١٩")  # Arabic-Indic digits are not written on NHS cards


def test_a_check_digit_of_eleven_means_zero():
    # 0, 0, 0, 0, 0, 0, 0, 0, 0 -> remainder 0 -> 11 -> 0
    assert nhs_check_digit("000000000") == 0
    assert found("NHS 000 000 0000") == [("nhs_number", "000 000 0000")]


def test_an_nhs_number_is_not_also_a_phone_number():
    """In India's numbering plan 9434765919 is a valid mobile; the NHS reading wins."""
    assert found("9434765919", region="IN") == [("nhs_number", "9434765919")]


def test_watched_names_whole_word_case_and_accent_blind():
    names = ("José Álvarez", "Jones", "Anne-Marie", "Ng")
    text = (
        "JOSE ALVAREZ came; jose\u0301 a\u0301lvarez again;\nJosé  Álvarez, Jonesy, "
        "Mrs jones's son; anne-marie; Nguyen; NG."
    )
    assert found(text, names=names) == [
        ("watched_name", "JOSE ALVAREZ"),
        ("watched_name", "jose\u0301 a\u0301lvarez"),
        ("watched_name", "José  Álvarez"),
        ("watched_name", "jones"),
        ("watched_name", "anne-marie"),
        ("watched_name", "NG"),
    ]


def test_a_longer_watched_name_wins_over_a_shorter_one():
    assert found("Ann Lee and Ann", names=("Ann", "Ann Lee")) == [
        ("watched_name", "Ann Lee"),
        ("watched_name", "Ann"),
    ]


def test_folding_that_changes_length_maps_back_to_the_original():
    assert found("Herr STRAẞE kam", names=("Straße",)) == [("watched_name", "STRAẞE")]
    assert found("ﬁnn", names=("Finn",)) == [("watched_name", "ﬁnn")]


def test_everything_in_one_note_in_text_order():
    text = (
        "Mr Jones (DOB 12/03/85, NHS 943 476 5919) gave 07911 123456 and "
        "j.jones@example.org; SSN 123-45-6789."
    )
    assert found(text, names=("Jones",)) == [
        ("watched_name", "Jones"),
        ("birth_date", "12/03/85"),
        ("nhs_number", "943 476 5919"),
        ("phone", "07911 123456"),
        ("email", "j.jones@example.org"),
        ("ssn", "123-45-6789"),
    ]


def test_an_unknown_region_falls_back_to_gb():
    check = IdentifierCheck(TODAY, region="Narnia")
    assert check.region == "GB"
    assert IdentifierCheck(TODAY, region="de").region == "DE"
    assert IdentifierCheck(TODAY, region=None).region == "GB"


def test_the_check_shows_no_names_in_its_repr():
    check = IdentifierCheck(TODAY, watch_names=["Quillfeather"])
    assert "Quillfeather" not in repr(check)
    finding = check.find("Quillfeather")[0]
    assert "Quillfeather" not in repr(finding)
