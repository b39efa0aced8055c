"""The demo holds a first multi-agency case audit and its re-audit on the same tool, both moderated and published,
with agencies' own grades that differ from the agreed ones in places (each difference with its reason), and a
focused audit still open with the health returns outstanding, so every audit page has something true to show; a
grade the tool does not have is refused on loading, naming the entry."""

import datetime

import pytest

from case_audits.models import AgencyReturn, AgreedGrade, AuditRound, ReturnGrade
from operations.demo import DEMO_FILE, DemoDataError, seed_demo
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db

PASSWORD = "demo-pass-for-tests"
TODAY = datetime.date(2026, 12, 3)


def test_the_demo_partnership_has_an_audit_its_reaudit_and_an_open_round(framework):
    seed_demo(password=PASSWORD, today=TODAY)
    rounds = AuditRound.objects.filter(partnership__slug="northmere").order_by("period_end")
    first, again, focused = rounds
    assert first.tool == again.tool != focused.tool
    assert first.is_published and again.is_published and not focused.is_published
    assert [c.is_moderated for c in again.cases.all()] == [True] * 5
    assert not focused.cases.filter(moderated_at__isnull=False).exists()
    assert AgencyReturn.objects.filter(case__round=focused, status="draft", agency__type="health").count() == 3

    agreed = AgreedGrade.objects.get(case__round=first, case__reference="NM1-01", domain__code="childs_voice")
    own = ReturnGrade.objects.get(
        agency_return__case=agreed.case, agency_return__agency__type="police", domain=agreed.domain
    )
    assert (agreed.grade.code, own.grade.code) == ("inadequate", "good")
    assert agreed.reason
    assert first.findings.count() == 3 and again.findings.count() == 2
    for audit_round in rounds:
        assert audit_round.created_by.memberships.get().role == "lead"
        assert audit_round.period_end < TODAY


def test_seeding_again_duplicates_no_round(framework):
    seed_demo(password=PASSWORD, today=TODAY)
    seed_demo(password=PASSWORD, today=TODAY + datetime.timedelta(days=30))
    assert AuditRound.objects.filter(partnership__slug="northmere").count() == 3


def test_a_grade_the_tool_does_not_have_is_refused_naming_the_entry(framework, tmp_path):
    text = DEMO_FILE.read_text(encoding="utf-8")
    old = 'agreed = ["support: requires_improvement"]'
    assert text.count(old) == 1
    path = tmp_path / "demo.toml"
    path.write_text(text.replace(old, 'agreed = ["support: adequate"]'), encoding="utf-8")
    with pytest.raises(DemoDataError) as refused:
        seed_demo(password=PASSWORD, path=path)
    assert 'audit_rounds[1] "Re-audit: sexual abuse within the family"' in str(refused.value)
    assert "'support: adequate'" in str(refused.value)
    assert not Partnership.objects.exists()
