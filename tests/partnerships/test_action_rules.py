"""The rules of an action item, held once in partnerships/action_rules.py: each rule alone, and the form,
the service and the import all refusing by them, each in its own place (a field, a list, a column)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships import action_import, action_rules
from partnerships import actions as service
from partnerships.action_forms import ActionItemForm
from partnerships.models import Evidence
from tests.support.builders import as_member

START = datetime.date(2026, 4, 1)


@pytest.fixture
def values(world, partnership):
    """Good values for an item of Northmere, as `cleaned` gives them."""
    return action_rules.cleaned(
        {
            "description": "  Audit strategy discussions  ",
            "recommendations": [partnership.framework.recommendations.get(code="R1")],
            "owner_agency": world["police"],
            "contributing_agencies": [world["police"]],
            "lead_name": "Jo Smith",
            "start_date": START,
            "due_date": START,
            "status": action_rules.Status.ON_TRACK,
        }
    )


def codes(breaches):
    return [(b.field, b.code) for b in breaches]


def test_cleaned_strips_text_and_drops_the_owner_from_the_contributors(values):
    assert values["description"] == "Audit strategy discussions"
    assert values["contributing_agencies"] == []
    assert values["impact_evidenced"] is False
    assert values["completion_evidence"] == values["impact_evidence"] == []


def test_good_values_break_no_rule(values, partnership):
    assert action_rules.check(values, partnership=partnership) == []


def test_every_rule_broken_at_once_is_listed_in_the_order_of_the_form(world, partnership):
    other = world["other_evidence"]
    breaches = action_rules.check(
        action_rules.cleaned(
            {
                "contributing_agencies": [world["other_action"].owner_agency],
                "impact_evidence": [other],
                "impact_evidenced": True,
                "status": "finished",
            }
        ),
        partnership=partnership,
    )
    assert [b.field for b in breaches][:5] == [
        "description",
        "lead_name",
        "recommendations",
        "owner_agency",
        "contributing_agencies",
    ]
    assert ("impact_evidence", "invalid_choice") in codes(breaches)
    assert codes(breaches)[-3:] == [("status", "invalid_choice"), ("start_date", "required"), ("due_date", "required")]
    assert action_rules.IMPACT_NOT_SHOWN in [b.message for b in breaches]


def test_the_due_date_rule(values, partnership):
    assert action_rules.dates(START, START) == []
    (breach,) = action_rules.dates(START, START - datetime.timedelta(days=1))
    assert (breach.field, breach.message) == ("due_date", action_rules.DUE_BEFORE_START)


def test_impact_needs_current_evidence_graded_as_showing_it(world):
    evidence = world["health_evidence"]
    assert codes(action_rules.impact(True, [])) == [("impact_evidence", "impact_not_selected")]
    evidence.strength = Evidence.Strength.DOCUMENTED
    assert codes(action_rules.impact(True, [evidence])) == [("impact_evidence", "impact_not_shown")]
    evidence.strength = Evidence.Strength.IMPACT
    assert action_rules.impact(True, [evidence]) == []
    assert action_rules.impact(False, []) == []


def test_withdrawn_evidence_may_stay_cited_but_not_be_newly_cited(values, world, partnership):
    evidence = world["police_evidence"]
    evidence.withdrawn_at = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    values["completion_evidence"] = [evidence]
    (breach,) = action_rules.check(values, partnership=partnership)
    assert breach.message == f"“{evidence.title}” has been withdrawn: select current evidence of completion"
    assert action_rules.check(values, partnership=partnership, already_cited={evidence.pk}) == []


def test_the_service_the_form_and_the_import_refuse_a_due_date_before_the_start_by_the_same_rule(
    world, personas, partnership
):
    lead = personas["lead"]
    before = START - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        service.create_action(
            membership=as_member(lead),
            recommendations=[partnership.framework.recommendations.get(code="R1")],
            description="Audit",
            owner_agency=world["police"],
            lead_name="Jo Smith",
            start_date=START,
            due_date=before,
        )
    assert refused.value.messages == [action_rules.DUE_BEFORE_START]

    form = ActionItemForm(
        {
            "description": "Audit",
            "recommendations": ["R1"],
            "owner_agency": str(world["police"].pk),
            "lead_name": "Jo Smith",
            "start_date_0": "1",
            "start_date_1": "4",
            "start_date_2": "2026",
            "due_date_0": "31",
            "due_date_1": "3",
            "due_date_2": "2026",
            "status": "on_track",
        },
        partnership=partnership,
    )
    assert not form.is_valid()
    assert form.errors["due_date"] == [action_rules.DUE_BEFORE_START]

    positions = {name: index for index, name in enumerate(action_import.COLUMNS)}
    cells = ["Audit", "R1", world["police"].name, "", "Jo Smith", "2026-04-01", "2026-03-31", "On track", ""]
    row, problems = action_import.check_row(2, cells, positions, action_import.Lookups(partnership), {})
    assert row is None
    assert [str(p) for p in problems] == [
        "Row 2, column “Due date”: is before the start date (2026-04-01): it must be the same or later"
    ]
