"""The recommendation page reads its indicators' trends in a fixed number of queries: the same with one period
of values as with forty, with comparators and targets."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Area, Indicator
from recommendations.models import Recommendation
from tests.support.trend_figures import figures, target, years


def queries_for_page(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/partnerships/northmere/recommendations/R3/")
    assert response.status_code == 200
    assert "Indicators" in response.content.decode()
    return len(queries)


def record(partnership, lead, labels):
    r3 = Recommendation.objects.get(framework=partnership.framework, code="R3")
    for n, indicator in enumerate(Indicator.objects.of(partnership).about(r3)):
        values = {label: 2 + (i + n) % 5 for i, label in enumerate(labels)}
        figures(partnership, indicator, lead, values)
        figures(partnership, indicator, lead, values, area=Area.ENGLAND)
        figures(partnership, indicator, lead, values, area=Area.REGION)


def test_one_period_or_forty_cost_the_same(client, personas, partnership):
    lead = personas["lead"]
    client.force_login(personas["scrutineer"])
    record(partnership, lead, years(2024, 1))
    for indicator in Indicator.objects.of(partnership):
        target(partnership, indicator, lead, 3)
    with_one = queries_for_page(client)
    record(partnership, lead, years(1990, 34) + years(2025, 5))  # forty years in all
    assert queries_for_page(client) == with_one
