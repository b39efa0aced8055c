"""The action plan's items: every field, dates, overdue, progress updates, verification and its clearing,
who may change what, evidence and agencies only of the partnership, and markup shown as text."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from partnerships import actions as service
from partnerships.models import ActionItem, Agency, Evidence, ProgressUpdate
from recommendations.models import AgencyType
from tests.support.builders import action_form_data, as_member, errors_of, in_days

BASE = "/partnerships/northmere/actions/"
NEW = BASE + "new/"
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def summary_targets(html) -> list[str]:
    """The error summary's links, each checked to land on an element of the page."""
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    targets = re.findall(r'href="#([^"]+)"', summary)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert targets and [t for t in targets if t not in ids] == []
    return targets


def url(item, suffix=""):
    return f"{BASE}{item.pk}/{suffix}"


def make_item(partnership, owner, by, *, status=ActionItem.Status.ON_TRACK, due=None, start=None, **extra):
    item = ActionItem.objects.create(
        partnership=partnership,
        description=extra.pop("description", "Multi-agency training needs assessment"),
        owner_agency=owner,
        lead_name="Sam Lee",
        start_date=start or datetime.date(2026, 1, 1),
        due_date=due or datetime.date(2027, 1, 1),
        status=status,
        created_by=by,
        **extra,
    )
    item.recommendations.add(partnership.framework.recommendations.get(code="R2"))
    return item


# Creating and changing an item.


def test_lead_creates_an_action_with_every_field(client, personas, world, health_agency, partnership):
    police, lead = world["police"], personas["lead"]
    probation = Agency.objects.create(partnership=partnership, name="Northmere Probation", type=AgencyType.PROBATION)
    Evidence.objects.filter(pk=world["health_evidence"].pk).update(strength=Evidence.Strength.IMPACT)
    client.force_login(lead)
    response = client.post(
        NEW,
        action_form_data(
            owner_agency=str(police.pk),
            contributing_agencies=[str(health_agency.pk), str(probation.pk)],
            status="at_risk",
            completion_evidence=[str(world["police_evidence"].pk)],
            impact_evidenced="on",
            impact_evidence=[str(world["health_evidence"].pk)],
        ),
    )
    assert response.status_code == 302, errors_of(response)
    item = ActionItem.objects.get(description__startswith="Audit strategy discussions")
    assert response["Location"] == f"{BASE}{item.pk}/"
    assert item.partnership == partnership and item.created_by == lead
    assert sorted(r.code for r in item.recommendations.all()) == ["R1", "R6"]
    assert item.owner_agency == police
    assert set(item.contributing_agencies.all()) == {health_agency, probation}
    assert item.lead_name == "Jo Smith, Designated Nurse"
    assert (item.start_date, item.due_date) == (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))
    assert item.status == ActionItem.Status.AT_RISK
    assert list(item.completion_evidence.all()) == [world["police_evidence"]]
    assert item.impact_evidenced is True
    assert list(item.impact_evidence.all()) == [world["health_evidence"]]
    assert not item.is_verified
    # One history record for the whole creation, links included.
    (record,) = item.history.all()
    assert record.history_type == "+" and record.history_user == lead
    assert sorted(r.recommendation.code for r in record.recommendations.all()) == ["R1", "R6"]

    html = client.get(response["Location"]).content.decode()
    assert "Action added to the plan." in html
    for text in (
        "Northmere Police",
        "Northmere Health",
        "Northmere Probation",
        "Jo Smith, Designated Nurse",
        "At risk",
    ):
        assert text in html
    assert "1 April 2026" in html and "31 March 2027" in html
    evidence_url = f"/partnerships/northmere/evidence/{world['police_evidence'].pk}/"
    assert f'href="{evidence_url}"' in html
    assert f'href="/partnerships/northmere/evidence/{world["health_evidence"].pk}/"' in html
    assert "Evidenced" in html


def test_owner_is_not_also_a_contributor(client, personas, world):
    client.force_login(personas["lead"])
    police = world["police"]
    client.post(NEW, action_form_data(owner_agency=str(police.pk), contributing_agencies=[str(police.pk)]))
    item = ActionItem.objects.get(description__startswith="Audit strategy discussions")
    assert list(item.contributing_agencies.all()) == []


