"""The action plan's rows: each status as actions/_status.html draws it, recommendations in the framework's
order with their titles, and the whole plan counted once."""

import itertools

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.models import ActionItem
from tests.support.builders import in_days

BASE = "/partnerships/northmere/actions/"


def make_item(partnership, owner, by, **fields):
    values = {
        "description": "Multi-agency training needs assessment",
        "lead_name": "Sam Lee",
        "start_date": in_days(-365),
        "due_date": in_days(37),
        "status": ActionItem.Status.ON_TRACK,
        **fields,
    }
    return ActionItem.objects.create(partnership=partnership, owner_agency=owner, created_by=by, **values)


def list_html(client, query=""):
    response = client.get(BASE + query)
    assert response.status_code == 200
    return response.content.decode()


def test_each_status_cell_is_what_the_status_partial_draws(client, personas, partnership, health_agency):
    lead, scrutineer = personas["lead"], personas["scrutineer"]
    items = []
    for status, late in itertools.product(ActionItem.Status.values, (True, False)):
        items.append(
            make_item(
                partnership,
                health_agency,
                lead,
                description=f"{status} {'late' if late else 'in time'}",
                due_date=in_days(-1) if late else in_days(1),
                status=status,
            )
        )
    verified = make_item(partnership, health_agency, lead, description="complete verified", status="complete")
    ActionItem.objects.filter(pk=verified.pk).update(verified_by=scrutineer, verified_at=timezone.now())
    items.append(ActionItem.objects.get(pk=verified.pk))

    client.force_login(personas["viewer"])
    html = list_html(client)
    for item in items:
        cell = render_to_string("actions/_status.html", {"item": item, "overdue": item.is_overdue()})
        assert f'<td class="govuk-table__cell">{cell}</td>' in html, item.description
    assert html.count(">Overdue<") == 4 and html.count(">Verified<") == 1


def test_recommendations_in_the_frameworks_order_with_their_titles(client, personas, partnership, health_agency):
    item = make_item(partnership, health_agency, personas["lead"])
    recommendations = partnership.framework.recommendations
    item.recommendations.add(recommendations.get(code="R6"), recommendations.get(code="R2"))
    client.force_login(personas["viewer"])
    html = list_html(client)
    r2, r6 = recommendations.get(code="R2"), recommendations.get(code="R6")
    assert f'<abbr title="{r2.title}">R2</abbr>, <abbr title="{r6.title}">R6</abbr></td>' in html


def test_the_whole_plan_is_counted_once_and_a_filtered_one_as_filtered(client, personas, partnership, health_agency):
    lead = personas["lead"]
    for n in range(55):
        make_item(partnership, health_agency, lead, description=f"Item {n}", status="complete" if n % 5 else "at_risk")
    client.force_login(personas["viewer"])
    with CaptureQueriesContext(connection) as captured:
        html = list_html(client)
    assert "55 actions" in html and "Showing 1 to 50 of 55" in html
    assert "<strong>55</strong> actions: <strong>0</strong> overdue, <strong>44</strong> complete" in html
    assert not [q for q in captured.captured_queries if 'COUNT(*) AS "__count"' in q["sql"]]

    html = list_html(client, "?status=at_risk&page=1")
    assert "11 actions" in html and "matching the filters" in html and "Showing" not in html
    assert "<strong>55</strong> actions" in html  # the summary is of the whole plan still
