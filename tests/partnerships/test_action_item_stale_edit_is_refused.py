"""A lead's edit form opened before a colleague saved the item is refused, never saved over their work.

A contributor marking the item complete in a progress update, another lead changing its
description and a scrutineer verifying it all stand; the lead is told who saved what and
when, keeps their own text on the form, and may then save again, deliberately.
"""

import re

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from common.versioning import StaleEdit
from partnerships import actions as service
from partnerships.models import ActionItem
from tests.support.builders import action_form_data, as_member, make_member

BASE = "/partnerships/northmere/actions/"
LEADS_OWN_TEXT = "Rota for strategy discussions, reworded by the first lead"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_edit_form(client, item) -> str:
    """The version the lead's browser holds once the edit form is open."""
    html = client.get(f"{BASE}{item.pk}/edit/").content.decode()
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def leads_form(item, version, **changes) -> dict:
    """The lead's form as they send it: their own wording, the status as they saw it."""
    fields = {
        "description": LEADS_OWN_TEXT,
        "owner_agency": str(item.owner_agency_id),
        "recommendations": ["R6"],
        "lead_name": item.lead_name,
        "status": "on_track",
        "version": version,
    }
    for name in ("start_date", "due_date"):
        day = getattr(item, name)
        fields |= {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}
    return action_form_data(**{**fields, **changes})


def when(record) -> str:
    return date_format(timezone.localtime(record.history_date), r"j F Y \a\t H:i")


@pytest.fixture
def lead_client(client, personas):
    client.force_login(personas["lead"])
    return client


def test_lead_form_opened_before_a_contributor_completed_the_item_is_refused(lead_client, personas, world):
    item = world["health_action"]
    version = open_edit_form(lead_client, item)

    update = {"status": "complete", "note": "Rota in place across all three localities"}
    assert client_for(personas["contributor"]).post(f"{BASE}{item.pk}/updates/", update).status_code == 302

    response = lead_client.post(f"{BASE}{item.pk}/edit/", leads_form(item, version))
    assert response.status_code == 200
    html = response.content.decode()
    record = item.history.first()
    assert escape(f"contributor changed status on {when(record)}, after you opened it") in html
    assert "nothing was saved" in html
    assert 'class="govuk-error-summary"' in html
    assert LEADS_OWN_TEXT in html  # the lead's own text is still on the form
    saved_since = html.split('id="saved-since"')[1].split("<form")[0]
    assert "On track" in saved_since and "Complete" in saved_since

    item.refresh_from_db()
    assert item.status == ActionItem.Status.COMPLETE  # the contributor's status stands
    assert item.description == "Health rota for strategy discussions"


def test_lead_form_opened_before_a_colleague_changed_the_description_is_refused(
    lead_client, personas, world, partnership
):
    item = world["health_action"]
    version = open_edit_form(lead_client, item)

    colleague = make_member("second_lead", partnership, "lead")
    colleague.first_name, colleague.last_name = "Robin", "Okafor"
    colleague.save()
    colleagues_text = "Health rota for strategy discussions, with cover for leave"
    response = client_for(colleague).post(
        f"{BASE}{item.pk}/edit/", leads_form(item, version, description=colleagues_text)
    )
    assert response.status_code == 302

    response = lead_client.post(f"{BASE}{item.pk}/edit/", leads_form(item, version))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Robin Okafor changed description on {when(item.history.first())}, after you opened it" in html
    assert LEADS_OWN_TEXT in html
    item.refresh_from_db()
    assert item.description == colleagues_text


def test_saving_again_after_the_refusal_saves_the_leads_text(lead_client, personas, world):
    item = world["health_action"]
    version = open_edit_form(lead_client, item)
    update = {"status": "complete", "note": "Rota in place"}
    client_for(personas["contributor"]).post(f"{BASE}{item.pk}/updates/", update)

    refused = lead_client.post(f"{BASE}{item.pk}/edit/", leads_form(item, version))
    newer = re.search(r'name="version" value="(\d+)"', refused.content.decode()).group(1)
    assert int(newer) > int(version)

    # A note alone changes nothing on the lead's form, so it does not refuse it again.
    note = {"note": "Seen the rota in two localities"}
    assert client_for(personas["scrutineer"]).post(f"{BASE}{item.pk}/updates/", note).status_code == 302

    response = lead_client.post(f"{BASE}{item.pk}/edit/", leads_form(item, newer, status="complete"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.description, item.status) == (LEADS_OWN_TEXT, ActionItem.Status.COMPLETE)


def test_a_verification_after_the_form_was_opened_is_not_cleared_unseen(lead_client, personas, world):
    item = world["health_action"]
    service.add_progress_update(
        item=item, membership=as_member(personas["contributor"]), note="Done", status="complete"
    )
    version = open_edit_form(lead_client, item)
    verification = {"note": "Rota seen in the strategy discussion minutes.", "version": version}
    assert client_for(personas["scrutineer"]).post(f"{BASE}{item.pk}/verify/", verification).status_code == 302

    response = lead_client.post(f"{BASE}{item.pk}/edit/", leads_form(item, version, status="complete"))
    assert response.status_code == 200
    assert "scrutineer changed verification note, verified at and verified by" in response.content.decode()
    item.refresh_from_db()
    assert item.is_verified and item.description == "Health rota for strategy discussions"


def test_the_service_refuses_an_old_version_and_writes_nothing(personas, world):
    item = world["health_action"]
    service.add_progress_update(
        item=item, membership=as_member(personas["contributor"]), note="Done", status="complete"
    )
    records = item.history.count()
    stale = ActionItem.objects.get(pk=item.pk)
    with pytest.raises(StaleEdit) as refused:
        service.update_action(
            item=stale,
            membership=as_member(personas["lead"]),
            seen_version=0,
            recommendations=list(item.recommendations.all()),
            description=LEADS_OWN_TEXT,
            owner_agency=item.owner_agency,
            lead_name=item.lead_name,
            start_date=item.start_date,
            due_date=item.due_date,
            status=ActionItem.Status.ON_TRACK,
        )
    assert refused.value.current.status == ActionItem.Status.COMPLETE
    item.refresh_from_db()
    assert (item.status, item.description) == (ActionItem.Status.COMPLETE, "Health rota for strategy discussions")
    assert item.history.count() == records