def test_a_new_action_starts_not_started(client, personas, world):
    client.force_login(personas["lead"])
    html = client.get(NEW + "?recommendation=R3").content.decode()
    assert re.search(r'<input[^>]*value="not_started"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="R3"[^>]*checked', html)


def test_due_date_before_start_date_is_refused_on_the_due_date(client, personas, world):
    client.force_login(personas["lead"])
    response = client.post(
        NEW, action_form_data(owner_agency=str(world["police"].pk), due_date_0="31", due_date_1="3", due_date_2="2026")
    )
    assert response.status_code == 200
    assert errors_of(response) == {"due_date": ["The due date must be the same as or after the start date"]}
    assert summary_targets(response.content.decode()) == ["id_due_date_0"]
    assert not ActionItem.objects.filter(description__startswith="Audit strategy discussions").exists()
    # The same day is fine.
    response = client.post(
        NEW, action_form_data(owner_agency=str(world["police"].pk), due_date_0="1", due_date_1="4", due_date_2="2026")
    )
    assert response.status_code == 302


def test_the_service_refuses_a_due_date_before_the_start_too(personas, world, partnership):
    with pytest.raises(ValidationError, match="The due date must be the same as or after the start date"):
        service.create_action(
            membership=as_member(personas["lead"]),
            recommendations=[partnership.framework.recommendations.get(code="R1")],
            description="Information-sharing protocol, probation and police",
            owner_agency=world["police"],
            lead_name="Chief Inspector",
            start_date=datetime.date(2026, 5, 1),
            due_date=datetime.date(2026, 4, 30),
        )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": " "}, "description", "Enter a description of the action"),
        ({"recommendations": None}, "recommendations", "Select at least one recommendation"),
        ({"recommendations": ["R9"]}, "recommendations", "Select only this partnership's framework's recommendations"),
        ({"owner_agency": ""}, "owner_agency", "Select the agency that owns the action"),
        ({"lead_name": ""}, "lead_name", "Enter the name of the person who leads this action"),
        ({"start_date_0": "", "start_date_1": "", "start_date_2": ""}, "start_date", "Enter the start date"),
        ({"due_date_0": "31", "due_date_1": "2"}, "due_date", "Due date must be a real date"),
        ({"status": None}, "status", "Select the status"),
        ({"status": "abandoned"}, "status", "Select a valid choice"),
        ({"impact_evidenced": "on"}, "impact_evidence", "Select the evidence that shows the impact on children"),
        ({"completion_evidence": ["x"]}, "completion_evidence", "Select only this partnership's current evidence"),
    ],
)
def test_missing_or_wrong_fields_are_refused_with_a_message(client, personas, world, overrides, field, message):
    client.force_login(personas["lead"])
    data = {"owner_agency": str(world["police"].pk), **overrides}
    response = client.post(NEW, action_form_data(**data))
    assert response.status_code == 200
    assert any(e.startswith(message) for e in errors_of(response)[field]), errors_of(response)
    assert "There is a problem" in response.content.decode()
    assert not ActionItem.objects.filter(description__startswith="Audit strategy discussions").exists()


def test_every_error_summary_link_lands_on_a_field(client, personas, world):
    client.force_login(personas["lead"])
    targets = summary_targets(client.post(NEW, {}).content.decode())
    assert len(targets) == 7  # description, recommendations, owner, lead, two dates, status


def test_evidence_and_agencies_of_another_partnership_are_refused(client, personas, world):
    client.force_login(personas["lead"])
    other_evidence, other_agency = world["other_evidence"], world["other_action"].owner_agency
    response = client.post(
        NEW,
        action_form_data(
            owner_agency=str(other_agency.pk),
            contributing_agencies=[str(other_agency.pk)],
            completion_evidence=[str(other_evidence.pk)],
            impact_evidence=[str(other_evidence.pk)],
        ),
    )
    assert response.status_code == 200
    errors = errors_of(response)
    assert errors["owner_agency"] == ["Select only this partnership's agencies"]
    assert errors["contributing_agencies"] == ["Select only this partnership's agencies"]
    assert errors["completion_evidence"] == ["Select only this partnership's current evidence"]
    assert errors["impact_evidence"] == ["Select only this partnership's current evidence"]
    html = client.get(NEW).content.decode()
    assert "Castlebrook" not in html  # not even offered
    assert ">Health pathway audit</label>" in html and "Northmere Health, 1 March 2026;" in html  # title, agency, date
    assert not ActionItem.objects.filter(description__startswith="Audit strategy discussions").exists()


