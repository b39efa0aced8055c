"""The action plan's query count does not grow with the plan: 10 items or 500, the same queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.models import ActionItem, Agency
from recommendations.models import AgencyType, Recommendation

N = "/partnerships/northmere/actions/"
STATUSES = ActionItem.Status.values


def add_actions(partnership, user, count):
    agencies = [
        Agency.objects.get_or_create(partnership=partnership, name=f"Agency {n}", defaults={"type": AgencyType.OTHER})[
            0
        ]
        for n in range(5)
    ]
    recommendations = list(Recommendation.objects.filter(framework=partnership.framework))
    today = timezone.localdate()
    items = ActionItem.objects.bulk_create(
        ActionItem(
            partnership=partnership,
            description=f"Action {n}: audit of strategy discussions",
            owner_agency=agencies[n % 5],
            lead_name=f"Lead {n}",
            start_date=today - datetime.timedelta(days=200),
            due_date=today + datetime.timedelta(days=(n % 60) - 30),  # some overdue, some not
            status=STATUSES[n % len(STATUSES)],
            verified_by=user if STATUSES[n % len(STATUSES)] == "complete" else None,
            verified_at=timezone.now() if STATUSES[n % len(STATUSES)] == "complete" else None,
            created_by=user,
        )
        for n in range(count)
    )
    through = ActionItem.recommendations.through
    through.objects.bulk_create(
        through(actionitem=item, recommendation=recommendations[(n + k) % len(recommendations)])
        for n, item in enumerate(items)
        for k in range(1 + n % 3)
    )
    contributors = ActionItem.contributing_agencies.through
    contributors.objects.bulk_create(
        contributors(actionitem=item, agency=agencies[(n + 1) % 5]) for n, item in enumerate(items) if n % 2
    )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries], response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["", "?recommendation=R3", "?owner=0&status=on_track", "?overdue=on", "?page=2"],
)
@pytest.mark.parametrize("persona", ["lead", "viewer"])
def test_same_queries_for_10_and_500_items(client, personas, partnership, query, persona):
    client.force_login(personas[persona])
    add_actions(partnership, personas["lead"], 10)
    with_10, _ = queries_for(client, N + query)
    ActionItem.objects.all().delete()
    add_actions(partnership, personas["lead"], 500)
    with_500, html = queries_for(client, N + query)
    assert len(with_10) == len(with_500), "\n".join(with_500)
    assert len(with_500) <= 10, "\n".join(with_500)
    if not query:
        assert ">Overdue<" in html and ">Verified<" in html  # the rows really were drawn
