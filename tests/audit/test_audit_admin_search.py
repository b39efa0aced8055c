"""Site admins find access events in the admin by username, address or path, and filter by kind,
date and partnership; people who are not site admins cannot see them."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AccessEvent
from tests.support.permission_table import Row, cases, check

ADMIN = "/admin/audit/accessevent/"

# No persona is staff: the admin sends each to its own sign-in. Staff are tested below.
ROWS = [Row(ADMIN, {"anonymous": 302}, default=302)]


@pytest.mark.parametrize(**cases(ROWS))
def test_audit_admin_is_closed_to_every_persona(client, personas, world, row, persona):
    check(client, personas, world, row, persona)


@pytest.fixture
def events(partnership, other_partnership):
    def event(kind, username, ip, path, partnership=None):
        return AccessEvent.objects.create(
            kind=kind, username=username, ip_address=ip, path=path, partnership=partnership
        )

    return {
        "failed": event(AccessEvent.Kind.SIGN_IN_FAILED, "lead", "192.0.2.1", "/accounts/sign-in/"),
        "refused": event(
            AccessEvent.Kind.REFUSED, "outsider", "192.0.2.2", "/partnerships/northmere/evidence/4/", partnership
        ),
        "download": event(
            AccessEvent.Kind.DOWNLOADED_REPORT,
            "lead",
            "2001:db8::1",
            "/partnerships/castlebrook/reports/1/download/",
            other_partnership,
        ),
    }


@pytest.fixture
def site_admin(django_user_model):
    return django_user_model.objects.create_superuser("siteadmin", "admin@example.org", "x" * 16)


def found(client, query):
    response = client.get(ADMIN, query)
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "lead"}, {"failed", "download"}),
        ({"q": "outsider"}, {"refused"}),
        ({"q": "lea"}, set()),  # an exact username, not a part of one
        ({"q": "192.0.2.2"}, {"refused"}),
        ({"q": "2001:0db8::0001"}, {"download"}),
        ({"q": "/partnerships/northmere/"}, {"refused"}),
        ({"q": "/partnerships/"}, {"refused", "download"}),
        ({"kind__exact": "sign_in_failed"}, {"failed"}),
        ({"q": "lead", "kind__exact": "downloaded_report"}, {"download"}),
    ],
)
def test_site_admin_finds_events(client, site_admin, events, query, expected):
    client.force_login(site_admin)
    assert found(client, query) == {events[name] for name in expected}


def test_site_admin_filters_by_partnership_and_date(client, site_admin, events, partnership):
    client.force_login(site_admin)
    assert found(client, {"partnership__id__exact": partnership.pk}) == {events["refused"]}
    last_year = AccessEvent.objects.create(
        kind=AccessEvent.Kind.SIGNED_IN, username="lead", at=timezone.now() - datetime.timedelta(days=400)
    )
    changelist = client.get(ADMIN).context["cl"]
    (dates,) = [spec for spec in changelist.filter_specs if spec.field_path == "at"]
    (today,) = [choice for choice in dates.choices(changelist) if choice["display"] == "Today"]
    todays = set(client.get(ADMIN + today["query_string"]).context["cl"].result_list)
    assert todays >= set(events.values())
    assert last_year not in todays


def test_staff_without_the_view_permission_are_refused(client, django_user_model, events):
    staff = django_user_model.objects.create_user("helpdesk", password="x" * 16, is_staff=True)
    client.force_login(staff)
    assert client.get(ADMIN).status_code == 403


def test_staff_given_the_view_permission_can_search(client, django_user_model, events):
    from django.contrib.auth.models import Permission

    staff = django_user_model.objects.create_user("auditor", password="x" * 16, is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_accessevent"))
    client.force_login(staff)
    assert found(client, {"q": "outsider"}) == {events["refused"]}
