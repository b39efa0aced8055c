"""Periods keep the label their source gives (2024-25, 2025 Q2) with the dates they cover, so values sort by
time and comparisons find the period before; anything else is refused with a message saying what is expected."""

import datetime

import pytest

from indicators.periods import QUARTER, YEAR, PeriodError, from_time_period, parse

D = datetime.date


@pytest.mark.parametrize(
    ("text", "label", "start", "end", "kind"),
    [
        ("2024", "2024", D(2024, 1, 1), D(2024, 12, 31), YEAR),
        ("2024-25", "2024-25", D(2024, 4, 1), D(2025, 3, 31), YEAR),
        ("2024/25", "2024-25", D(2024, 4, 1), D(2025, 3, 31), YEAR),
        ("2024/2025", "2024-25", D(2024, 4, 1), D(2025, 3, 31), YEAR),
        ("1999-00", "1999-00", D(1999, 4, 1), D(2000, 3, 31), YEAR),
        ("2025 Q2", "2025 Q2", D(2025, 4, 1), D(2025, 6, 30), QUARTER),
        ("Q3 2025", "2025 Q3", D(2025, 7, 1), D(2025, 9, 30), QUARTER),
        ("2025q4", "2025 Q4", D(2025, 10, 1), D(2025, 12, 31), QUARTER),
        ("2024-25 Q1", "2024-25 Q1", D(2024, 4, 1), D(2024, 6, 30), QUARTER),
        ("2024-25 Q4", "2024-25 Q4", D(2025, 1, 1), D(2025, 3, 31), QUARTER),
        ("  2024-25  ", "2024-25", D(2024, 4, 1), D(2025, 3, 31), YEAR),
    ],
)
def test_label_is_read_with_the_dates_it_covers(text, label, start, end, kind):
    period = parse(text)
    assert (period.label, period.start, period.end, period.kind) == (label, start, end, kind)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "missing"),
        ("last year", "is not a period"),
        ("2024-26", "two years in a row"),
        ("2024/2026", "two years in a row"),
        ("1850", "1990 to 2100"),
        ("2025 Q5", "is not a period"),
        ("<b>2024</b>", "is not a period"),
    ],
)
def test_anything_else_is_refused_saying_what_is_expected(text, says):
    with pytest.raises(PeriodError) as refused:
        parse(text)
    assert says in str(refused.value)


def test_periods_sort_by_time_and_a_split_year_after_the_calendar_year_it_starts_in():
    labels = ["2025 Q1", "2024-25", "2023", "2024", "2023-24"]
    assert [p.label for p in sorted(map(parse, labels))] == ["2023", "2023-24", "2024", "2024-25", "2025 Q1"]


def test_overlap_of_a_year_and_a_quarter_within_it():
    assert parse("2024-25").overlaps(parse("2025 Q1"))
    assert not parse("2023-24").overlaps(parse("2025 Q1"))


@pytest.mark.parametrize(
    ("time_period", "identifier", "label"),
    [
        ("2024", "Calendar year", "2024"),
        ("202425", "Financial year", "2024-25"),
        ("202324", "Academic year", "2023-24"),
        ("202425", "Reporting year", "2024-25"),
        ("202425", "Financial year Q3", "2024-25 Q3"),
        ("2025", "Calendar year Q2", "2025 Q2"),
    ],
)
def test_explore_education_statistics_time_columns(time_period, identifier, label):
    assert from_time_period(time_period, identifier).label == label


@pytest.mark.parametrize(
    ("time_period", "identifier", "says"),
    [
        ("202425", "Calendar year", "expected like 2024"),
        ("2024", "Financial year", "expected like 202425"),
        ("2024", "January", "not a year or a quarter"),
        ("202426", "Financial year", "two years in a row"),
    ],
)
def test_explore_education_statistics_time_columns_that_do_not_fit(time_period, identifier, says):
    with pytest.raises(PeriodError) as refused:
        from_time_period(time_period, identifier)
    assert says in str(refused.value)
