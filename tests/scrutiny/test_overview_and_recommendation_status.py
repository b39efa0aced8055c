"""The overview and recommendation page: judgement, evidence count, open challenges, unevidenced questions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.models import Evidence
from recommendations.models import Recommendation, ReflectiveQuestion
from scrutiny.models import Challenge, ChallengeStep, Judgement


def add_evidence(world, personas, n, *, code="R6", date=datetime.date(2026, 5, 1), question=None):
    recommendation = Recommendation.objects.get(code=code)
    items = Evidence.objects.bulk_create(
        Evidence(
            partnership=world["review"].partnership,
            title=f"Item {i}",
            summary="s",
            type="audit",
            source="data",
            date=date,
            confirmed_no_identifying_details=True,
            created_by=personas["lead"],
        )
        for i in range(n)
    )
    Evidence.recommendations.through.objects.bulk_create(
        Evidence.recommendations.through(evidence=item, recommendation=recommendation) for item in items
    )
    if question:
        Evidence.questions.through.objects.bulk_create(
            Evidence.questions.through(evidence=item, reflectivequestion=question) for item in items
        )
    return items


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/partnerships/northmere/", "/partnerships/northmere/recommendations/R6/"])
def test_query_count_same_with_10_and_500_evidence_items(client, personas, world, url):
    client.force_login(personas["scrutineer"])
    add_evidence(world, personas, 10)
    with_10 = queries(client, url)
    add_evidence(world, personas, 490, question=ReflectiveQuestion.objects.get(code="SQ9"))
    assert queries(client, url) == with_10


def test_overview_counts_evidence_in_the_review_period_only(client, personas, world):
    add_evidence(world, personas, 3)  # in period
    add_evidence(world, personas, 2, date=datetime.date(2025, 5, 1))  # before the review
    withdrawn = add_evidence(world, personas, 1)[0]
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    client.force_login(personas["lead"])
    page = client.get("/partnerships/northmere/").content.decode()
    r6_hint = page.split('id="R6-hint"')[1].split("</div>")[0]
    # world has two R6 items dated 1 March 2026, plus the three added in the period
    assert "5 evidence items this review" in r6_hint


def test_overview_shows_levels_in_words_to_those_who_may_see_them(client, personas, world):
    judgement = world["judgement"]
    judgement.level, judgement.rationale = "limited", "Pathway unused"
    judgement.save()
    client.force_login(personas["lead"])
    page = client.get("/partnerships/northmere/").content.decode()
    assert "Limited assurance" in page.split('id="R6-status"')[1].split("</div>")[0]
    assert "Not yet assessed" in page.split('id="R1-status"')[1].split("</div>")[0]
    client.force_login(personas["viewer"])
    page = client.get("/partnerships/northmere/").content.decode()
    assert "Limited assurance" not in page
    assert "Assurance levels are shown once the scrutineers publish the review" in page


def test_open_and_overdue_challenges_are_counted(client, personas, world):
    overdue = world["police_challenge"]
    overdue.response_due = timezone.localdate() - datetime.timedelta(days=1)
    overdue.save()
    accepted = world["health_challenge"]
    accepted.status = Challenge.Status.ACCEPTED
    accepted.save()
    client.force_login(personas["contributor"])
    page = client.get("/partnerships/northmere/").content.decode()
    assert "1 open challenge (1 overdue)" in " ".join(page.split('id="R6-hint"')[1].split("</div>")[0].split())
    page = client.get("/partnerships/northmere/recommendations/R6/").content.decode()
    assert "Where is police?" in page and "Overdue" in page
    assert "Where is health?" not in page
    assert ChallengeStep.objects.count() == 3


def test_questions_without_evidence_are_named(client, personas, world):
    client.force_login(personas["scrutineer"])
    page = client.get("/partnerships/northmere/").content.decode()
    hint = page.split('id="R6-hint"')[1].split("</div>")[0]
    assert "no evidence yet for SQ9, SQ10" in " ".join(hint.split())
    add_evidence(world, personas, 1, question=ReflectiveQuestion.objects.get(code="SQ9"))
    page = client.get("/partnerships/northmere/").content.decode()
    hint = page.split('id="R6-hint"')[1].split("</div>")[0]
    assert "no evidence yet for SQ10" in " ".join(hint.split())
    page = client.get("/partnerships/northmere/recommendations/R6/").content.decode()
    assert page.count("No evidence yet") == 1


def test_recommendation_page_links_to_act(client, personas, world):
    client.force_login(personas["scrutineer"])
    page = client.get("/partnerships/northmere/recommendations/R6/").content.decode()
    assert f"/reviews/{world['review'].pk}/judgements/R6/" in page and "Record judgement" in page
    assert "/evidence/new/?recommendation=R6" in page
    assert "/challenges/new/?recommendation=R6" in page
    client.force_login(personas["viewer"])
    page = client.get("/partnerships/northmere/recommendations/R6/").content.decode()
    assert "Record judgement" not in page and "Log evidence" not in page and "Raise a challenge" not in page
    assert Judgement.objects.count() == 1
