"""The report shows each recommendation's latest PUBLISHED survey round: its linked areas' confident and trained
shares by group as a chart, its words and a table, suppressed as surveys.results says; an unpublished round never
appears. The Word edition carries the table and words. The section's queries do not grow with rounds or answers."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document

from recommendations.models import AgencyType, Recommendation
from scrutiny import survey_sections
from scrutiny.models import Report
from scrutiny.report_build import pdf_metadata, render_html, report_context
from scrutiny.report_docx import render_docx
from tests.support import survey_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world, personas, partnership, health_agency):
    lead = personas["lead"]
    published = survey_world.survey_round(
        partnership, lead, [health_agency], title="Published <b>survey</b>", closes_in_days=-2, published=True
    )
    survey_world.answers(published, 6, agency_type=AgencyType.HEALTH, confidence={"talking": 5}, trained=True)
    survey_world.answers(published, 5, agency_type=AgencyType.POLICE, confidence={"talking": 1}, trained=False)
    later = survey_world.survey_round(partnership, lead, [health_agency], title="Unpublished survey", closes_in_days=-1)
    survey_world.answers(later, 5)
    return Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["scrutineer"])


def section(html, code):
    start = html.index(f'<h2 id="rec-{code.lower()}">')
    return html[start : html.index("</section>", start)]


def test_each_recommendation_shows_its_areas_of_the_latest_published_round(report):
    html = render_html(report)
    assert "Unpublished survey" not in html
    r5 = section(html, "R5")
    assert "<h3>Practitioners&#x27; survey</h3>" in r5 or "<h3>Practitioners' survey</h3>" in r5
    assert "“Published &lt;b&gt;survey&lt;/b&gt;”" in r5 and "<b>survey</b>" not in html
    assert "Talking to children about sexual abuse" in r5
    assert "6 of 6 (100%)" in r5 and "0 of 5 (0%)" in r5 and "6 of 11 (55%)" in r5
    assert 'id="report-survey-' in r5 and "<desc" in r5
    assert "Recognising the signs" not in r5
    assert "Recognising the signs" in section(html, "R2")


def test_without_a_published_round(world, personas):
    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["lead"])
    assert "No published practitioners&#x27; survey round covers this recommendation." in section(
        render_html(report), "R5"
    ) or "No published practitioners' survey round covers this recommendation." in section(render_html(report), "R5")


def test_the_word_edition_carries_the_table_and_words(report):
    context = report_context(report, timezone.now())
    document = Document(io.BytesIO(render_docx(context, **pdf_metadata(context))))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Confidence: Talking to children about sexual abuse" in text
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"Health", "Police", "Everyone who answered", "6 of 11 (55%)"} <= cells


def test_the_sections_queries_do_not_grow(partnership, personas, health_agency):
    recommendations = list(Recommendation.objects.filter(framework=partnership.framework))

    def count():
        with CaptureQueriesContext(connection) as captured:
            survey_sections.for_report(partnership, recommendations, chart_prefix="r")
        return len(captured)

    first = survey_world.survey_round(partnership, personas["lead"], [health_agency], closes_in_days=-3, published=True)
    survey_world.answers(first, 5)
    small = count()
    for _ in range(3):
        more = survey_world.survey_round(
            partnership, personas["lead"], [health_agency], closes_in_days=-1, published=True
        )
        survey_world.answers(more, 12, agency_type=AgencyType.POLICE)
    assert count() == small <= 6
