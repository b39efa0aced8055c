"""The dashboards' lists show their first LIST_LIMIT entries and say how many more there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import ActionItem
from scrutiny.dashboards import LIST_LIMIT, _capped
from tests.support.builders import in_days


def _overdue_items(partnership, agency, lead, n):
    ActionItem.objects.bulk_create(
        ActionItem(
            partnership=partnership,
            description=f"Overdue action {i:02}",
            owner_agency=agency,
            lead_name="Named lead",
            start_date=in_days(-60),
            due_date=in_days(0) - datetime.timedelta(days=1 + i),
            created_by=lead,
        )
        for i in range(n)
    )


@pytest.mark.parametrize("n", [0, 1, LIST_LIMIT, LIST_LIMIT + 7])
def test_capped_list_counts_the_whole_list_in_one_query(partnership, health_agency, personas, n):
    _overdue_items(partnership, health_agency, personas["lead"], n)
    queryset = ActionItem.objects.filter(partnership=partnership).overdue(in_days(0)).order_by("due_date", "pk")
    with CaptureQueriesContext(connection) as queries:
        capped = _capped(queryset)
    assert len(queries) == 1
    assert capped.total == n
    assert [item.pk for item in capped.items] == list(queryset.values_list("pk", flat=True)[:LIST_LIMIT])
    assert capped.more == max(0, n - LIST_LIMIT)


def test_lead_dashboard_says_how_many_more_are_due(client, partnership, health_agency, personas):
    _overdue_items(partnership, health_agency, personas["lead"], LIST_LIMIT + 3)
    client.force_login(personas["lead"])
    page = client.get("/").content.decode()
    assert "And 3 more." in page
    assert page.count("Overdue action") == LIST_LIMIT
