"""A file with any bad row imports nothing, and says what is wrong by row and column.

Each case posts a file through the import page as the lead, then checks that the page
lists the problem with its row and column, and that the database is exactly as before.
"""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships import action_import
from partnerships.action_import import COLUMNS
from tests.support.builders import csv_upload, good_row, post_import, rows, xlsx_upload
from tests.support.permission_table import fingerprint

# Northmere's lead, signed in, with Health and Police (tests/partnerships/conftest.py).
pytestmark = pytest.mark.usefixtures("importer")


def refused(client, upload):
    """Post the file; the page answers 200 with errors and nothing in the database changed."""
    before = fingerprint()
    response = post_import(client, upload)
    assert response.status_code == 200, response.get("Location")
    assert fingerprint() == before, "a refused import changed the database"
    page = response.content.decode()
    assert page.count("<title>Error: ") == 1
    assert "govuk-error-summary" in page
    return response


def problems_of(response):
    return [(p.row, p.column, p.reason) for p in response.context["problems"]]


def assert_problem(response, row, column, fragment):
    """The problem is in the list, and in the page's table as row, column and reason."""
    matches = [p for p in response.context["problems"] if p.row == row and p.column == column and fragment in p.reason]
    assert matches, f"no problem at row {row}, column {column} with {fragment!r}: {problems_of(response)}"
    page = response.content.decode()
    problem = matches[0]
    expected = (
        f'<td class="govuk-table__cell govuk-table__cell--numeric">{row}</td>\n'
        f'          <td class="govuk-table__cell">{html.escape(column)}</td>\n'
        f'          <td class="govuk-table__cell">{html.escape(problem.reason)}</td>'
    )
    assert expected in page
    assert f"Row {row}, column “{column}”" in str(problem)
    return problem


