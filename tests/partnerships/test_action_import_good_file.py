"""A good file imports exactly: 500 rows from CSV and from XLSX, every field, links and one history record each.

The files are built by tests/support/builders.py (good_row, rows, csv_upload, xlsx_upload), as for the other
import tests.
"""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.action_import import COLUMNS
from partnerships.models import ActionItem, Agency
from recommendations.models import AgencyType
from tests.support.builders import ACTION_IMPORT, csv_upload, good_row, post_import, rows, xlsx_upload

ACTION_LIST = "/partnerships/northmere/actions/"


@pytest.fixture
def plan_world(personas, partnership, health_agency):
    """Northmere with two agencies (Health from the personas, and Police) and its lead signed in."""
    Agency.objects.create(partnership=partnership, name="Northmere Police", type=AgencyType.POLICE)
    return personas


def _check_item(item, row_number):
    expected = good_row(row_number)
    assert item.description == expected["Description"]
    codes = {"R1": {"R1"}, "R1; R3": {"R1", "R3"}, "r6 ;R2": {"R2", "R6"}, "R4,R5": {"R4", "R5"}}
    assert {r.code for r in item.recommendations.all()} == codes[expected["Recommendations"]]
    assert item.owner_agency.name == ["Northmere Health", "Northmere Police", "Northmere Police"][row_number % 3]
    # Row 3n+2 names its owner among the contributors too: kept as the owner only, as the form does.
    contributors = [set(), {"Northmere Health"}, {"Northmere Health"}][row_number % 3]
    assert {a.name for a in item.contributing_agencies.all()} == contributors
    assert item.lead_name == f"Lead {row_number}"
    assert item.start_date == datetime.date(2026, 4, 1)
    assert item.due_date == datetime.date(2026, 5, 1) + datetime.timedelta(days=row_number)
    assert item.status == ["not_started", "on_track", "at_risk", "off_track", "complete"][row_number % 5]
    assert item.impact_evidenced is False
    assert item.verified_by is None


@pytest.mark.parametrize("upload", [csv_upload, xlsx_upload], ids=["csv", "xlsx"])
def test_lead_imports_500_rows_exactly(client, plan_world, partnership, upload, django_assert_max_num_queries):
    client.force_login(plan_world["lead"])
    # Bulk inserts: the count does not grow with the rows, but for SQLite's batches (999 parameters a statement).
    with django_assert_max_num_queries(42):
        response = post_import(client, upload(rows(500)))
    assert response.status_code == 302, response.context and response.context["problems"][:5]
    assert response["Location"] == ACTION_LIST
    name = "plan.csv" if upload is csv_upload else "plan.xlsx"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [f"500 actions imported from “{name}”"]

    items = list(
        ActionItem.objects.filter(partnership=partnership)
        .order_by("pk")
        .prefetch_related("recommendations", "contributing_agencies")
    )
    assert len(items) == 500
    for number, item in enumerate(items, start=1):
        _check_item(item, number)
        assert item.created_by == plan_world["lead"]


def test_xlsx_real_dates_and_booleans_import(client, plan_world, partnership):
    client.force_login(plan_world["lead"])
    row = good_row(
        1,
        **{
            "Start date": datetime.date(2026, 4, 1),
            "Due date": datetime.datetime(2026, 5, 2),
            "Impact evidenced": False,
            "Named lead": 1234,
        },
    )
    response = post_import(client, xlsx_upload([row]))
    assert response.status_code == 302
    item = ActionItem.objects.get(partnership=partnership)
    assert (item.start_date, item.due_date) == (datetime.date(2026, 4, 1), datetime.date(2026, 5, 2))
    assert item.impact_evidenced is False
    assert item.lead_name == "1234"


def test_each_imported_item_has_one_creation_record_with_its_links(client, plan_world, partnership):
    client.force_login(plan_world["lead"])
    assert post_import(client, csv_upload(rows(6))).status_code == 302
    for item in ActionItem.objects.filter(partnership=partnership).prefetch_related("recommendations"):
        records = list(item.history.all())
        assert len(records) == 1
        record = records[0]
        assert record.history_type == "+"
        assert record.history_user == plan_world["lead"]
        assert record.history_change_reason == "Imported from a spreadsheet"
        assert {r.recommendation.code for r in record.recommendations.all()} == {
            r.code for r in item.recommendations.all()
        }
        assert {c.agency_id for c in record.contributing_agencies.all()} == set(
            item.contributing_agencies.values_list("pk", flat=True)
        )
        # A later change is told apart from the import by what changed, the links included.
        item.lead_name = "Someone new"
        item.save()
        latest = item.history.order_by("-history_id").first()
        assert [change.field for change in latest.diff_against(record).changes] == ["lead_name"]


def test_columns_in_any_order_and_extra_columns_are_fine(client, plan_world, partnership):
    client.force_login(plan_world["lead"])
    header = ["Notes", *reversed(COLUMNS), "Overdue"]
    data = [{**good_row(i), "Notes": "=A1+B1", "Overdue": "Yes"} for i in (1, 2)]
    response = post_import(client, csv_upload(data, header=header))
    assert response.status_code == 302
    assert partnership.actions.count() == 2


def test_an_escaped_cell_from_an_export_reads_back_without_its_apostrophe(client, plan_world, partnership):
    client.force_login(plan_world["lead"])
    response = post_import(client, csv_upload([good_row(1, Description="'- check the pathway")]))
    assert response.status_code == 302
    assert partnership.actions.get().description == "- check the pathway"


def test_the_import_page_explains_the_columns_and_links_the_templates(client, plan_world):
    client.force_login(plan_world["lead"])
    response = client.get(ACTION_IMPORT)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    for name in COLUMNS:
        assert name in page
    assert "/partnerships/northmere/actions/import/template.xlsx" in page
    assert "/partnerships/northmere/actions/import/template.csv" in page
    assert "nothing is imported" in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_has_the_columns_and_an_example_row_that_would_import(client, plan_world, partnership, fmt):
    client.force_login(plan_world["lead"])
    response = client.get(f"/partnerships/northmere/actions/import/template.{fmt}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert f"northmere-action-plan-import-template.{fmt}" in response["Content-Disposition"]
    from partnerships.spreadsheets import open_sheet

    sheet = open_sheet(io.BytesIO(response.content), name=f"template.{fmt}")
    assert sheet.header == COLUMNS
    assert len(list(sheet)) == 1
    upload = SimpleUploadedFile(f"template.{fmt}", response.content)
    assert post_import(client, upload).status_code == 302
    assert partnership.actions.count() == 1
