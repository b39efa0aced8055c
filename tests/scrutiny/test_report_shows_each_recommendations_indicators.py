"""Each recommendation's section of the report shows its indicators: the chart, the table of its numbers and
its words, with the data gaps listed; the Word edition carries the same table and words in place of the SVG."""

import io

import pytest
from django.utils import timezone
from docx import Document

from indicators.models import Area
from scrutiny.models import Report
from scrutiny.report_build import pdf_metadata, render_html, report_context
from scrutiny.report_docx import render_docx
from tests.support.trend_figures import figures, suggested, target

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world, personas, partnership):
    lead = personas["lead"]
    plans = suggested(partnership, "I-R3-CPP-SA")
    figures(partnership, plans, lead, {"2022-23": 2.5, "2023-24": "c", "2024-25": 3.4})
    figures(partnership, plans, lead, {"2024-25": 3.6}, area=Area.ENGLAND)
    wait = suggested(partnership, "I-R6-THERAPY-WAIT")
    figures(partnership, wait, lead, {"2023-24": 90, "2024-25": 120})
    target(partnership, wait, lead, 60, "2026-27")
    return Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=lead)


def section(html, code):
    start = html.index(f'<h2 id="rec-{code.lower()}">')
    return html[start : html.index("</section>", start)]


def test_each_section_shows_its_indicators(report):
    html = render_html(report)
    r3, r6 = section(html, "R3"), section(html, "R6")
    assert "<h3>Indicators</h3>" in r3 and "<h3>Indicators</h3>" in r6
    assert "Child protection plans starting under sexual abuse, per 10,000 children: 3.4 in 2024-25" in r3
    assert "Not compared with 2023-24: the figure for 2023-24 is suppressed (c)." in r3
    assert "Worse than England (3.6)." in r3
    assert "c: suppressed to protect confidentiality" in r3
    assert "<svg" in r3 and "<title" in r3 and "<desc" in r3
    assert "Worse than 2023-24 (90 days)." in r6
    assert "Short of the target of 60 days by 2026-27." in r6
    assert "Days waited for therapeutic support" not in r3
    # The other R3 indicators have no figure for 2024-25, the partnership's latest period.
    assert "Data gaps: no figure for 2024-25" in r3
    assert "Assessments where child sexual abuse was a factor" in r3


def test_chart_ids_are_unique_in_the_report(report):
    html = render_html(report)
    ids = [part.split('"')[0] for part in html.split('<svg xmlns="http://www.w3.org/2000/svg" id="')[1:]]
    assert len(ids) == len(set(ids)) > 2


def test_the_word_edition_carries_the_tables_and_words(report):
    context = report_context(report, timezone.now())
    document = Document(io.BytesIO(render_docx(context, **pdf_metadata(context))))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Worse than 2023-24 (90 days)." in text
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"2023-24", "c", "3.4", "120 days"} <= cells
