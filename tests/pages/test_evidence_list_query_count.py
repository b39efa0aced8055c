"""The register's query count does not grow with the evidence: 10 items or 500, the same queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Agency, Evidence
from recommendations.models import AgencyType, Recommendation

N = "/partnerships/northmere/evidence/"


def add_evidence(partnership, user, count):
    agencies = [
        Agency.objects.get_or_create(partnership=partnership, name=f"Agency {n}", defaults={"type": AgencyType.OTHER})[
            0
        ]
        for n in range(5)
    ]
    recommendations = list(Recommendation.objects.filter(framework=partnership.framework))
    items = Evidence.objects.bulk_create(
        Evidence(
            partnership=partnership,
            title=f"Evidence {n}",
            summary="Audit of strategy discussions",
            type=Evidence.Type.AUDIT,
            source=Evidence.Source.AUDIT,
            agency=agencies[n % 5] if n % 3 else None,
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300),
            strength=Evidence.Strength.DOCUMENTED if n % 2 else "",
            confirmed_no_identifying_details=True,
            created_by=user,
        )
        for n in range(count)
    )
    through = Evidence.recommendations.through
    through.objects.bulk_create(
        through(evidence=item, recommendation=recommendations[(n + k) % len(recommendations)])
        for n, item in enumerate(items)
        for k in range(1 + n % 3)
    )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?recommendation=R3&show_withdrawn=on",
        "?q=audit&type=audit&date_from_0=1&date_from_1=1&date_from_2=2026",
        "?page=2",
    ],
)
def test_same_queries_for_10_and_500_items(client, personas, partnership, query):
    client.force_login(personas["lead"])
    add_evidence(partnership, personas["lead"], 10)
    with_10 = queries_for(client, N + query)
    Evidence.objects.all().delete()
    add_evidence(partnership, personas["lead"], 500)
    with_500 = queries_for(client, N + query)
    assert len(with_10) == len(with_500), "\n".join(with_500)
    assert len(with_500) <= 8, "\n".join(with_500)
