"""The identifier scanner finds what could identify a child or family, and stays quiet on ordinary writing."""

import tomllib

import pytest
import yaml

from common.identifiers import (
    DATE_OF_BIRTH,
    EMAIL_ADDRESS,
    NHS_NUMBER,
    PHONE_NUMBER,
    POSTCODE,
    find_identifiers,
    is_valid_nhs_number,
)
from operations.demo import DEMO_FILE
from tests.support.paths import ROOT


def kinds(text):
    return [(finding.kind, finding.text) for finding in find_identifiers(text, "Summary")]


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "943-476-5919"])
def test_valid_nhs_number_is_found_however_grouped(number):
    assert kinds(f"Child's NHS no. {number} was on the referral.") == [(NHS_NUMBER, number)]


@pytest.mark.parametrize("number", ["943 476 5918", "9434765910", "1234567890", "0000000000"])
def test_ten_digits_failing_the_check_are_ignored(number):
    assert kinds(f"Reference {number} in the minutes.") == []


def test_check_digit_of_ten_means_no_valid_number():
    # 1,0,0,0,0,0,0,0,1: 1 x 10 + 1 x 2 = 12, 12 mod 11 = 1, 11 - 1 = 10: no tenth digit can match.
    assert not any(is_valid_nhs_number(f"100000001{digit}") for digit in range(10))


def test_eleven_digits_are_not_an_nhs_number():
    assert NHS_NUMBER not in [kind for kind, _ in kinds("Case 19434765919 closed")]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The child was born on 3 May 2012 in the area.", "3 May 2012"),
        ("DOB: 03/05/2012", "03/05/2012"),
        ("d.o.b. 1st January 2015", "1st January 2015"),
        ("Date of birth 2015-01-01", "2015-01-01"),
        ("born 12.3.15", "12.3.15"),
        ("birthday March 3, 2014", "March 3, 2014"),
    ],
)
def test_date_beside_a_birth_word_is_a_date_of_birth(text, date):
    assert kinds(text) == [(DATE_OF_BIRTH, date)]


@pytest.mark.parametrize(
    "text",
    [
        "The strategy meeting on 3 May 2026 agreed the plan.",
        "Audit completed 03/05/2026; the born-in-care cohort is reported separately.",
        "Unborn babies: 12 pre-birth assessments in 2025.",
        "Report due 2026-04-01.",
    ],
)
def test_dates_without_a_birth_word_are_not_dates_of_birth(text):
    assert kinds(text) == []


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "sw1a1aa", "M1 1AE", "NE1 4ST", "GIR 0AA", "B33 8TH"])
def test_postcodes_are_found_with_or_without_the_space(postcode):
    assert kinds(f"Lives at {postcode} with her mother.") == [(POSTCODE, postcode)]


@pytest.mark.parametrize(
    "text",
    [
        "R1, R2 and R6 are on track; SQ3 and PQ2 need more evidence.",
        "See R1 3rd bullet and R2 1st paragraph.",
        "The M25 and A1 roads; Y10 pupils; COVID19 recovery.",
        "Agency codes CSC1, POL2 and NHS3.",
        "The JTAI in 2020 found 4 of 10 strategy meetings lacked health.",
    ],
)
def test_codes_and_ordinary_words_are_not_postcodes(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "phone",
    ["020 7946 0958", "01632 960001", "(01632) 960 001", "07700 900123", "0303 123 4567", "+44 (0)20 7946 0958"],
)
def test_uk_phone_numbers_are_found(phone):
    assert kinds(f"Call the family on {phone} after school.") == [(PHONE_NUMBER, phone)]


def test_figures_are_not_phone_numbers():
    assert kinds("Referrals rose from 1,204 to 1,390 (15%) between 2024 and 2025; 0 to 5 year olds.") == []


def test_email_addresses_are_found():
    assert kinds("Mum's email is jo.bloggs+home@example.org.uk, ask her.") == [
        (EMAIL_ADDRESS, "jo.bloggs+home@example.org.uk")
    ]


def test_each_finding_says_where_and_which_line():
    findings = find_identifiers("First line.\nNHS 943 476 5919", "Summary")
    assert [(f.where, f.masked) for f in findings] == [("Summary, line 2", "943 *** *919")]


def test_masked_text_hides_the_middle_but_keeps_enough_to_find_it():
    (finding,) = find_identifiers("jo.bloggs@example.org", "Summary")
    assert finding.masked.startswith("jo.b") and finding.masked.endswith("org")
    assert "bloggs" not in finding.masked and "example" not in finding.masked


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_no_findings_in_the_framework_texts():
    texts = [
        text
        for path in sorted((ROOT / "recommendations" / "frameworks").glob("*.yaml"))
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    ]
    assert len(texts) > 100
    assert [(text[:60], kinds(text)) for text in texts if kinds(text)] == []


def test_no_findings_in_the_demo_content():
    texts = list(_strings(tomllib.loads(DEMO_FILE.read_text(encoding="utf-8"))))
    assert len(texts) > 100
    assert [(text[:60], kinds(text)) for text in texts if kinds(text)] == []
