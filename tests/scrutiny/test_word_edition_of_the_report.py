"""The report's Word edition, read back with python-docx as Word would open it: real heading styles in
the PDF's order, every recommendation and evidence title of the review, the protective marking in every
section's header, tables with repeating header rows, charts as tables of their numbers, lists as Word lists,
and a draft that says so."""

import io

import docx
import pytest
from django.db import transaction
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import timezone
from lxml import etree

from operations.demo import seed_demo
from scrutiny.models import Report, Review
from scrutiny.report_build import pdf_metadata, report_context
from scrutiny.report_docx import DRAFT_MARKING, render_docx
from tests.support.builders import bundled_framework

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLES = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
MARKING = "OFFICIAL-SENSITIVE: PERSONAL"


def edition(review, kind):
    """The report's context, its HTML and its Word edition opened with python-docx."""
    report = Report.objects.create(review=review, kind=kind, requested_by=review.scrutineers.first())
    context = report_context(report, timezone.now())
    html = render_to_string("reports/report.html", context)
    return context, html, docx.Document(io.BytesIO(render_docx(context, html, **pdf_metadata(context))))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo's published review, with its titles, a draft and a final (under another marking) of its report.
    Made once for the module (seeding the demo takes seconds), in a transaction rolled back at its end; the
    tests only read what it made."""
    with django_db_blocker.unblock(), transaction.atomic():
        bundled_framework()  # a transactional test run before this module empties the database
        seed_demo(password="demo-pass-for-tests", today=timezone.localdate())
        review = Review.objects.filter(title__endswith="child sexual abuse in the family environment").earliest("pk")
        Review.objects.filter(pk=review.pk).update(status=Review.Status.PUBLISHED)
        review.refresh_from_db()
        with override_settings(REPORT_PROTECTIVE_MARKING=MARKING):
            final = edition(review, Report.Kind.FINAL)
        yield {
            "review": review,
            "recommendations": [f"{r.code}: {r.title}" for r in review.partnership.framework.recommendations.all()],
            "evidence": [item.title for item in review.evidence()],
            "draft": edition(review, Report.Kind.DRAFT),
            "final": final,
        }
        transaction.set_rollback(True)


@pytest.fixture
def draft(demo):
    return demo["draft"]


def all_text(document) -> str:
    """Every paragraph's and every table cell's text, in the order of the body."""
    return "\n".join(node.text or "" for node in document.element.body.iter(f"{W}t"))


def header_text(section) -> str:
    return "\n".join(p.text for p in section.header.paragraphs)


def test_it_opens_with_python_docx_and_its_headings_are_words_heading_styles_in_the_pdfs_order(draft):
    _, html, document = draft
    tree = etree.fromstring(html, etree.HTMLParser())
    html_headings = [
        (HEADING_STYLES[h.tag], " ".join("".join(h.itertext()).split())) for h in tree.iter(*HEADING_STYLES)
    ]
    word_headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name in HEADING_STYLES.values()]
    assert word_headings == html_headings
    assert word_headings[0][0] == "Title" and len(word_headings) > 40


def test_it_holds_every_recommendation_title_and_every_evidence_title(draft, demo):
    _, _, document = draft
    text = all_text(document)
    assert len(demo["recommendations"]) == 6
    for title in demo["recommendations"]:
        assert title in text
    assert demo["evidence"]
    for title in demo["evidence"]:
        assert " ".join(title.split()) in text, title


def test_the_protective_marking_and_the_running_header_are_in_every_sections_header(demo):
    context, _, document = demo["final"]
    assert document.sections
    for section in document.sections:
        assert MARKING in header_text(section)
        assert context["header_text"] in header_text(section)
        assert MARKING in "\n".join(p.text for p in section.footer.paragraphs)
        assert section.footer.paragraphs[0]._p.xpath(".//w:fldSimple/@w:instr") == ["PAGE", "NUMPAGES"]
        assert round(section.page_width.mm) == 210  # A4


def test_a_draft_says_draft_and_a_final_does_not(draft, demo):
    _, _, document = draft
    assert all(DRAFT_MARKING in header_text(section) for section in document.sections)
    assert "Draft report: not for circulation" in all_text(document)
    assert document.core_properties.content_status == "Draft"
    _, _, final = demo["final"]
    assert not any(DRAFT_MARKING in header_text(section) for section in final.sections)
    assert "not for circulation" not in all_text(final)
    assert final.core_properties.content_status == "Final"


def test_its_properties_name_the_report_its_scrutineers_and_its_subject(draft, demo):
    context, _, document = draft
    demo_review = demo["review"]
    properties = document.core_properties
    assert properties.title == f"Draft assurance report: {demo_review.partnership.name}, {demo_review.title}"
    assert properties.author == ", ".join(context["scrutineers"]) != ""
    assert demo_review.partnership.name in properties.subject
    assert properties.language == "en-GB"
    assert properties.category == context["marking"]


def test_tables_have_a_repeating_header_row_and_a_bordered_style(draft):
    _, html, document = draft
    assert len(document.tables) == html.count("<table")
    for table in document.tables:
        assert table.style.name == "Table Grid"
        first_row = table.rows[0]._tr
        assert first_row.xpath("./w:trPr/w:tblHeader"), [c.text for c in table.rows[0].cells]
        assert not any(row._tr.xpath("./w:trPr/w:tblHeader") for row in table.rows[1:])


def test_each_chart_is_its_title_its_text_alternative_and_a_table_of_its_numbers(draft):
    context, _, document = draft
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    headers = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    bodies = [[[cell.text for cell in row.cells] for row in table.rows[1:]] for table in document.tables]
    for chart in context["charts"]:
        assert ("Caption", chart.title) in paragraphs
        assert ("Normal", chart.description) in paragraphs
        assert [str(cell) for cell in chart.header] in headers
        expected = [[str(cell) if cell is not None else "–" for cell in row] for row in chart.rows]
        assert expected in bodies, chart.title


def test_lists_are_word_lists_and_each_numbered_list_counts_from_one(draft):
    _, html, document = draft
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    bulleted = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(numbered) == html.count("<li>") - len(bulleted) > 0
    lists = {p._p.pPr.numPr.numId.val for p in numbered}
    assert len(lists) == html.count("<ol>")  # a numbering of its own for each list
    numbering = document.part.numbering_part.element
    for num_id in lists:
        assert numbering.num_having_numId(num_id).xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]
