"""The recommendation page lists recent evidence with links: the links must not cost a query each."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Evidence
from recommendations.models import Recommendation


def log_evidence(partnership, user, recommendation, how_many):
    for n in range(how_many):
        item = Evidence.objects.create(
            partnership=partnership,
            title=f"Audit of strategy discussions, sample {n}",
            summary="Attendance and information shared.",
            type=Evidence.Type.AUDIT,
            source=Evidence.Source.AUDIT,
            date=datetime.date(2026, 5, 1),
            confirmed_no_identifying_details=True,
            created_by=user,
        )
        item.recommendations.add(recommendation)


def queries_for_page(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/partnerships/northmere/recommendations/R2/")
    assert response.status_code == 200
    return len(queries)


def test_recent_evidence_links_cost_no_query_each(client, personas, partnership):
    lead = personas["lead"]
    r2 = Recommendation.objects.get(framework=partnership.framework, code="R2")
    client.force_login(lead)
    log_evidence(partnership, lead, r2, 1)
    with_one = queries_for_page(client)
    log_evidence(partnership, lead, r2, 9)
    assert queries_for_page(client) == with_one
