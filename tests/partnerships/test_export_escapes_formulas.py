"""Exports: cells that a spreadsheet would run are escaped with an apostrophe, in CSV and XLSX alike.

Also what every download carries: UTF-8 with a byte-order mark for CSV, an attachment
named after the partnership and the day, and the evidence list's filters.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from partnerships.models import ActionItem, Evidence, ProgressUpdate
from partnerships.spreadsheets import escape_formula

DANGEROUS = [
    '=HYPERLINK("https://evil.example/","Click")',
    "+44 7700 900123",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "CSV must start with a byte-order mark so Excel reads UTF-8"
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def xlsx_sheet(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))  # not read-only: cell types are visible
    return workbook.worksheets[0]


@pytest.mark.parametrize("text", DANGEROUS)
def test_escape_formula_puts_an_apostrophe_before_what_a_spreadsheet_would_run(text):
    assert escape_formula(text) == "'" + text
    assert escape_formula("Plain text = fine") == "Plain text = fine"
    assert escape_formula(5) == 5


@pytest.fixture
def dangerous_plan(world, personas):
    item = world["police_action"]
    item.description = DANGEROUS[0]
    item.lead_name = DANGEROUS[1]
    item.save()
    ProgressUpdate.objects.create(item=item, author=personas["lead"], note="@everyone see the plan")
    evidence = world["police_evidence"]
    evidence.title = DANGEROUS[2]
    evidence.summary = DANGEROUS[3]
    evidence.links = ["https://example.org/=x"]
    evidence.save()
    return item, evidence


def test_action_plan_csv_escapes_formulas(client, personas, dangerous_plan):
    client.force_login(personas["viewer"])
    response = client.get("/partnerships/northmere/actions/export.csv")
    assert response.status_code == 200
    table = csv_rows(response)
    header = table[0]
    row = next(r for r in table[1:] if "HYPERLINK" in r[0])
    values = dict(zip(header, row, strict=True))
    assert values["Description"] == "'" + DANGEROUS[0]
    assert values["Named lead"] == "'" + DANGEROUS[1]
    assert values["Latest update"].endswith(": @everyone see the plan")  # starts with the date: nothing to escape


def test_action_plan_xlsx_escapes_formulas_and_holds_no_formula_cell(client, personas, dangerous_plan):
    client.force_login(personas["scrutineer"])
    response = client.get("/partnerships/northmere/actions/export.xlsx")
    assert response.status_code == 200
    sheet = xlsx_sheet(response)
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells), "an exported cell became a formula"
    values = [cell.value for cell in cells]
    assert "'" + DANGEROUS[0] in values
    assert "'" + DANGEROUS[1] in values


def test_evidence_csv_and_xlsx_escape_formulas(client, personas, dangerous_plan):
    client.force_login(personas["contributor"])
    table = csv_rows(client.get("/partnerships/northmere/evidence/export.csv"))
    values = {cell for row in table for cell in row}
    assert "'" + DANGEROUS[2] in values
    assert "'" + DANGEROUS[3] in values
    sheet = xlsx_sheet(client.get("/partnerships/northmere/evidence/export.xlsx"))
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert {"'" + DANGEROUS[2], "'" + DANGEROUS[3]} <= {cell.value for cell in cells}


@pytest.mark.parametrize("text", DANGEROUS[4:])
def test_a_leading_tab_or_carriage_return_is_escaped_too(client, personas, world, text):
    item = world["health_action"]
    item.description = text
    item.save()
    client.force_login(personas["lead"])
    table = csv_rows(client.get("/partnerships/northmere/actions/export.csv"))
    assert "'" + text in [row[0] for row in table]
    sheet = xlsx_sheet(client.get("/partnerships/northmere/actions/export.xlsx"))
    # A carriage return may come back as a line feed (openpyxl writes it escaped only when lxml is
    # installed); what matters is the apostrophe in front.
    column = [str(row[0]).replace("\r", "\n") for row in sheet.iter_rows(values_only=True)]
    assert "'" + text.replace("\r", "\n") in column


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_downloads_are_attachments_named_for_the_partnership_and_day(client, personas, world, fmt):
    client.force_login(personas["lead"])
    today = timezone.localdate().isoformat()
    for url, name in (
        (f"/partnerships/northmere/actions/export.{fmt}", f"northmere-action-plan-{today}.{fmt}"),
        (f"/partnerships/northmere/evidence/export.{fmt}", f"northmere-evidence-{today}.{fmt}"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        expected_type = "text/csv" if fmt == "csv" else "application/vnd.openxmlformats"
        assert response["Content-Type"].startswith(expected_type)


def test_action_plan_export_has_the_import_columns_and_the_extra_ones(client, personas, world):
    item = world["health_action"]
    item.status = ActionItem.Status.COMPLETE
    item.verified_by = personas["scrutineer"]
    item.verified_at = timezone.make_aware(datetime.datetime(2026, 6, 2, 23, 30))
    item.contributing_agencies.add(world["police"])
    item.save()
    overdue = world["police_action"]
    overdue.due_date = datetime.date(2020, 1, 31)
    overdue.start_date = datetime.date(2020, 1, 1)
    overdue.save()
    newest = timezone.localdate() + datetime.timedelta(days=1)
    ProgressUpdate.objects.create(item=overdue, author=personas["lead"], note="Newest", date=newest)
    client.force_login(personas["lead"])
    table = csv_rows(client.get("/partnerships/northmere/actions/export.csv"))
    header = table[0]
    assert header == [
        "Description",
        "Recommendations",
        "Owner agency",
        "Contributing agencies",
        "Named lead",
        "Start date",
        "Due date",
        "Status",
        "Impact evidenced",
        "Overdue",
        "Verified by",
        "Verified on",
        "Latest update",
    ]
    by_description = {row[0]: dict(zip(header, row, strict=True)) for row in table[1:]}
    assert len(by_description) == 2  # Castlebrook's action is not in Northmere's plan
    police = by_description["Police single point of contact"]
    assert police["Overdue"] == "Yes"
    assert police["Start date"] == "2020-01-01"
    assert police["Latest update"] == f"{newest.isoformat()}: Newest"
    health = by_description["Health rota for strategy discussions"]
    assert health["Status"] == "Complete"
    assert health["Overdue"] == "No"
    assert health["Verified by"] == "scrutineer"
    assert health["Verified on"] == "2026-06-02"
    assert health["Contributing agencies"] == "Northmere Police"
    assert health["Recommendations"] == "R6"
    assert health["Owner agency"] == "Northmere Health"


def test_evidence_export_follows_the_lists_filters(client, personas, world):
    world["police_evidence"].withdrawn_at = timezone.now()
    world["police_evidence"].save()
    client.force_login(personas["scrutineer"])
    table = csv_rows(client.get("/partnerships/northmere/evidence/export.csv"))
    assert table[0] == [
        "Title",
        "Summary",
        "Type",
        "Source",
        "Strength",
        "Agency",
        "Date",
        "Recommendations",
        "Reflective questions",
        "Links",
        "Withdrawn",
    ]
    assert [row[0] for row in table[1:]] == ["Health pathway audit"]  # withdrawn evidence is left out
    health = dict(zip(table[0], table[1], strict=True))
    assert health["Agency"] == "Northmere Health"
    assert health["Date"] == "2026-03-01"
    assert health["Type"] == Evidence.Type.AUDIT.label
    assert health["Strength"] == "Not graded"
    assert health["Withdrawn"] == "No"

    table = csv_rows(client.get("/partnerships/northmere/evidence/export.csv?show_withdrawn=on&page=3"))
    assert sorted(row[0] for row in table[1:]) == ["Health pathway audit", "Police strategy discussion audit"]
    table = csv_rows(
        client.get(f"/partnerships/northmere/evidence/export.csv?show_withdrawn=on&agency={world['police'].pk}")
    )
    assert [(row[0], row[-1]) for row in table[1:]] == [("Police strategy discussion audit", "Yes")]
    table = csv_rows(client.get("/partnerships/northmere/evidence/export.csv?q=nothing-like-this"))
    assert table[1:] == []


def test_xlsx_dates_are_real_dates_under_a_bold_frozen_header(client, personas, world):
    client.force_login(personas["lead"])
    sheet = xlsx_sheet(client.get("/partnerships/northmere/actions/export.xlsx"))
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    header = [cell.value for cell in sheet[1]]
    start = sheet.cell(row=2, column=header.index("Start date") + 1)
    assert start.is_date and start.number_format == "yyyy-mm-dd"
    assert start.value.date() == datetime.date(2026, 4, 1)


def test_exports_take_a_fixed_number_of_queries(client, personas, world, django_assert_max_num_queries):
    from partnerships.models import Agency

    police = Agency.objects.get(name="Northmere Police")
    for i in range(30):
        item = ActionItem.objects.create(
            partnership=world["police_action"].partnership,
            description=f"Item {i}",
            owner_agency=police,
            lead_name="A. Lead",
            start_date=datetime.date(2026, 4, 1),
            due_date=datetime.date(2026, 12, 31),
            created_by=personas["lead"],
        )
        item.recommendations.set(world["police_action"].recommendations.all())
        item.contributing_agencies.set([police])
    client.force_login(personas["lead"])
    for url in ("/partnerships/northmere/actions/export.xlsx", "/partnerships/northmere/evidence/export.csv"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
