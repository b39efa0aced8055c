"""The inspection found health left out and probation not invited: flag each agency type a recommendation
needs that has given no evidence and owns no action for it this review."""

import datetime

from partnerships.models import ActionItem, Agency, Evidence
from recommendations.models import AgencyType, Recommendation


def hint(client, code):
    page = client.get("/partnerships/northmere/").content.decode()
    return " ".join(page.split(f'id="{code}-hint"')[1].split("</div>")[0].split())


def test_needed_types_without_evidence_or_action_are_named(client, personas, world):
    client.force_login(personas["lead"])
    # R6 needs health: the health agency gave R6 evidence in the period.
    assert "Who is missing" not in hint(client, "R6")
    # R4 needs probation and police: police owns no R4 action and gave no R4 evidence; probation has no agency.
    assert "no evidence or action yet from Probation, Police" in hint(client, "R4")


def test_an_owned_action_counts_as_taking_part(client, personas, world, partnership):
    r4 = Recommendation.objects.get(code="R4")
    world["police_action"].recommendations.add(r4)
    client.force_login(personas["lead"])
    missing = hint(client, "R4").split("Who is missing:</strong>")[1]
    assert missing.strip() == "no evidence or action yet from Probation"


def test_evidence_outside_the_review_period_does_not_count(client, personas, world, partnership):
    probation = Agency.objects.create(partnership=partnership, name="Probation", type=AgencyType.PROBATION)
    item = Evidence.objects.create(
        partnership=partnership,
        title="Old protocol",
        summary="s",
        type="strategy",
        source="policy",
        agency=probation,
        date=datetime.date(2025, 1, 1),
        confirmed_no_identifying_details=True,
        created_by=personas["lead"],
    )
    item.recommendations.add(Recommendation.objects.get(code="R4"))
    client.force_login(personas["lead"])
    assert "Probation" in hint(client, "R4")
    item.date = datetime.date(2026, 6, 1)
    item.save()
    assert "Probation" not in hint(client, "R4")


def test_recommendation_page_says_plainly_when_there_is_no_action(client, personas, world):
    client.force_login(personas["viewer"])
    page = client.get("/partnerships/northmere/recommendations/R1/").content.decode()
    assert "No action in the plan for this recommendation." in page
    assert "Recommendation 1 expects a local action plan." in page
    assert "no action in the plan" in hint(client, "R1")
    page = client.get("/partnerships/northmere/recommendations/R6/").content.decode()
    assert "2 actions</a> during the review period" in page
    assert ActionItem.objects.filter(partnership__slug="northmere").count() == 2
