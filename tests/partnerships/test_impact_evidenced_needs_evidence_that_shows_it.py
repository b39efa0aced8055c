"""Marking an action's impact on children as evidenced needs at least one item of its evidence of impact
that shows it: current, and graded "Impact on children shown" by a scrutineer. Any evidence at all is not
enough, and an item marked before the rule (or whose evidence has been regraded) says so."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships import actions as service
from partnerships import evidence as evidence_service
from partnerships.models import ActionItem, Evidence
from tests.support.builders import action_form_data, as_member, errors_of

NEW = "/partnerships/northmere/actions/new/"
SHOWN = Evidence.Strength.IMPACT


def arguments(world, partnership, lead, **overrides):
    return {
        "membership": as_member(lead),
        "recommendations": [partnership.framework.recommendations.get(code="R6")],
        "description": "Children's feedback on the sexual assault referral centre pathway",
        "owner_agency": world["police"],
        "lead_name": "Named lead",
        "start_date": datetime.date(2026, 4, 1),
        "due_date": datetime.date(2026, 9, 30),
        "impact_evidenced": True,
        **overrides,
    }


def grade(evidence, strength):
    Evidence.objects.filter(pk=evidence.pk).update(strength=strength)
    evidence.refresh_from_db()


def test_evidence_not_graded_as_showing_impact_is_refused_by_the_form(client, personas, world):
    grade(world["health_evidence"], Evidence.Strength.DOCUMENTED)
    client.force_login(personas["lead"])
    data = action_form_data(
        owner_agency=str(world["police"].pk),
        impact_evidenced="on",
        impact_evidence=[str(world["health_evidence"].pk)],
    )
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert any("graded “Impact on children shown”" in e for e in errors_of(response)["impact_evidence"])
    assert not ActionItem.objects.filter(description=data["description"]).exists()

    grade(world["health_evidence"], SHOWN)
    form = client.get(NEW).content.decode()
    assert ">Health pathway audit</label>" in form and "; graded “Impact on children shown”</div>" in form
    assert client.post(NEW, data).status_code == 302
    assert ActionItem.objects.get(description=data["description"]).impact_evidenced


def test_the_service_refuses_impact_without_evidence_graded_as_showing_it(personas, world, partnership):
    lead = personas["lead"]
    with pytest.raises(ValidationError, match="Select the evidence that shows the impact on children"):
        service.create_action(**arguments(world, partnership, lead))
    with pytest.raises(ValidationError, match="none of the evidence of impact selected is graded so"):
        service.create_action(**arguments(world, partnership, lead, impact_evidence=[world["health_evidence"]]))
    # The grade as the database holds it now, not as the caller's copy says.
    stale_copy = Evidence.objects.get(pk=world["health_evidence"].pk)
    stale_copy.strength = SHOWN
    with pytest.raises(ValidationError, match="graded so"):
        service.create_action(**arguments(world, partnership, lead, impact_evidence=[stale_copy]))
    grade(world["health_evidence"], SHOWN)
    item = service.create_action(**arguments(world, partnership, lead, impact_evidence=[world["health_evidence"]]))
    assert item.impact_evidenced
    # Not marked evidenced, any evidence may be cited as evidence of impact.
    service.create_action(
        **arguments(world, partnership, lead, impact_evidenced=False, impact_evidence=[world["police_evidence"]])
    )


def test_withdrawn_evidence_shows_no_impact(personas, world, partnership):
    grade(world["health_evidence"], SHOWN)
    item = service.create_action(
        **arguments(world, partnership, personas["lead"], impact_evidence=[world["health_evidence"]])
    )
    evidence_service.withdraw_evidence(
        membership=personas["lead"].memberships.get(partnership=partnership),
        evidence=world["health_evidence"],
        reason="Superseded by the 2026 audit",
    )
    with pytest.raises(ValidationError, match="graded so"):
        service.update_action(
            item=item,
            membership=as_member(personas["lead"]),
            seen_version=item.version,
            recommendations=list(item.recommendations.all()),
            description=item.description,
            owner_agency=item.owner_agency,
            lead_name="Another lead",
            start_date=item.start_date,
            due_date=item.due_date,
            status=item.status,
            impact_evidenced=True,
            impact_evidence=[world["health_evidence"]],
        )


def test_an_item_marked_evidenced_without_such_evidence_says_so(client, personas, world):
    item = world["police_action"]
    ActionItem.objects.filter(pk=item.pk).update(impact_evidenced=True)
    item.impact_evidence.add(world["police_evidence"])
    client.force_login(personas["viewer"])
    html = client.get(f"/partnerships/northmere/actions/{item.pk}/").content.decode()
    assert "Marked as evidenced, but none of its evidence of impact is graded “Impact on children shown”" in html
    grade(world["police_evidence"], SHOWN)
    html = client.get(f"/partnerships/northmere/actions/{item.pk}/").content.decode()
    assert "Marked as evidenced, but" not in html and ">Evidenced<" in html
