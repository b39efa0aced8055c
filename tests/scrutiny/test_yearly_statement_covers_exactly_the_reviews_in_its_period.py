"""The scrutineer's yearly statement covers exactly the partnership's published reviews whose period falls
within its twelve months, at least in part: not one that ended before or began after, not one unpublished,
not another partnership's. Its report, PDF and Word, names those reviews and no other, except the last
published review before the twelve months, given once as what the levels moved from."""

import datetime
import io

import docx
import pytest

from scrutiny.models import Report, Review, YearlyStatement
from scrutiny.report_build import build_report
from scrutiny.statements import StatementExists, create_statement
from tests.support.builders import as_member
from tests.support.pdf import flat, pdf_of, text_of

pytestmark = pytest.mark.django_db

START = datetime.date(2025, 4, 1)  # the twelve months: 1 April 2025 to 31 March 2026


def review(partnership, title, start, end, status=Review.Status.PUBLISHED):
    return Review.objects.create(
        partnership=partnership, title=title, period_start=start, period_end=end, status=status
    )


@pytest.fixture
def reviews(partnership, other_partnership):
    d = datetime.date
    return {
        "ended before": review(partnership, "Ended before", d(2024, 1, 1), d(2025, 3, 31)),
        "across the start": review(partnership, "Across the start", d(2024, 10, 1), d(2025, 9, 30)),
        "within": review(partnership, "Within", d(2025, 10, 1), d(2026, 1, 31)),
        "on the last day": review(partnership, "On the last day", d(2026, 3, 31), d(2026, 12, 31)),
        "began after": review(partnership, "Began after", d(2026, 4, 1), d(2027, 3, 31)),
        "unpublished": review(partnership, "Unpublished", d(2025, 6, 1), d(2025, 12, 31), Review.Status.JUDGING),
        "elsewhere": review(other_partnership, "Elsewhere", d(2025, 6, 1), d(2025, 12, 31)),
    }


@pytest.fixture
def statement(personas, reviews):
    return create_statement(membership=as_member(personas["scrutineer"]), period_start=START)


COVERED = ["Across the start", "Within", "On the last day"]
LEFT_OUT = ["Began after", "Unpublished", "Elsewhere"]


def test_twelve_months_from_the_start():
    assert YearlyStatement.twelve_months_from(START) == datetime.date(2026, 3, 31)
    assert YearlyStatement.twelve_months_from(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)
    assert YearlyStatement.twelve_months_from(datetime.date(2026, 1, 1)) == datetime.date(2026, 12, 31)


def test_the_statement_covers_exactly_the_reviews_in_its_period(statement):
    assert [r.title for r in statement.reviews()] == COVERED


def test_its_report_names_those_reviews_and_no_other_in_pdf_and_word(statement, personas):
    report = Report.objects.create(statement=statement, kind=Report.Kind.FINAL, requested_by=personas["scrutineer"])
    build_report(report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.failure_reason
    text = flat(text_of(pdf_of(report)))
    with report.docx_file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    word = flat("\n".join([*(p.text for p in document.paragraphs), *cells]))
    for edition in (text, word):
        for title in COVERED:
            assert flat(title) in edition
        for title in LEFT_OUT:
            assert flat(title) not in edition
        assert edition.count("Endedbefore") == edition.count("Before:Endedbefore") == 1
    assert "OFFICIAL-SENSITIVE" in text and "Finalstatement,version1" in text


def test_one_statement_per_twelve_months(statement, personas):
    with pytest.raises(StatementExists) as refused:
        create_statement(membership=as_member(personas["scrutineer"]), period_start=START)
    assert refused.value.statement == statement


def test_what_the_partnership_did_counts_the_actions_live_in_the_twelve_months(world, personas):
    """The world's two action items (R6, on track) start on 1 April 2026 and are due within weeks of today."""
    start = datetime.date(2026, 4, 1)
    statement = create_statement(membership=as_member(personas["scrutineer"]), period_start=start)
    report = Report.objects.create(statement=statement, kind=Report.Kind.DRAFT, requested_by=personas["scrutineer"])
    build_report(report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.failure_reason
    text = flat(text_of(pdf_of(report)))
    assert "R62ontrack" in text
    assert "0ofthe2actionsliveduringtheyeararecomplete" in text