@pytest.mark.parametrize("upload", [csv_upload, xlsx_upload], ids=["csv", "xlsx"])
@pytest.mark.parametrize(
    ("changes", "column", "fragment"),
    [
        ({"Start date": "2026-13-01"}, "Start date", "is not a real date: use YYYY-MM-DD or DD/MM/YYYY"),
        ({"Due date": "31/02/2027"}, "Due date", "“31/02/2027” is not a real date"),
        ({"Start date": "next week"}, "Start date", "is not a real date"),
        ({"Start date": "2027-01-01", "Due date": "2026-12-31"}, "Due date", "is before the start date (2027-01-01)"),
        ({"Owner agency": "Northmere Fire Service"}, "Owner agency", "“Northmere Fire Service” is not an agency of"),
        ({"Contributing agencies": "Northmere Police; Castlebrook Health"}, "Contributing agencies", "Castlebrook"),
        ({"Recommendations": "R1; R9"}, "Recommendations", "“R9” is not a recommendation code"),
        ({"Status": "Done"}, "Status", "“Done” is not a status: use one of Not started, On track"),
        ({"Impact evidenced": "Maybe"}, "Impact evidenced", "must be Yes or No"),
        (
            {"Impact evidenced": "Yes"},
            "Impact evidenced",
            "“Yes” cannot be imported: impact on children is marked evidenced only with evidence graded "
            "“Impact on children shown”, which an import cannot select",
        ),
        ({"Impact evidenced": "true"}, "Impact evidenced", "“true” cannot be imported"),
        ({"Description": ""}, "Description", "is empty: enter a value"),
        ({"Named lead": "   "}, "Named lead", "is empty"),
        ({"Recommendations": " ; "}, "Recommendations", "is empty"),
        ({"Description": "x" * 5001}, "Description", "must be 5,000 characters or fewer (it has 5,001)"),
        ({"Named lead": "y" * 201}, "Named lead", "must be 200 characters or fewer"),
        (
            {"Description": '=HYPERLINK("https://evil.example/","Click for the report")'},
            "Description",
            "starts with “=”, which a spreadsheet could run as a formula: remove it",
        ),
        ({"Named lead": "+44 7700 900123"}, "Named lead", "starts with “+”"),
        ({"Named lead": "-5"}, "Named lead", "starts with “-”"),
        ({"Owner agency": "@SUM(1+1)"}, "Owner agency", "starts with “@”"),
        ({"Status": " =1+1"}, "Status", "starts with “=”"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_imported(client, upload, changes, column, fragment):
    data = rows(3)
    data[1] = good_row(2, **changes)
    response = refused(client, upload(data))
    assert_problem(response, 3, column, fragment)
    assert response.context["problem_count"] == 1


def test_a_negative_number_in_an_xlsx_is_refused_like_text(client):
    response = refused(client, xlsx_upload([good_row(1, **{"Named lead": -5})]))
    assert_problem(response, 2, "Named lead", "starts with “-”")


def test_a_true_cell_in_an_xlsx_cannot_mark_impact_evidenced(client):
    """The rule of the form and the service: impact on children is marked evidenced only with evidence graded
    as showing it (partnerships/action_rules.py), which an import cannot cite."""
    response = refused(client, xlsx_upload([good_row(1, **{"Impact evidenced": True})]))
    problem = assert_problem(response, 2, "Impact evidenced", "“Yes” cannot be imported")
    assert "Leave it empty or enter No, then mark it on the action's page with that evidence" in problem.reason


def test_a_real_formula_in_an_xlsx_is_refused(client):
    row = good_row(1, Description='=HYPERLINK("https://evil.example/","report")')
    response = refused(client, xlsx_upload([row]))
    assert_problem(response, 2, "Description", "starts with “=”")


@pytest.mark.parametrize("upload", [csv_upload, xlsx_upload], ids=["csv", "xlsx"])
def test_a_missing_column_is_one_message_naming_it_and_nothing_else_is_checked(client, upload):
    header = [name for name in COLUMNS if name != "Due date"]
    data = [good_row(1, Status="Nonsense", **{"Owner agency": "Nobody"})]
    response = refused(client, upload(data, header=header))
    assert problems_of(response) == [(1, "Due date", "is missing from the header row: add a column with this name")]
    assert_problem(response, 1, "Due date", "is missing from the header row")


def test_an_optional_column_must_still_be_in_the_header(client):
    header = [name for name in COLUMNS if name != "Impact evidenced"]
    response = refused(client, csv_upload(rows(1), header=header))
    assert_problem(response, 1, "Impact evidenced", "even if you leave its cells empty")


def test_a_column_named_twice_is_refused(client):
    header = [*COLUMNS, "status"]
    response = refused(client, csv_upload([[*good_row(1).values(), "On track"]], header=header))
    assert_problem(response, 1, "Status", "appears twice in the header row")


@pytest.mark.parametrize("upload", [csv_upload, xlsx_upload], ids=["csv", "xlsx"])
def test_a_duplicate_row_names_the_row_it_repeats(client, upload):
    data = rows(4)
    data[3] = good_row(
        4,
        Description=data[1]["Description"].upper(),
        **{"Owner agency": data[1]["Owner agency"], "Due date": data[1]["Due date"]},
    )
    response = refused(client, upload(data))
    assert_problem(response, 5, "Description", "repeats row 3 (the same description, owner agency and due date)")
    assert response.context["problem_count"] == 1


def test_a_row_already_in_the_plan_is_refused(client, personas, partnership):
    assert post_import(client, csv_upload(rows(2))).status_code == 302
    data = [good_row(3), good_row(2, Status="Complete", **{"Named lead": "Someone else"})]
    response = refused(client, csv_upload(data))
    assert problems_of(response) == [
        (3, "Description", "is already in the action plan, with the same owner agency and due date")
    ]


def test_every_problem_of_every_row_is_listed_not_only_the_first(client):
    data = rows(6)
    data[0] = good_row(1, Status="Done", **{"Start date": "soon"})
    data[4] = good_row(5, Recommendations="R7", **{"Owner agency": "Fire"})
    response = refused(client, csv_upload(data))
    assert [(row, column) for row, column, _ in problems_of(response)] == [
        (2, "Start date"),
        (2, "Status"),
        (6, "Recommendations"),
        (6, "Owner agency"),
    ]
    assert "4 problems, listed below. Nothing was imported" in response.content.decode()


def test_good_rows_before_and_after_a_bad_one_are_not_imported_either(client):
    data = rows(50)
    data[49] = good_row(50, **{"Due date": "someday"})
    response = refused(client, csv_upload(data))
    assert problems_of(response) == [
        (51, "Due date", "“someday” is not a real date: use YYYY-MM-DD or DD/MM/YYYY, like 2026-04-01")
    ]


def test_only_the_first_200_problems_are_shown_with_a_count_of_the_rest(client):
    response = refused(client, csv_upload(rows(250, Status="Finished")))
    assert response.context["problem_count"] == 250
    assert len(response.context["problems"]) == 200
    page = response.content.decode()
    assert "250 problems in the file: nothing was imported" in page
    assert "Showing the first 200. There are 50 more problems not shown." in page
    assert page.count('<td class="govuk-table__cell govuk-table__cell--numeric">') == 200


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("plan.csv", b""), "The selected file is empty"),
        (SimpleUploadedFile("plan.docx", b"PK\x03\x04whatever"), "must be a CSV or Excel (.xlsx) file"),
        (SimpleUploadedFile("plan.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), "old Excel format"),
        (SimpleUploadedFile("plan.xlsx", b"Description,Status\r\n"), "is not an Excel workbook"),
        (csv_upload([]), "has no actions under its header row"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_the_reason(client, upload, message):
    response = refused(client, upload)
    assert message in html.unescape(response.content.decode())
    assert response.context["problems"] == []


def test_a_csv_with_semicolons_between_columns_is_told_how_to_save_it(client):
    data = ";".join(COLUMNS) + "\r\n" + ";".join(str(v) for v in good_row(1).values()) + "\r\n"
    response = refused(client, SimpleUploadedFile("plan.csv", data.encode()))
    assert "separates its columns with semicolons" in html.unescape(response.content.decode())


def test_no_file_chosen_asks_for_one(client):
    before = fingerprint()
    response = client.post("/partnerships/northmere/actions/import/", {})
    assert response.status_code == 200
    assert "Select a CSV or Excel file" in response.content.decode()
    assert fingerprint() == before


def test_a_file_over_5_mb_is_refused(client):
    padding = "x" * 1000
    data = [good_row(i, Description=f"{padding} {i}") for i in range(1, 5300)]
    upload = csv_upload(data)
    assert upload.size > 5 * 1024 * 1024
    response = refused(client, upload)
    assert "must be smaller than 5 MB" in html.unescape(response.content.decode())


def test_more_than_the_row_limit_is_refused(client, monkeypatch):
    monkeypatch.setattr(action_import, "MAX_ROWS", 30)
    response = refused(client, csv_upload(rows(31)))
    assert "The file has more than 30 rows: split it into smaller files" in response.content.decode()


def test_the_row_limit_is_20000(client):
    assert action_import.MAX_ROWS == 20_000
    assert action_import.MAX_BYTES == 5 * 1024 * 1024
