"""pypdf's work on a PDF counts each time it is done: a stream shared by pages, a form drawn again and again.

Each page's content is charged to the reading budget by its decoded bytes before pypdf reads
the page, a stream other pages share once for each of them; each operator pypdf goes through
counts, each string it shows more (reading_budget.PDF_STRING_STEPS); a form costs its bytes
each time it is drawn, as pypdf parses it each time; and the clock is looked at after every
page. So a small PDF whose every page is just under the page cap, or that draws one form
thousands of times, is stopped by the count of steps, before its time runs out, and reported
as not checked.
"""

import pytest

from tests.support import crafted_files
from tests.support.crafted_files import CPU_SECONDS, MEMORY_MB, WALL_SECONDS

TOO_MUCH = "it has more rows, cells, paragraphs or lines than can be read (2,000,000, counting empty ones)"
CASES = {
    # 100 pages sharing 190 KB of blank strings: each page just under the cap, 19 MB of content in all
    "pages-sharing-a-stream.pdf": lambda: crafted_files.pdf_pages_sharing_a_stream(27_000, pages=100),
    # 100 pages sharing 190 KB of TJ arrays of nine strings: the operators pypdf spends longest on
    "pages-sharing-tj-arrays.pdf": lambda: crafted_files.pdf_pages_sharing_a_stream(
        5_500, pages=100, operator=b"[(a)(a)(a)(a)(a)(a)(a)(a)(a)] TJ "
    ),
    # one page drawing a form of 175 KB two thousand times
    "form-drawn-again-and-again.pdf": lambda: crafted_files.pdf_drawing_a_form(25_000, times=2_000),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_scan_stops_at_the_count_of_steps_within_seconds(name, tmp_path):
    content = CASES[name]()
    assert len(content) < 20_000
    outcome = crafted_files.measured("scan", content, name, tmp_path)
    assert outcome["problem"] == TOO_MUCH, outcome
    assert outcome["cpu"] < CPU_SECONDS, outcome  # the time allowance (5 s) is not what stopped it
    assert outcome["wall"] < WALL_SECONDS, outcome
    assert outcome["memory_mb"] < MEMORY_MB, outcome
