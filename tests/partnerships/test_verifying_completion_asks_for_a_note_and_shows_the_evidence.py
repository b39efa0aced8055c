"""Verifying an action's completion is reading its evidence of completion, then saying why it shows the
action was done: a page with the evidence and a required note. An item with no evidence of completion
needs the scrutineer to say why they accept it without. The note stands beside the verification."""

import pytest
from django.core.exceptions import ValidationError

from common.versioning import StaleEdit
from partnerships import actions as service
from partnerships.models import ActionItem
from tests.support.builders import as_member

BASE = "/partnerships/northmere/actions/"
NOTE = "Rota seen in three months of strategy discussion minutes: health attended all but one."


@pytest.fixture
def complete(world, personas):
    item = world["health_action"]
    service.add_progress_update(
        item=item, membership=as_member(personas["contributor"]), note="Rota in place", status="complete"
    )
    return item


def page(item):
    return f"{BASE}{item.pk}/verify/"


def test_the_verification_page_shows_the_evidence_of_completion(client, personas, world, complete):
    complete.completion_evidence.add(world["health_evidence"])
    client.force_login(personas["scrutineer"])
    detail = client.get(f"{BASE}{complete.pk}/").content.decode()
    assert f'href="{page(complete)}"' in detail  # the button leads to the page; it no longer verifies at once
    html = client.get(page(complete)).content.decode()
    evidence = html.split('id="completion-evidence"')[1].split("<h2")[0]
    assert "Health pathway audit" in evidence and "Summary of Health pathway audit" in evidence
    assert f"/evidence/{world['health_evidence'].pk}/" in evidence
    assert 'name="note"' in html and "What you checked in the evidence of completion" in html


def test_verifying_without_a_note_is_refused_and_nothing_is_saved(client, personas, world, complete):
    complete.completion_evidence.add(world["health_evidence"])
    client.force_login(personas["scrutineer"])
    response = client.post(page(complete), {"note": "  ", "version": complete.version})
    assert response.status_code == 200
    assert "Enter what you checked in the evidence of completion" in response.content.decode()
    complete.refresh_from_db()
    assert not complete.is_verified
    with pytest.raises(ValidationError, match="Enter what you checked"):
        service.verify_completion(
            item=complete, membership=as_member(personas["scrutineer"]), note="", seen_version=complete.version
        )


def test_an_item_without_evidence_of_completion_needs_the_scrutineer_to_say_why(client, personas, complete):
    client.force_login(personas["scrutineer"])
    html = client.get(page(complete)).content.decode()
    assert 'id="no-completion-evidence"' in html and "This action has no evidence of completion" in html
    assert "Why do you accept the action as done?" in html
    refused = client.post(page(complete), {"note": "", "version": complete.version}).content.decode()
    assert "Enter why you accept the action as done: it has no evidence of completion" in refused
    with pytest.raises(ValidationError, match="it has no evidence of completion"):
        service.verify_completion(
            item=complete, membership=as_member(personas["scrutineer"]), note=" ", seen_version=complete.version
        )
    complete.refresh_from_db()
    assert not complete.is_verified

    why = "Seen the rota on the ICB's intranet on a visit; the lead will log it as evidence."
    response = client.post(page(complete), {"note": why, "version": complete.version}, follow=True)
    complete.refresh_from_db()
    assert complete.is_verified and complete.verification_note == why
    assert why.replace("'", "&#x27;") in response.content.decode()


def test_the_note_is_shown_on_the_item_and_kept_in_its_history(client, personas, world, complete):
    complete.completion_evidence.add(world["health_evidence"])
    client.force_login(personas["scrutineer"])
    response = client.post(page(complete), {"note": NOTE, "version": complete.version}, follow=True)
    assert response.redirect_chain[-1][0] == f"{BASE}{complete.pk}/"
    verification = response.content.decode().split('id="verification"')[1].split("</div>")[0]
    assert "Verified by scrutineer" in verification and NOTE in verification
    record = ActionItem.objects.get(pk=complete.pk).history.first()
    assert record.verification_note == NOTE and record.history_change_reason == "Completion verified"


def test_evidence_changed_after_the_page_was_opened_refuses_the_verification(client, personas, world, complete):
    client.force_login(personas["scrutineer"])
    opened_at = complete.version
    assert "This action has no evidence of completion" in client.get(page(complete)).content.decode()
    # Meanwhile the lead links evidence: the scrutineer verifies what they have not read.
    service.update_action(
        item=ActionItem.objects.get(pk=complete.pk),
        membership=as_member(personas["lead"]),
        seen_version=opened_at,
        recommendations=list(complete.recommendations.all()),
        description=complete.description,
        owner_agency=complete.owner_agency,
        lead_name=complete.lead_name,
        start_date=complete.start_date,
        due_date=complete.due_date,
        status=complete.status,
        completion_evidence=[world["police_evidence"]],
    )
    response = client.post(page(complete), {"note": NOTE, "version": opened_at})
    assert response.status_code == 200
    html = response.content.decode()
    assert "after you opened it" in html and "Police strategy discussion audit" in html
    complete.refresh_from_db()
    assert not complete.is_verified
    with pytest.raises(StaleEdit):
        service.verify_completion(
            item=complete, membership=as_member(personas["scrutineer"]), note=NOTE, seen_version=opened_at
        )


def test_an_item_not_complete_has_no_verification_page(client, personas, world):
    client.force_login(personas["scrutineer"])
    response = client.get(page(world["police_action"]), follow=True)
    assert "Only a complete item can be verified: its status is now “On track”" in response.content.decode()
    assert response.redirect_chain[-1][0] == f"{BASE}{world['police_action'].pk}/"
    assert 'id="verify-submit"' not in response.content.decode()


def test_a_note_over_its_limit_is_refused_naming_the_field(client, personas, complete):
    client.force_login(personas["scrutineer"])
    response = client.post(page(complete), {"note": "a" * 2001, "version": complete.version})
    assert response.status_code == 200
    summary = response.content.decode().split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert "Your verification note must be 2,000 characters or fewer" in summary
    complete.refresh_from_db()
    assert not complete.is_verified
    with pytest.raises(ValidationError, match="2,000 characters or fewer"):
        service.verify_completion(
            item=complete, membership=as_member(personas["scrutineer"]), note="a" * 2001, seen_version=complete.version
        )
    assert client.post(page(complete), {"note": "a" * 2000, "version": complete.version}).status_code == 302
