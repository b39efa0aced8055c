"""The framework file's audit tools (this service's suggestions, not the Panel's) load with the framework, in its
transaction, by code: each tool's grade scale, best first, and its domains with their recommendations. A second
tool needs no code; a malformed tool is refused with the entry and field named; a file that drops a tool a round
uses, or a domain or grade an audit has used, is refused whole."""

import pytest

from case_audits.models import AuditTool, Domain
from recommendations.loader import FrameworkFileError, load_framework
from tests.support import audit_world
from tests.support.builders import BUNDLED_FRAMEWORK_FILE as BUNDLED
from tests.support.builders import framework_snapshot as snapshot
from tests.support.builders import framework_variant as variant

pytestmark = pytest.mark.django_db

ISSUE_DOMAINS = [
    "recognition",
    "strategy_discussion",
    "enquiry_investigation",
    "childs_voice",
    "plans_for_every_child",
    "risk_management",
    "health_assessment",
    "support",
    "overall",
]


def test_the_bundled_tool_has_the_reviews_domains_and_the_four_grades(framework):
    tool = AuditTool.objects.get(framework=framework, code=audit_world.TOOL)
    assert [d.code for d in tool.domains.all()] == ISSUE_DOMAINS
    assert [(g.label, g.meets_standard) for g in tool.grades.all()] == [
        ("Outstanding", True),
        ("Good", True),
        ("Requires improvement", False),
        ("Inadequate", False),
    ]
    strategy = tool.domains.get(code="strategy_discussion")
    assert {r.code for r in strategy.recommendations.all()} == {"R3", "R6"}
    assert "health representative" in strategy.guidance
    assert "no further police action at this time" in tool.domains.get(code="enquiry_investigation").guidance
    assert all(d.guidance for d in tool.domains.all())


def test_a_second_tool_loads_from_the_file_alone(framework, tmp_path):
    def change(data):
        data["audit_tools"].append(
            {
                "code": "THIRD",
                "name": "A third tool",
                "grades": [
                    {"code": "met", "label": "Met", "meets_standard": True},
                    {"code": "not_met", "label": "Not met", "meets_standard": False},
                ],
                "domains": [{"code": "voice", "name": "Voice", "guidance": "Heard?", "recommendations": ["R5"]}],
            }
        )

    load_framework(variant(tmp_path, change))
    third = AuditTool.objects.get(framework=framework, code="THIRD")
    assert [g.code for g in third.grades.all()] == ["met", "not_met"]
    assert AuditTool.objects.filter(framework=framework).count() == 3


def test_loading_again_changes_nothing(framework):
    before = snapshot()
    assert not load_framework(BUNDLED).changed
    assert snapshot() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t["grades"][0].pop("meets_standard"),
            "grades entry 1 (outstanding): field 'meets_standard' is missing",
        ),
        (lambda t: t["domains"][1].update(recommendations=["R9"]), "names unknown recommendation 'R9'"),
        (lambda t: t.update(grades=t["grades"][:1]), "needs at least two grades"),
        (lambda t: t["domains"][0].update(code="overall"), "field 'code' repeats 'overall'"),
        (lambda t: [g.update(meets_standard=False) for g in t["grades"]], "at least one grade with meets_standard"),
    ],
)
def test_a_malformed_tool_is_refused_naming_the_entry_and_field(framework, tmp_path, change, message):
    before = snapshot()
    with pytest.raises(FrameworkFileError) as refused:
        load_framework(variant(tmp_path, lambda data: change(data["audit_tools"][0])))
    assert "audit_tools entry 1 (CSA-FAMILY-MACA)" in str(refused.value)
    assert message in str(refused.value)
    assert snapshot() == before


def test_dropping_a_tool_a_round_uses_refuses_the_whole_file(framework, partnership, personas, health_agency, tmp_path):
    audit_world.audit_round(partnership, personas["lead"], [health_agency], tool_code=audit_world.SHORT_TOOL)
    before = snapshot()
    with pytest.raises(FrameworkFileError) as refused:
        load_framework(variant(tmp_path, lambda data: data["audit_tools"].pop()))
    assert "SIBLING-HARM-FOCUS is used by an audit round" in str(refused.value)
    assert snapshot() == before


def test_dropping_a_domain_an_audit_graded_refuses_the_whole_file(
    framework, partnership, personas, health_agency, tmp_path
):
    lead = personas["lead"]
    audit_case = audit_world.case(audit_world.audit_round(partnership, lead, [health_agency]), lead)
    audit_world.agency_return(audit_case, health_agency, personas["contributor"])
    before = snapshot()
    with pytest.raises(FrameworkFileError) as refused:
        load_framework(variant(tmp_path, lambda data: data["audit_tools"][0]["domains"].pop()))
    assert "domain overall has been used in an audit" in str(refused.value)
    assert snapshot() == before


def test_an_unused_domain_dropped_from_the_file_is_removed(framework, tmp_path):
    load_framework(variant(tmp_path, lambda data: data["audit_tools"][1]["domains"].pop()))
    assert not Domain.objects.filter(tool__code=audit_world.SHORT_TOOL, code="overall").exists()
