from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Agency
from recommendations.models import AgencyType

TITLES = [
    "Strategic planning",
    "Professional knowledge, skills and confidence",
    "Enquiries and investigations",
    "Assessment of people presenting risk of sexual harm",
    "Talking to children",
    "Health",
]


def test_overview_lists_the_six_recommendations_in_order(client, personas):
    client.force_login(personas["viewer"])
    html = client.get("/partnerships/northmere/").content.decode()
    positions = [html.index(f": {title}</a>") for title in TITLES]
    assert positions == sorted(positions)
    for code in ["R1", "R2", "R3", "R4", "R5", "R6"]:
        assert f"/partnerships/northmere/recommendations/{code}/" in html


def test_overview_names_the_review_and_my_role(client, personas):
    client.force_login(personas["contributor"])
    html = client.get("/partnerships/northmere/").content.decode()
    assert "I wanted them all to notice" in html
    assert "November 2024" in html
    assert "Agency contributor" in html and "Northmere Health" in html


def test_overview_query_count_does_not_grow_with_agencies(client, personas, partnership):
    client.force_login(personas["lead"])
    with CaptureQueriesContext(connection) as before:
        client.get("/partnerships/northmere/")
    for n in range(30):
        Agency.objects.create(partnership=partnership, name=f"Agency {n}", type=AgencyType.OTHER)
    with CaptureQueriesContext(connection) as after:
        client.get("/partnerships/northmere/")
    assert len(after) == len(before)
