"""The report's content is read in a fixed number of queries, whatever the amount of data, and its Word
edition adds none of its own."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.models import ActionItem, Evidence, ProgressUpdate
from recommendations.models import Recommendation
from scrutiny.models import Challenge, ChallengeStep, Report
from scrutiny.report_build import pdf_metadata, report_context
from scrutiny.report_docx import render_docx
from tests.support import audit_world

pytestmark = pytest.mark.django_db


def add_data(world, personas, partnership, n):
    recs = list(Recommendation.objects.filter(framework=partnership.framework))
    lead, scrutineer = personas["lead"], personas["scrutineer"]
    for i in range(n):
        evidence = Evidence.objects.create(
            partnership=partnership,
            title=f"Evidence {i}",
            summary="s",
            type=Evidence.Type.DATA,
            source=Evidence.Source.DATA,
            agency=world["police"] if i % 2 else None,
            date=datetime.date(2026, 2, 1),
            confirmed_no_identifying_details=True,
            created_by=lead,
        )
        evidence.recommendations.add(recs[i % len(recs)])
        world["judgement"].evidence.add(evidence)
        item = ActionItem.objects.create(
            partnership=partnership,
            description=f"Action {i}",
            owner_agency=world["police"],
            lead_name="Lead",
            start_date=datetime.date(2026, 1, 1),
            due_date=datetime.date(2026, 6, 1),
            created_by=lead,
        )
        item.recommendations.add(recs[i % len(recs)])
        for k in range(2):
            ProgressUpdate.objects.create(item=item, author=lead, note=f"Update {k}")
        challenge = Challenge.objects.create(
            partnership=partnership,
            review=world["review"],
            text=f"Challenge {i}",
            response_due=datetime.date(2026, 9, 1),
            raised_by=scrutineer,
        )
        challenge.recommendations.add(recs[i % len(recs)])
        ChallengeStep.objects.create(challenge=challenge, kind=ChallengeStep.Kind.RAISED, by=scrutineer)
    # A published case audit round on each tool, with a case moderated for every five other records.
    agencies = [world["police"]]
    cases = [{"childs_voice": "inadequate"}] * (n // 5)
    audit_world.moderated_round(partnership, lead, agencies, cases, published=True)
    audit_world.moderated_round(partnership, lead, agencies, cases, published=True, tool_code=audit_world.SHORT_TOOL)


def count_queries(report):
    with CaptureQueriesContext(connection) as captured:
        context = report_context(report, timezone.now())
        # Touch what the template reads, so lazy relations would show up here.
        for section in context["sections"]:
            for item in section.actions:
                item.recommendations.all()[:1]
                item.owner_agency.name  # noqa: B018
            for challenge in section.challenges:
                [step.by.username for step in challenge.steps.all()]
        for item in context["evidence"]:
            list(item.recommendations.all())
        # The Word edition renders the same template from the same context: it reads nothing more.
        render_docx(context, **pdf_metadata(context))
    return len(captured)


def test_query_count_does_not_grow(world, personas, partnership):
    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["lead"])
    add_data(world, personas, partnership, 10)
    small = count_queries(report)
    add_data(world, personas, partnership, 90)
    large = count_queries(report)
    assert small == large
    # 22 for the review's own records (with the indicators its judgements cite); 4 for the indicators' trends
    # of every recommendation and their links (scrutiny.indicator_sections.by_recommendation), which the board
    # summary's indicators that moved most reuse; 6 for the published case audit rounds, each recommendation's
    # latest and their domains' links, and their results (scrutiny.audit_sections.for_report); 1 for the published
    # survey rounds, none here (6 with some: tests/scrutiny/test_report_survey_section_query_count.py).
    assert small <= 33
