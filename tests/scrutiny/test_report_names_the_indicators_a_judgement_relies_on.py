"""The report's "Evidence relied on" for a recommendation names the indicators its judgement cites, and a
judgement resting on indicators alone is not said to rely on nothing."""

import pytest

from scrutiny.models import Judgement, Report
from scrutiny.report_build import render_html
from tests.support.indicator_values import record, suggested

pytestmark = pytest.mark.django_db


def section_of(html: str, code: str) -> str:
    return html.split(f'id="rec-{code.lower()}"')[1].split("<h3>Action items</h3>")[0]


def test_cited_indicators_are_named_under_evidence_relied_on(world, personas, partnership, framework):
    wait = suggested(framework, "I-R6-THERAPY-WAIT")
    record(partnership, wait, personas["lead"], {"2023-24": 40, "2024-25": 35})
    judgement, _ = Judgement.objects.update_or_create(
        review=world["review"],
        recommendation=wait.recommendations.get(),
        defaults={"level": "limited", "rationale": "Waits fell."},
    )
    judgement.evidence.clear()
    judgement.indicators.set([wait])
    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["scrutineer"])

    section = section_of(render_html(report), "R6")

    assert "Indicators relied on (their figures follow): I-R6-THERAPY-WAIT: Days waited for therapeutic support." in (
        section
    )
    assert "The judgement relies on no evidence yet" not in section
