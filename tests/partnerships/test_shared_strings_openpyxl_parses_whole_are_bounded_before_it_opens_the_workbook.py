"""Shared strings, styles and names, which openpyxl parses whole as it opens a workbook, are bounded before it does.

Review of issue 11, item 2: openpyxl spends about 7.6 µs on each tag of a part it parses
whole, while a tag counted one step (3.75 µs of the import's allowance, 2.5 µs of the scan's),
and no clock is looked at inside load_workbook: a 280 KB workbook with 3.9 million <si/> in
xl/sharedStrings.xml took 29.8 s of processor time and 311 MB through the import, whose
allowance is 15 s. Now each tag of such a part costs reading_budget.WHOLE_PART_STEPS steps, and
a workbook with more than reading_budget.MAX_WHOLE_PART_TAGS of them (about 3 s of openpyxl's
work) is refused before openpyxl opens it. A plan with as many shared strings as an
Excel-saved 20,000-row plan is still read.
"""

import functools
import io

import pytest

from partnerships import reading_budget
from partnerships.spreadsheets import SpreadsheetError, open_sheet
from tests.support import crafted_files
from tests.support.crafted_files import CPU_SECONDS, MEMORY_MB, WALL_SECONDS, import_measured
from tests.support.permission_table import fingerprint

NAME = "millions-of-shared-strings.xlsx"
SAYS = (
    f"“{NAME}” was not read to the end: it holds more shared text, styles or names than can be read (400,000 tags). "
    "Save it again with only the rows and columns of the plan, or split it into smaller files, and try again"
)


@functools.cache
def crafted() -> bytes:
    strings = crafted_files.noisy(b"<si/>", 3_900_000)
    return crafted_files.xlsx_with_parts(strings_name="xl/sharedStrings.xml", strings=strings)


def test_reading_it_for_the_import_is_refused_within_seconds_saying_why(tmp_path):
    assert len(crafted()) < 300_000
    outcome = crafted_files.measured("import", crafted(), NAME, tmp_path)
    assert outcome["error"] == SAYS
    assert outcome["cpu"] < 1.0, outcome  # was 29.8 s
    assert outcome["wall"] < WALL_SECONDS, outcome
    assert outcome["memory_mb"] < MEMORY_MB, outcome


def test_the_scan_reports_it_unchecked_within_seconds(tmp_path):
    outcome = crafted_files.measured("scan", crafted(), NAME, tmp_path)
    assert outcome["problem"] == "it holds more shared text, styles or names than can be read (400,000 tags)"
    assert outcome["cpu"] < CPU_SECONDS, outcome
    assert outcome["memory_mb"] < MEMORY_MB, outcome


def test_openpyxl_never_opens_it(monkeypatch):
    monkeypatch.setattr("openpyxl.load_workbook", lambda *args, **kwargs: pytest.fail("the workbook was opened"))
    with pytest.raises(SpreadsheetError) as refused:
        open_sheet(io.BytesIO(crafted()), name=NAME)
    assert str(refused.value) == SAYS


def test_the_import_page_refuses_it_and_saves_nothing(client, importer):
    before = fingerprint()
    response = import_measured(client, crafted(), NAME)  # asserts the processor time, wall time and memory
    assert response.status_code == 200
    assert fingerprint() == before
    assert [str(error) for error in response.context["form"].errors["file"]] == [SAYS]


def test_as_many_shared_strings_as_an_excel_saved_plan_holds_are_read(tmp_path):
    # 20,000 rows with a description and a note of their own: 40,000 strings, and more again.
    strings = b"".join(b"<si><t>Audit strategy discussions (item %d)</t></si>" % n for n in range(80_000))
    content = crafted_files.xlsx_with_parts(strings_name="xl/sharedStrings.xml", strings=strings)
    assert strings.count(b"<") < reading_budget.MAX_WHOLE_PART_TAGS
    outcome = crafted_files.measured("import", content, "excel-saved.xlsx", tmp_path)
    assert outcome.get("rows") == 0, outcome  # read: the header, and no rows under it
