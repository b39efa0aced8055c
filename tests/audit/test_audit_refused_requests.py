"""Requests refused to a signed-in person (404 on another partnership's pages, 403 for a missing right)
are recorded with the partnership asked for; allowed pages write nothing."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AccessEvent

BROWSER = {"REMOTE_ADDR": "198.51.100.7", "HTTP_USER_AGENT": "audit test"}


def refused():
    return list(AccessEvent.objects.filter(kind=AccessEvent.Kind.REFUSED))


def test_outsider_on_another_partnerships_page_is_recorded(client, personas, world):
    client.force_login(personas["outsider"])
    url = f"/partnerships/northmere/evidence/{world['health_evidence'].pk}/"
    assert client.get(url, **BROWSER).status_code == 404
    (event,) = refused()
    assert (event.user, event.username) == (personas["outsider"], "outsider")
    assert event.status_code == 404
    assert event.path == url
    assert event.detail == "evidence_detail"
    assert event.partnership.slug == "northmere"
    assert (event.ip_address, event.user_agent) == ("198.51.100.7", "audit test")


def test_member_reaching_another_partnerships_object_under_their_own_slug_is_recorded(client, personas, world):
    client.force_login(personas["lead"])
    url = f"/partnerships/northmere/evidence/{world['other_evidence'].pk}/"
    assert client.get(url).status_code == 404
    (event,) = refused()
    assert (event.user, event.status_code, event.partnership.slug) == (personas["lead"], 404, "northmere")


def test_a_partnership_that_does_not_exist_is_recorded_without_one(client, personas, world):
    client.force_login(personas["lead"])
    assert client.get("/partnerships/no-such-partnership/").status_code == 404
    (event,) = refused()
    assert event.partnership is None
    assert event.path == "/partnerships/no-such-partnership/"


def test_a_missing_right_403_is_recorded(client, personas, world):
    client.force_login(personas["viewer"])
    url = f"/partnerships/northmere/evidence/{world['health_evidence'].pk}/edit/"
    assert client.get(url).status_code == 403
    (event,) = refused()
    assert (event.user, event.status_code, event.detail) == (personas["viewer"], 403, "evidence_edit")


def test_the_query_string_is_not_recorded(client, personas, world):
    client.force_login(personas["outsider"])
    client.get("/partnerships/northmere/evidence/?q=searched+words")
    (event,) = refused()
    assert event.path == "/partnerships/northmere/evidence/"


def test_an_address_that_matches_no_page_is_not_recorded(client, personas, world):
    client.force_login(personas["lead"])
    assert client.get("/no-such-page/").status_code == 404
    assert not refused()


def test_anonymous_visitors_are_sent_to_sign_in_and_not_recorded(client, world):
    assert client.get("/partnerships/northmere/").status_code == 302
    assert client.get("/no-such-page/").status_code == 404
    assert not AccessEvent.objects.exists()


def test_allowed_pages_write_nothing_and_read_nothing_of_the_audit_table(client, personas, world):
    client.force_login(personas["lead"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/partnerships/northmere/").status_code == 200
    assert not [q for q in queries if "audit_accessevent" in q["sql"]]
    assert not refused()


def test_a_refusal_costs_one_insert(client, personas, world):
    client.force_login(personas["outsider"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/partnerships/northmere/").status_code == 404
    audit_queries = [q["sql"] for q in queries if "audit_accessevent" in q["sql"]]
    assert len(audit_queries) == 1
    assert audit_queries[0].startswith("INSERT")
