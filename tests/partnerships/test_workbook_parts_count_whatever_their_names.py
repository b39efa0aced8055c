"""Every part of a workbook counts against the reading budget, whatever its name.

Review of issue 11, item 2: only parts named .xml or .rels had their tags counted before
openpyxl opened a workbook, but openpyxl opens whatever parts [Content_Types].xml and the
relationships name. Shared strings in "xl/ss.bin" (2 million <si/>) took 16 s of processor
time and passed as checked; a sheet in "xl/worksheets/s.bin" with 5 million elements before
its rows took 11 s. Now every member is counted: a sheet (as the relationships name it) a
step a tag, any other part at the cost of a part openpyxl parses whole.
"""

import functools

import pytest

from tests.support import crafted_files
from tests.support.crafted_files import CPU_SECONDS, MEMORY_MB, WALL_SECONDS

STRINGS = "it holds more shared text, styles or names than can be read (400,000 tags)"
SCAN_STEPS = "it has more rows, cells, paragraphs or lines than can be read (2,000,000, counting empty ones)"
IMPORT_STEPS = "it has more rows and cells than can be read (4,000,000, counting empty ones)"
CASES = {  # name: (how to build it, what the scan says, what the import says)
    "shared-strings-named-bin.xlsx": (
        lambda: crafted_files.xlsx_with_parts(
            strings_name="xl/ss.bin", strings=crafted_files.noisy(b"<si/>", 2_000_000)
        ),
        STRINGS,
        STRINGS,
    ),
    "sheet-named-bin.xlsx": (
        lambda: crafted_files.xlsx_with_parts(
            sheet_name="xl/worksheets/s.bin", before_rows=crafted_files.noisy(b"<x/>", 5_000_000)
        ),
        SCAN_STEPS,
        IMPORT_STEPS,
    ),
}


@functools.cache
def crafted(name) -> bytes:
    return CASES[name][0]()


def within_bounds(outcome):
    assert outcome["cpu"] < CPU_SECONDS, outcome
    assert outcome["wall"] < WALL_SECONDS, outcome
    assert outcome["memory_mb"] < MEMORY_MB, outcome


@pytest.mark.parametrize("name", list(CASES))
def test_the_scan_reports_it_unchecked_within_seconds(name, tmp_path):
    assert len(crafted(name)) < 400_000
    outcome = crafted_files.measured("scan", crafted(name), name, tmp_path)
    within_bounds(outcome)
    assert outcome["problem"] == CASES[name][1]


@pytest.mark.parametrize("name", list(CASES))
def test_the_import_refuses_it_within_seconds_saying_why(name, tmp_path):
    outcome = crafted_files.measured("import", crafted(name), name, tmp_path)
    within_bounds(outcome)
    assert outcome["error"].startswith(f"“{name}” was not read to the end: {CASES[name][2]}. "), outcome


def test_parts_with_ordinary_content_and_unusual_names_are_still_read(tmp_path):
    content = crafted_files.xlsx_with_parts(
        sheet_name="xl/worksheets/s.bin", strings_name="xl/ss.bin", strings=b"<si><t>Unused</t></si>"
    )
    outcome = crafted_files.measured("scan", content, "unusual-names.xlsx", tmp_path)
    assert outcome["problem"] == ""
    assert outcome["parts"] == [["unusual-names.xlsx, sheet “Plan”, cell A1", "Title"]]