def test_the_service_refuses_another_partnerships_evidence_and_agencies(personas, world, partnership):
    arguments = {
        "membership": as_member(personas["lead"]),
        "recommendations": [partnership.framework.recommendations.get(code="R1")],
        "description": "Health pathway to the sexual assault referral centre",
        "owner_agency": world["police"],
        "lead_name": "Named lead",
        "start_date": datetime.date(2026, 4, 1),
        "due_date": datetime.date(2026, 9, 30),
    }
    with pytest.raises(ValidationError, match="Select only this partnership's evidence of completion"):
        service.create_action(**arguments, completion_evidence=[world["other_evidence"]])
    with pytest.raises(ValidationError, match="Select only this partnership's evidence of impact"):
        service.create_action(**arguments, impact_evidence=[world["other_evidence"]], impact_evidenced=True)
    with pytest.raises(ValidationError, match="Select an owner agency of this partnership"):
        service.create_action(**{**arguments, "owner_agency": world["other_action"].owner_agency})
    with pytest.raises(ValidationError, match="Select contributing agencies of this partnership"):
        service.create_action(**arguments, contributing_agencies=[world["other_action"].owner_agency])
    assert not ActionItem.objects.filter(description__startswith="Health pathway").exists()


def test_withdrawn_evidence_is_not_offered_but_an_item_keeps_what_it_already_cites(client, personas, world):
    lead, evidence, item = personas["lead"], world["police_evidence"], world["police_action"]
    item.completion_evidence.add(evidence)
    Evidence.objects.filter(pk=evidence.pk).update(withdrawn_at=timezone.now(), withdrawn_by=lead)
    client.force_login(lead)
    assert "Police strategy discussion audit" not in client.get(NEW).content.decode()
    response = client.post(
        NEW, action_form_data(owner_agency=str(world["police"].pk), completion_evidence=[evidence.pk])
    )
    assert errors_of(response)["completion_evidence"] == ["Select only this partnership's current evidence"]
    # Changing the item that already cites it keeps it, marked withdrawn, and it cannot be added elsewhere.
    html = client.get(url(item, "edit/")).content.decode()
    assert ">Police strategy discussion audit</label>" in html
    assert "Northmere Police, 1 March 2026; " in html and "; <strong>withdrawn</strong>" in html
    response = client.post(
        url(item, "edit/"), action_form_data(owner_agency=str(world["police"].pk), completion_evidence=[evidence.pk])
    )
    assert response.status_code == 302, errors_of(response)
    assert list(item.completion_evidence.all()) == [evidence]
    with pytest.raises(ValidationError, match="has been withdrawn"):
        service.update_action(
            item=world["health_action"],
            membership=as_member(lead),
            seen_version=world["health_action"].version,
            **{**_arguments(world["health_action"]), "impact_evidence": [evidence]},
        )


def _arguments(item):
    """update_action's arguments for the item as it stands."""
    return {
        "recommendations": list(item.recommendations.all()),
        "description": item.description,
        "owner_agency": item.owner_agency,
        "contributing_agencies": list(item.contributing_agencies.all()),
        "lead_name": item.lead_name,
        "start_date": item.start_date,
        "due_date": item.due_date,
        "status": item.status,
        "completion_evidence": list(item.completion_evidence.all()),
        "impact_evidenced": item.impact_evidenced,
        "impact_evidence": list(item.impact_evidence.all()),
    }


def test_lead_changes_an_item_in_one_history_record(client, personas, world):
    item, lead = world["police_action"], personas["lead"]
    records_before = item.history.count()
    client.force_login(lead)
    html = client.get(url(item, "edit/")).content.decode()
    assert 'value="A. Named Lead"' in html
    response = client.post(
        url(item, "edit/"),
        action_form_data(
            description=item.description,
            recommendations=["R6", "R3"],
            owner_agency=str(world["police"].pk),
            lead_name="DCI Patel",
            start_date_0="1",
            due_date_0="31",
            due_date_1="12",
            due_date_2="2026",
        ),
    )
    assert response.status_code == 302, errors_of(response)
    item.refresh_from_db()
    assert item.lead_name == "DCI Patel"
    assert sorted(r.code for r in item.recommendations.all()) == ["R3", "R6"]
    assert item.history.count() == records_before + 1  # one record for the change, links included
    assert item.history.first().history_user == lead
    detail = client.get(url(item)).content.decode()
    history = detail.split('id="history"')[1]
    assert "Named lead" in history and "DCI Patel" in history


