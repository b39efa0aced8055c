"""Moderation, findings and publishing are for those who run audits: contributors and viewers are refused (403),
whatever the method, and members of another partnership find nothing there (404); nothing is written."""

import pytest

from case_audits.models import AgreedGrade, Finding
from partnerships.models import ActionItem
from tests.support import audit_world

PAGES = ["cases/{case}/moderate/", "findings/new/", "findings/{finding}/edit/", "findings/{finding}/act/", "publish/"]


@pytest.fixture
def urls(partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    audit_case = audit_world.case(audit_round, personas["lead"])
    finding = audit_world.finding(audit_round, personas["lead"])
    base = f"/partnerships/northmere/audits/{audit_round.pk}/"
    return [base + page.format(case=audit_case.pk, finding=finding.pk) for page in PAGES]


@pytest.mark.parametrize(("who", "status"), [("contributor", 403), ("viewer", 403), ("outsider", 404)])
@pytest.mark.parametrize("method", ["get", "post"])
def test_refused(client, personas, urls, who, status, method):
    client.force_login(personas[who])

    for url in urls:
        assert getattr(client, method)(url).status_code == status, url

    assert not AgreedGrade.objects.exists() and not ActionItem.objects.exists()
    assert Finding.objects.count() == 1


@pytest.mark.parametrize("who", ["scrutineer", "lead"])
def test_those_who_run_audits_get_the_pages(client, personas, urls, who):
    client.force_login(personas[who])

    for url in urls:
        assert client.get(url).status_code == 200, url


def test_another_partnerships_round_is_404_to_its_own_lead(client, partnership, other_partnership, personas):
    theirs = audit_world.audit_round(other_partnership, personas["outsider"], [])
    client.force_login(personas["lead"])

    assert client.get(f"/partnerships/northmere/audits/{theirs.pk}/findings/new/").status_code == 404
    assert client.get(f"/partnerships/northmere/audits/{theirs.pk}/publish/").status_code == 404
