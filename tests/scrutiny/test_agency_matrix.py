"""Agencies by recommendation: everyone's part at a glance."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Agency
from recommendations.models import AgencyType


def cell(page, agency, code_index):
    row = page.split(f">{agency}<br>")[1].split("</tr>")[0]
    return [c.split(">", 1)[1].split("</td>")[0] for c in row.split("<td")[1:]][code_index]


def test_cells_count_evidence_and_owned_or_shared_actions(client, personas, world):
    world["police_action"].contributing_agencies.add(world["health_evidence"].agency)
    client.force_login(personas["viewer"])
    page = client.get("/partnerships/northmere/agencies/").content.decode()
    assert cell(page, "Northmere Health", 5) == "1 evidence, 2 actions"  # R6: its audit, its action, a shared one
    assert cell(page, "Northmere Police", 5) == "1 evidence, 1 action"
    assert cell(page, "Northmere Police", 0) == "None"  # R1


def test_query_count_does_not_grow_with_agencies(client, personas, world, partnership):
    client.force_login(personas["lead"])
    with CaptureQueriesContext(connection) as before:
        client.get("/partnerships/northmere/agencies/")
    for n in range(25):
        Agency.objects.create(partnership=partnership, name=f"School {n}", type=AgencyType.EDUCATION)
    with CaptureQueriesContext(connection) as after:
        client.get("/partnerships/northmere/agencies/")
    assert len(after) == len(before)
