"""Forms that cite evidence cost the same queries and about the same page, whether the partnership has
a handful of evidence items or the 300 a review holds in the benchmark."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.support.builders import JUDGEMENT_R6, add_evidence

ACTIONS = "/partnerships/northmere/actions/"


def measure(clients, who, url, data=None):
    client = clients[who]
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.content)


def pages(world):
    review, item = world["review"], world["health_action"]
    question = review.partnership.framework.questions.filter(recommendations__code="R6").first()
    return [
        ("lead", ACTIONS + "new/", None),
        ("lead", f"{ACTIONS}{item.pk}/edit/", None),
        ("lead", ACTIONS + "new/", {"find_evidence": "completion_evidence", "completion_evidence-q": "Chooser"}),
        ("scrutineer", JUDGEMENT_R6.format(review.pk), None),
        ("scrutineer", f"/partnerships/northmere/reviews/{review.pk}/questions/{question.code}/", None),
        (
            "scrutineer",
            JUDGEMENT_R6.format(review.pk),
            {"version": "0", "find_evidence": "evidence", "evidence-recommendation": "R6"},
        ),
    ]


def test_queries_and_page_size_stay_put_from_ten_to_three_hundred_items(world, personas):
    clients = {who: Client() for who in ("lead", "scrutineer")}
    for who, client in clients.items():
        client.force_login(personas[who])
    few = add_evidence(world, personas, 10)
    world["health_action"].completion_evidence.set(few[:3])
    world["judgement"].evidence.set(few[:3])
    before = [measure(clients, *page) for page in pages(world)]
    add_evidence(world, personas, 290, title="Later item", days_ago=1)
    after = [measure(clients, *page) for page in pages(world)]
    for (_, url, _), (queries, size), (queries_after, size_after) in zip(pages(world), before, after, strict=True):
        assert queries_after == queries, url
        assert abs(size_after - size) < 0.02 * size, (url, size, size_after)
