"""The act page starts from the finding (its text as the action's description, today as the start, the evidence's
title from the round) and, posted, makes both and goes back to the round's findings; a refused post (due before
start, no lead) shows the plan's messages on their fields and makes neither."""

from django.utils import timezone

from partnerships.models import ActionItem, Evidence
from tests.support import audit_world
from tests.support.builders import errors_of, in_days


def _dates(start, due):
    return {
        "start_date_0": start.day,
        "start_date_1": start.month,
        "start_date_2": start.year,
        "due_date_0": due.day,
        "due_date_1": due.month,
        "due_date_2": due.year,
    }


def test_the_form_starts_from_the_finding(client, partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    finding = audit_world.finding(audit_round, personas["lead"])
    client.force_login(personas["scrutineer"])

    form = client.get(f"/partnerships/northmere/audits/{audit_round.pk}/findings/{finding.pk}/act/").context["form"]

    assert form.initial["description"] == finding.text
    assert form.initial["start_date"] == timezone.localdate()
    assert form.initial["title"] == f"Case audit: {audit_round.title} (learning)"


def test_posted_it_makes_both(client, partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    finding = audit_world.finding(audit_round, personas["lead"])
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/findings/{finding.pk}/act/"
    post = {
        "description": finding.text,
        "owner_agency": health_agency.pk,
        "lead_name": "Jo Smith, Designated Nurse",
        "title": "Case audit: learning",
        "version": 0,
    }

    refused = client.post(url, post | {"lead_name": ""} | _dates(in_days(0), in_days(-5)))
    assert errors_of(refused)["due_date"] == ["The due date must be the same as or after the start date"]
    assert errors_of(refused)["lead_name"] == ["Enter the name of the person who leads this action"]
    assert not ActionItem.objects.exists() and not Evidence.objects.exists()

    made = client.post(url, post | _dates(in_days(0), in_days(60)))

    assert made.status_code == 302 and made["Location"].endswith("#findings")
    finding.refresh_from_db()
    assert finding.action == ActionItem.objects.get() and finding.evidence == Evidence.objects.get()
