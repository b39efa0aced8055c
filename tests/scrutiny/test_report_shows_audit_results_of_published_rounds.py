"""The report (a board paper, read by viewers once final) summarises PUBLISHED case audit rounds only: each
recommendation's section shows the latest published round's grades for its linked domains, with the chart, its
words and the table; the board summary names the weakest domains of the latest published round in words. The
Word edition carries the same table and words in place of the SVG."""

import io

import pytest
from django.utils import timezone
from docx import Document

from scrutiny.models import Report
from scrutiny.report_build import pdf_metadata, render_html, report_context
from scrutiny.report_docx import render_docx
from tests.support import audit_world
from tests.support.builders import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world, personas, partnership, health_agency):
    lead = personas["lead"]
    audit_world.moderated_round(
        partnership,
        lead,
        [health_agency],
        [{"childs_voice": "inadequate", "support": "requires_improvement"}, {"childs_voice": "requires_improvement"}]
        + [{}] * 3,
        title="Published <b>audit</b>",
        period_start=in_days(-500),
        period_end=in_days(-400),
        published=True,
    )
    # Later, but not published: never in the report, even a draft one asked for by a scrutineer.
    audit_world.moderated_round(
        partnership, lead, [health_agency], [{"childs_voice": "outstanding"}], title="Unpublished audit"
    )
    return Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["scrutineer"])


def section(html, code):
    start = html.index(f'<h2 id="rec-{code.lower()}">')
    return html[start : html.index("</section>", start)]


def test_each_recommendation_shows_its_domains_of_the_latest_published_round(report):
    html = render_html(report)
    assert "Unpublished audit" not in html
    r5 = section(html, "R5")
    assert "<h3>Multi-agency case audit</h3>" in r5
    assert "“Published &lt;b&gt;audit&lt;/b&gt;”" in r5 and "<b>audit</b>" not in html
    assert "The child&#x27;s voice" in r5 and "3 of 5" in r5
    assert "Support and therapeutic help" in r5 and "4 of 5" in r5
    assert "Recognising signs and indicators" not in r5
    assert 'id="report-audit-' in r5 and "<desc" in r5
    r4 = section(html, "R4")
    assert "Risk from a person posing a risk of sexual harm" in r4
    assert "Plans for every child" not in r4


def test_board_summary_names_the_weakest_domains(report):
    html = render_html(report)
    summary = html[html.index('id="board-summary"') : html.index("</section>", html.index('id="board-summary"'))]
    assert "Weakest in the audit of " in summary
    assert (
        ": The child&#x27;s voice, 3 of 5 cases good or better; Support and therapeutic help, 4 of 5 cases good or "
        "better; Recognising signs and indicators of sexual abuse, 5 of 5 cases good or better." in summary
    )


def test_without_a_published_round(world, personas):
    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["lead"])
    html = render_html(report)
    assert "No case audit round with moderated cases has been published yet." in html
    assert "No published case audit round with moderated cases covers this recommendation." in section(html, "R3")


def test_the_word_edition_carries_the_table_and_words(report):
    context = report_context(report, timezone.now())
    document = Document(io.BytesIO(render_docx(context, **pdf_metadata(context))))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Weakest in the audit of " in text
    assert "Agreed grades by domain, cases from " in text
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"The child's voice", "3 of 5", "Cases good or better"} <= cells
