"""A PDF page whose content would keep pypdf busy is not read: the file is held as not checked, in well under a second.

Review of issue 11, item 2: a 5 KB PDF of 10 pages sharing one compressed content stream of
300,000 blank `( ) Tj` operators took 69 s of processor time and 124 MB, and was reported as
checked. pypdf parses a page's content whole before its text extraction can be interrupted,
so the decoded bytes of each page's content (its streams, the forms it draws, its fonts'
character maps) are measured before pypdf reads the page, and a page beyond
reading_budget.MAX_PDF_PAGE_BYTES is not read at all.
"""

import functools

from django.utils.html import escape

from partnerships.models import Evidence
from tests.support import crafted_files
from tests.support.builders import NEW_EVIDENCE
from tests.support.crafted_files import MEMORY_MB, WALL_SECONDS, evidence_post, post_measured

NAME = "ten-pages-one-heavy-stream.pdf"
PROBLEM = "a page of it holds more drawing instructions than can be read (200 KB a page)"


@functools.cache
def crafted() -> bytes:
    return crafted_files.pdf_pages_sharing_a_stream(300_000, pages=10)


def test_the_crafted_pdf_is_as_small_as_the_review_found():
    assert len(crafted()) < 6_000


def test_the_scan_reports_it_unchecked_within_a_second_and_a_few_mb(tmp_path):
    outcome = crafted_files.measured("scan", crafted(), NAME, tmp_path)
    assert outcome["problem"] == PROBLEM
    assert outcome["parts"] == []
    assert outcome["cpu"] < 1.0, outcome  # was 69 s
    assert outcome["wall"] < WALL_SECONDS, outcome
    assert outcome["memory_mb"] < MEMORY_MB, outcome


def test_evidence_with_it_is_held_with_a_plain_message(client, personas, world):
    client.force_login(personas["lead"])
    title = "Audit with a heavy PDF"
    response = post_measured(client, NEW_EVIDENCE, evidence_post(title, NAME, crafted()))
    page = response.content.decode()
    assert response.status_code == 200 and "Nothing has been saved yet" in page
    assert escape(f"“{NAME}” could not be checked for identifiers: {PROBLEM}. Check it yourself.") in page
    assert not Evidence.objects.filter(title=title).exists()  # post_measured checked its time and memory
