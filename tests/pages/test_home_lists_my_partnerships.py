import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Membership, Partnership
from tests.support.builders import make_member


def test_home_lists_each_partnership_with_my_role(client, personas, other_partnership):
    scrutineer = personas["scrutineer"]
    Membership.objects.create(user=scrutineer, partnership=other_partnership, role=Membership.Role.VIEWER)
    client.force_login(scrutineer)
    html = client.get("/").content.decode()
    assert "Northmere Partnership" in html and "Independent scrutineer" in html
    assert "Castlebrook Partnership" in html and "Viewer" in html


def test_contributor_sees_their_agency(client, personas):
    client.force_login(personas["contributor"])
    html = client.get("/").content.decode()
    assert "Agency contributor (Northmere Health)" in html


def test_home_shows_nothing_of_partnerships_without_a_role(client, personas):
    client.force_login(personas["outsider"])
    html = client.get("/").content.decode()
    assert "Castlebrook Partnership" in html
    assert "Northmere" not in html


def test_person_with_no_role_is_told_how_to_get_one(client, framework):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("newcomer", password="x")
    client.force_login(user)
    assert b"You do not hold a role in any partnership yet" in client.get("/").content


def _home_queries(client, user):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_memberships(client, framework):
    # Each role held adds its own dashboard, in a fixed number of queries: one membership of each
    # role first, then eleven more of each, and the count stays.
    user = make_member("busy", Partnership.objects.create(name="P0", slug="p0", area="A", framework=framework), "lead")

    def join(n):
        partnership = Partnership.objects.create(name=f"P{n}", slug=f"p{n}", area="A", framework=framework)
        Membership.objects.create(user=user, partnership=partnership, role=Membership.Role.VIEWER)
        contributed = Partnership.objects.create(name=f"C{n}", slug=f"c{n}", area="A", framework=framework)
        agency = contributed.agencies.create(name="Police", type="police")
        Membership.objects.create(user=user, partnership=contributed, role=Membership.Role.CONTRIBUTOR, agency=agency)

    join(1)
    client.force_login(user)
    one = _home_queries(client, user)
    for n in range(2, 13):
        join(n)
    assert _home_queries(client, user) == one