def test_saving_without_a_change_records_nothing(client, personas, world):
    item = world["police_action"]
    client.force_login(personas["lead"])
    client.post(url(item, "edit/"), action_form_data(owner_agency=str(world["police"].pk)))
    item.refresh_from_db()
    count = item.history.count()
    again = action_form_data(owner_agency=str(world["police"].pk), version=str(item.version))
    response = client.post(url(item, "edit/"), again, follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert item.history.count() == count


# Overdue: from the due date and the status, never stored.


def test_overdue_comes_from_the_due_date_and_the_status(client, personas, partnership, health_agency):
    lead = personas["lead"]
    yesterday, tomorrow = in_days(-1), in_days(1)
    start = in_days(-30)
    late = make_item(partnership, health_agency, lead, due=yesterday, start=start, description="Late item")
    done = make_item(
        partnership, health_agency, lead, due=yesterday, start=start, status="complete", description="Done item"
    )
    today = make_item(partnership, health_agency, lead, due=in_days(0), start=start, description="Due today item")
    later = make_item(partnership, health_agency, lead, due=tomorrow, start=start, description="Later item")
    assert late.is_overdue() and not done.is_overdue() and not today.is_overdue() and not later.is_overdue()
    assert list(partnership.actions.overdue()) == [late]

    client.force_login(personas["viewer"])
    html = client.get(BASE).content.decode()
    names = ("Late item", "Done item", "Due today item", "Later item")
    rows = {name: row.split("</tr>")[0] for row in html.split("<tr") for name in names if name in row}
    assert ">Overdue<" in rows["Late item"]
    assert all(">Overdue<" not in rows[name] for name in names[1:])
    assert "<strong>1</strong> overdue" in html

    filtered = client.get(BASE + "?overdue=on").content.decode()
    assert "Late item" in filtered and "Done item" not in filtered and "Later item" not in filtered
    assert "1 action matching the filters" in filtered

    detail = client.get(url(late)).content.decode()
    assert ">Overdue<" in detail and "overdue, it was due by" in detail
    assert ">Overdue<" not in client.get(url(done)).content.decode()

    # Completing the late item is what stops it being overdue: nothing stored needs changing.
    ActionItem.objects.filter(pk=late.pk).update(status="complete")
    assert not partnership.actions.overdue().exists()


def test_list_filters_by_recommendation_owner_and_status(client, personas, world, health_agency):
    client.force_login(personas["scrutineer"])
    police = world["police"]
    html = client.get(BASE + f"?owner={police.pk}").content.decode()
    assert "Police single point of contact" in html and "Health rota" not in html
    html = client.get(BASE + "?status=complete").content.decode()
    assert "No actions match these filters." in html
    html = client.get(BASE + "?recommendation=R6&status=on_track").content.decode()
    assert "Police single point of contact" in html and "Health rota" in html
    assert "Castlebrook action" not in html
    html = client.get(BASE + "?recommendation=R1").content.decode()
    assert "No actions match these filters." in html


def test_list_rows_show_every_column_and_leads_get_the_button(client, personas, world):
    client.force_login(personas["lead"])
    html = client.get(BASE).content.decode()
    assert "Create an action" in html
    assert f'href="{BASE}{world["health_action"].pk}/"' in html
    due = world["health_action"].due_date
    for text in (
        "Health rota for strategy discussions",
        ">R6<",
        "Northmere Health",
        "A. Named Lead",
        f"{due:%-d %b %Y}",
    ):
        assert text in html
    assert ">On track<" in html
    assert "Import actions from a spreadsheet" in html and f'href="{BASE}export.xlsx"' in html
    for persona in ("scrutineer", "contributor", "viewer"):
        client.force_login(personas[persona])
        html = client.get(BASE).content.decode()
        assert "Create an action" not in html and "Import actions" not in html
        assert f'href="{BASE}export.xlsx"' in html  # everyone who reads the plan may download it


def test_list_is_paged_fifty_at_a_time(client, personas, partnership, health_agency):
    for n in range(51):
        make_item(partnership, health_agency, personas["lead"], description=f"Item number {n:02d}")
    client.force_login(personas["viewer"])
    first = client.get(BASE).content.decode()
    assert "Showing 1 to 50 of 51" in first and "Item number 49" in first and "Item number 50" not in first
    second = client.get(BASE + "?page=2").content.decode()
    assert "Item number 50" in second and "Showing 51 to 51 of 51" in second


# Progress updates and the timeline.


def test_contributor_updates_their_agencys_item_and_the_timeline_shows_it(client, personas, world):
    item = world["health_action"]
    client.force_login(personas["contributor"])
    response = client.post(url(item, "updates/"), {"status": "at_risk", "note": "Two rota gaps in May."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ActionItem.Status.AT_RISK
    update = item.updates.first()
    assert (update.author, update.note, update.status_from, update.status_to, update.date) == (
        personas["contributor"],
        "Two rota gaps in May.",
        "on_track",
        "at_risk",
        in_days(0),
    )
    record = item.history.first()
    assert record.history_user == personas["contributor"] and record.status == "at_risk"

    html = client.get(url(item)).content.decode()
    assert "Progress update added. The status is now at risk." in html
    timeline = html.split('id="timeline"')[1].split('id="progress"')[0]
    # Newest first: the update, then the world's "Started".
    assert timeline.index("Two rota gaps in May.") < timeline.index("Started")
    assert (
        'On track <span aria-hidden="true">→</span><span class="govuk-visually-hidden"> to</span> At risk' in timeline
    )
    assert "By contributor" in timeline


def test_a_note_without_a_status_change(client, personas, world):
    item = world["health_action"]
    client.force_login(personas["lead"])
    assert client.post(url(item, "updates/"), {"status": "", "note": "Rota agreed with the ICB."}).status_code == 302
    update = item.updates.first()
    assert (update.note, update.status_from, update.status_to) == ("Rota agreed with the ICB.", "", "")
    assert not update.changed_status
    item.refresh_from_db()
    assert item.status == "on_track"


def test_invalid_update_shows_the_item_again_with_errors_and_the_text_kept(client, personas, world):
    item = world["health_action"]
    client.force_login(personas["lead"])
    response = client.post(url(item, "updates/"), {"status": "at_risk", "note": "   "})
    assert response.status_code == 200
    assert errors_of(response, "error_form") == {"note": ["Enter a progress note"]}
    html = response.content.decode()
    assert "There is a problem" in html and html.startswith("<!DOCTYPE html>")
    assert summary_targets(html) == ["id_note"]
    assert "<title>Error: " in html
    assert re.search(r'<input[^>]*value="at_risk"[^>]*checked', html)  # the chosen status kept

    long_note = "Kept text. " + "x" * 5000
    response = client.post(url(item, "updates/"), {"status": "", "note": long_note})
    assert response.status_code == 200
    assert errors_of(response, "error_form") == {"note": ["Progress note must be 5,000 characters or fewer"]}
    assert long_note in response.content.decode()

    response = client.post(url(item, "updates/"), {"status": "abandoned", "note": "Kept text too"})
    assert response.status_code == 200
    assert "Kept text too" in response.content.decode()
    assert item.updates.count() == 1


def test_contributors_cannot_change_another_agencys_item(client, personas, world):
    item, contributor = world["police_action"], personas["contributor"]
    client.force_login(contributor)
    assert client.post(url(item, "updates/"), {"status": "complete", "note": "Done"}).status_code == 403
    assert client.post(url(item, "updates/"), {"note": "A comment"}).status_code == 403
    assert client.get(url(item, "edit/")).status_code == 403
    html = client.get(url(item)).content.decode()
    assert "Add a progress update" not in html
    assert "Partnership managers and contributors for Northmere Police add progress updates" in html
    with pytest.raises(PermissionDenied):
        service.add_progress_update(item=item, membership=as_member(contributor), note="Done", status="complete")
    with pytest.raises(PermissionDenied):
        service.add_progress_update(item=item, membership=as_member(contributor), note="A comment")
    with pytest.raises(PermissionDenied):
        service.update_action(
            item=world["health_action"],
            membership=as_member(contributor),
            seen_version=0,
            **_arguments(world["health_action"]),
        )
    item.refresh_from_db()
    assert item.status == "on_track" and item.updates.count() == 1


def test_scrutineer_comments_but_does_not_change_the_status(client, personas, world):
    item, scrutineer = world["police_action"], personas["scrutineer"]
    client.force_login(scrutineer)
    html = client.get(url(item)).content.decode()
    assert "Add a progress update" in html and 'name="status"' not in html
    assert client.post(url(item, "updates/"), {"note": "Seen the SPOC rota."}).status_code == 302
    assert client.post(url(item, "updates/"), {"status": "complete", "note": "Done"}).status_code == 403
    with pytest.raises(PermissionDenied):
        service.add_progress_update(item=item, membership=as_member(scrutineer), note="Done", status="complete")
    with pytest.raises(PermissionDenied):
        service.create_action(membership=as_member(scrutineer), **_arguments(item))
    item.refresh_from_db()
    assert item.status == "on_track"
    assert [u.note for u in item.updates.all()] == ["Seen the SPOC rota.", "Started"]


def test_viewer_reads_but_has_no_forms_and_no_evidence_links(client, personas, world):
    item = world["police_action"]
    item.completion_evidence.add(world["police_evidence"])
    client.force_login(personas["viewer"])
    html = client.get(url(item)).content.decode()
    assert "Police strategy discussion audit" in html
    assert "/evidence/" not in html  # viewers do not see the evidence register
    assert "Add a progress update" not in html and "Change<" not in html and "add progress updates" not in html
    assert client.post(url(item, "updates/"), {"note": "Hello"}).status_code == 403


# Verification.


@pytest.fixture
def complete(world, personas, partnership):
    item = world["health_action"]
    service.add_progress_update(
        item=item, membership=as_member(personas["lead"]), note="Rota in place", status="complete"
    )
    return item


NOTE = "Checked the rota against three months of strategy discussions."


def verify(item, by, note=NOTE):
    return service.verify_completion(item=item, membership=as_member(by), note=note, seen_version=item.version)


def test_scrutineer_verifies_a_complete_item(client, personas, complete):
    client.force_login(personas["scrutineer"])
    html = client.get(url(complete)).content.decode()
    assert "Verify completion" in html and "Not yet verified by a scrutineer" in html
    response = client.post(url(complete, "verify/"), {"note": NOTE, "version": complete.version}, follow=True)
    complete.refresh_from_db()
    assert complete.verified_by == personas["scrutineer"] and complete.verification_note == NOTE
    assert complete.verified_at is not None
    html = response.content.decode()
    assert "Completion verified." in html
    on = f"{timezone.localtime(complete.verified_at):%-d %B %Y}"
    assert re.search(rf"Verified by scrutineer on <time[^>]*>{on}</time>", html)
    assert "Verify completion</a>" not in html and NOTE in html
    assert complete.history.first().history_change_reason == "Completion verified"
    # Once verified, not again; the list shows it in words.
    with pytest.raises(ValidationError, match="already been verified"):
        verify(complete, personas["scrutineer"])
    assert ">Verified<" in client.get(BASE).content.decode()


def test_only_a_complete_item_can_be_verified(client, personas, world):
    item = world["police_action"]
    client.force_login(personas["scrutineer"])
    assert "Verify completion" not in client.get(url(item)).content.decode()
    response = client.post(url(item, "verify/"), follow=True)
    assert "Only a complete item can be verified: its status is now “On track”" in response.content.decode()
    item.refresh_from_db()
    assert not item.is_verified
    with pytest.raises(ValidationError):
        verify(item, personas["scrutineer"])


def test_only_scrutineers_verify(client, personas, complete):
    for persona in ("lead", "contributor", "viewer"):
        client.force_login(personas[persona])
        assert "Verify completion" not in client.get(url(complete)).content.decode()
        assert client.get(url(complete, "verify/")).status_code == 403
        assert client.post(url(complete, "verify/"), {"note": NOTE, "version": complete.version}).status_code == 403
        with pytest.raises(PermissionDenied):
            verify(complete, personas[persona])
    complete.refresh_from_db()
    assert not complete.is_verified


def test_changing_a_verified_item_clears_the_verification(client, personas, complete):
    verify(complete, personas["scrutineer"])
    client.force_login(personas["lead"])
    edit = client.get(url(complete, "edit/")).content.decode()
    assert "Saving any change clears the verification" in edit
    data = action_form_data(
        description=complete.description,
        recommendations=["R6"],
        owner_agency=str(complete.owner_agency_id),
        lead_name="A. Named Lead",
        status="complete",
        **{f"due_date_{i}": str(part) for i, part in enumerate(complete.due_date.timetuple()[2::-1])},
        version=str(complete.version),  # as verified, when the lead opened the form
    )
    response = client.post(url(complete, "edit/"), data, follow=True)
    complete.refresh_from_db()
    assert complete.is_verified, "saving the same values is no change"
    response = client.post(url(complete, "edit/"), {**data, "lead_name": "Dr R. Khan"}, follow=True)
    assert "Its verification was cleared" in response.content.decode()
    complete.refresh_from_db()
    assert complete.verified_by is None and complete.verified_at is None and complete.verification_note == ""
    assert complete.status == "complete"
    record = complete.history.first()
    assert record.history_change_reason == "Changed: verification cleared" and record.history_user == personas["lead"]
    html = response.content.decode()
    history = html.split('id="history"')[1]
    assert "Changed: verification cleared" in history and "Dr R. Khan" in history
    assert "Not yet verified by a scrutineer" in html


def test_a_status_leaving_complete_clears_the_verification(client, personas, complete):
    verify(complete, personas["scrutineer"])
    client.force_login(personas["lead"])
    html = client.get(url(complete)).content.decode()
    assert "a new status clears the verification" in html
    # A note alone, by anyone who may comment, leaves it verified.
    client.force_login(personas["scrutineer"])
    client.post(url(complete, "updates/"), {"note": "Checked the rota myself."})
    complete.refresh_from_db()
    assert complete.is_verified
    client.force_login(personas["contributor"])
    response = client.post(url(complete, "updates/"), {"status": "off_track", "note": "Rota collapsed."}, follow=True)
    complete.refresh_from_db()
    assert complete.status == "off_track" and not complete.is_verified
    assert "Its verification was cleared" in response.content.decode()
    update = complete.updates.first()
    assert (update.status_from, update.status_to) == ("complete", "off_track")
    assert complete.history.first().history_change_reason == "Changed: verification cleared"


def test_marked_complete_by_the_owner_agency_invites_verification(client, personas, world):
    client.force_login(personas["contributor"])
    response = client.post(url(world["health_action"], "updates/"), {"status": "complete", "note": "Done"}, follow=True)
    assert "A scrutineer can now verify its completion." in response.content.decode()
    assert ProgressUpdate.objects.filter(item=world["health_action"], status_to="complete").exists()


# Markup typed anywhere is text.


def test_markup_is_shown_as_text(client, personas, world):
    item = world["police_action"]
    ActionItem.objects.filter(pk=item.pk).update(description=f"Action {PAYLOAD}", lead_name=f"Lead {PAYLOAD}")
    Agency.objects.filter(pk=world["police"].pk).update(name=f"Police {PAYLOAD}")
    Evidence.objects.filter(pk=world["police_evidence"].pk).update(title=f"Evidence {PAYLOAD}")
    item.completion_evidence.add(world["police_evidence"])
    service.add_progress_update(item=item, membership=as_member(personas["lead"]), note=f"Note {PAYLOAD}")
    client.force_login(personas["lead"])
    for page in (BASE, NEW, url(item), url(item, "edit/")):
        html = client.get(page).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert f"Police {ESCAPED}" in html, page
    for page in (NEW, url(item), url(item, "edit/")):
        assert f"Evidence {ESCAPED}" in client.get(page).content.decode(), page
    detail = client.get(url(item)).content.decode()
    assert f"Note {ESCAPED}" in detail and f"Lead {ESCAPED}" in detail and f"Action {ESCAPED}" in detail
    response = client.post(url(item, "updates/"), {"status": "bogus", "note": PAYLOAD})
    html = response.content.decode()
    assert response.status_code == 200 and "<script>alert" not in html and ESCAPED in html


def test_language_guidance_reads_the_notes(client, personas, world):
    item = world["health_action"]
    service.add_progress_update(
        item=item, membership=as_member(personas["lead"]), note="Most referrals ended in no further action."
    )
    client.force_login(personas["scrutineer"])
    assert "no further police action at this time" in client.get(url(item)).content.decode()
