"""A report is a board paper first: the demo review's report opens with the scrutineer's opinion, every
recommendation's level with its one-line reason and what the board is asked, and prints no empty
placeholders; the protective marking and the version are on every page."""

import pytest
from django.utils import timezone

from operations.demo import seed_demo
from partnerships.models import Evidence
from scrutiny.models import AssuranceLevel, Judgement, Report, Review
from scrutiny.report_build import build_report
from scrutiny.report_text import first_sentence
from tests.support.pdf import flat, pdf_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_review(framework):
    seed_demo(password="demo-pass-for-tests", today=timezone.localdate())
    return Review.objects.filter(title__endswith="child sexual abuse in the family environment").earliest("pk")


@pytest.fixture
def demo_report(demo_review):
    scrutineer = demo_review.scrutineers.get()
    report = Report.objects.create(review=demo_review, kind=Report.Kind.DRAFT, requested_by=scrutineer)
    build_report(report.pk)
    return report, pdf_of(report)


def starts(reader, heading: str) -> int:
    """The number (from 0) of the page a chapter starts on: its heading is the page's first line of text."""
    return next(n for n, page in enumerate(reader.pages) if f"\n{heading}\n" in page.extract_text()[:60])


def board_summary_pages(reader) -> str:
    """The text of the board summary's pages."""
    first, detail = starts(reader, "Board summary"), starts(reader, "Assurance in detail")
    return "\n".join(page.extract_text() for page in reader.pages[first:detail])


def test_the_board_summary_holds_the_opinion_every_level_and_the_asks(demo_report, demo_review):
    _, reader = demo_report
    summary = flat(board_summary_pages(reader))
    assert flat(demo_review.overall_opinion.splitlines()[0]) in summary
    for ask in demo_review.board_asks.splitlines():
        assert flat(ask) in summary
    for priority in demo_review.next_priorities.splitlines():
        assert flat(priority) in summary
    for recommendation in demo_review.partnership.framework.recommendations.all():
        judgement = Judgement.objects.filter(review=demo_review, recommendation=recommendation).first()
        level = judgement.get_level_display() if judgement else AssuranceLevel.NOT_ASSESSED.label
        assert flat(f"{recommendation.code}: {recommendation.title}{level}") in summary
        if judgement and judgement.level != AssuranceLevel.NOT_ASSESSED:
            assert flat(first_sentence(judgement.rationale)) in summary
    voices = Evidence.objects.filter(partnership=demo_review.partnership, source=Evidence.Source.VOICES)
    assert voices and all(flat(item.title) in summary for item in voices if demo_review.contains(item.date))
    assert "Challengesraisedandhowtheyended" in summary and "Whatchangedsincethelastreview" in summary


def test_the_board_summary_comes_before_the_detail_and_is_short(demo_report):
    _, reader = demo_report
    first, detail = starts(reader, "Board summary"), starts(reader, "Assurance in detail")
    assert 0 < first < detail  # after the cover (and the contents), before the detail
    assert detail - first <= 5


def test_no_empty_placeholders(demo_report):
    _, reader = demo_report
    text = text_of(reader)
    for placeholder in ("No response yet", "No note yet", "None recorded"):
        assert placeholder not in text
    assert "Not yet answered: SQ" in text


def test_marking_version_and_build_date_on_every_page(demo_report, settings):
    report, reader = demo_report
    report.refresh_from_db()
    assert report.number == 1
    for page in reader.pages:
        assert page.extract_text().count("OFFICIAL-SENSITIVE") >= 2  # at the top and the foot
    cover = reader.pages[0].extract_text()
    assert "Draft report, version 1" in cover
    assert "Distribution" in cover and "For the board meeting of" in cover
    assert timezone.localdate().strftime("%-d %B %Y") in cover


def test_the_marking_comes_from_settings(demo_review, settings):
    settings.REPORT_PROTECTIVE_MARKING = "OFFICIAL"
    report = Report.objects.create(
        review=demo_review, kind=Report.Kind.DRAFT, requested_by=demo_review.scrutineers.get()
    )
    build_report(report.pk)
    text = text_of(pdf_of(report))
    assert "OFFICIAL-SENSITIVE" not in text
    assert text.count("OFFICIAL") >= 2 * report.pages


@pytest.mark.parametrize(
    "rationale, reason",
    [
        ("One. Two.", "One."),
        ("No full stop", "No full stop"),
        ("Line one\nstill one. Next", "Line one still one."),
        ("e.g.no space. Next", "e.g.no space."),
        ("word " * 60, " ".join(["word"] * 40) + "…"),  # cut at a word near 200 characters
    ],
)
def test_the_one_line_reason_is_the_rationales_first_sentence(rationale, reason):
    assert first_sentence(rationale) == reason
