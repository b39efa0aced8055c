"""Multi-agency case audits for the tests: a round on the bundled framework's tool, its cases, agencies'
returns and agreed grades, written straight to the database (the services' own tests go through them).

Grades are named by their codes (outstanding, good, requires_improvement, inadequate) and domains by theirs
(recognition, strategy_discussion, ..., overall)."""

from django.utils import timezone

from case_audits.models import (
    AgeBand,
    AgencyReturn,
    AgreedGrade,
    AuditCase,
    AuditRound,
    AuditTool,
    Finding,
    ReturnGrade,
)
from partnerships.models import Agency
from recommendations.models import AgencyType
from tests.support.builders import in_days

TOOL = "CSA-FAMILY-MACA"
SHORT_TOOL = "SIBLING-HARM-FOCUS"


def tool(partnership, code=TOOL) -> AuditTool:
    return AuditTool.objects.get(framework=partnership.framework, code=code)


def police_agency(partnership) -> Agency:
    agency, _ = Agency.objects.get_or_create(
        partnership=partnership, name="Northmere Police", defaults={"type": AgencyType.POLICE}
    )
    return agency


def audit_round(
    partnership,
    by,
    agencies,
    *,
    title="Intrafamilial sexual abuse: multi-agency audit",
    tool_code=TOOL,
    period_start=None,
    period_end=None,
    due_in_days=14,
    published=False,
) -> AuditRound:
    """A round of `partnership` on the tool `tool_code`, with `agencies` taking part; the sample's period is
    the half-year before today unless given."""
    made = AuditRound.objects.create(
        partnership=partnership,
        tool=tool(partnership, tool_code),
        title=title,
        theme="How agencies recognise and respond to sexual abuse within the family.",
        period_start=period_start or in_days(-365),
        period_end=period_end or in_days(-180),
        due_date=in_days(due_in_days),
        created_by=by,
        published_at=timezone.now() if published else None,
        published_by=by if published else None,
    )
    made.agencies.set(agencies)
    return made


def case(
    audit_round, by, reference="MACA-01", *, agencies=None, recommendations=("R3",), age_band=AgeBand.FROM_10_TO_13
):
    """A case of the round with `agencies` involved (all the round's, unless given)."""
    made = AuditCase.objects.create(round=audit_round, reference=reference, age_band=age_band, created_by=by)
    made.agencies.set(agencies if agencies is not None else audit_round.agencies.all())
    made.recommendations.set(audit_round.partnership.framework.recommendations.filter(code__in=recommendations))
    return made


def agency_return(
    audit_case, agency, by, grades=None, *, submitted=True, rationale="Seen in the records."
) -> AgencyReturn:
    """`agency`'s return on `audit_case`: `grades` maps domain code to grade code (every domain of the tool, each
    graded good unless given); a domain mapped to None is left ungraded."""
    domains = list(audit_case.round.tool.domains.all())
    by_code = {grade.code: grade for grade in audit_case.round.tool.grades.all()}
    grades = {domain.code: "good" for domain in domains} | (grades or {})
    made = AgencyReturn.objects.create(
        case=audit_case,
        agency=agency,
        status=AgencyReturn.Status.SUBMITTED if submitted else AgencyReturn.Status.DRAFT,
        strengths="Prompt strategy discussion.",
        concerns="The child's words were not recorded.",
        learning="Record the child's own words.",
        submitted_at=timezone.now() if submitted else None,
        submitted_by=by if submitted else None,
        updated_by=by,
    )
    ReturnGrade.objects.bulk_create(
        ReturnGrade(
            agency_return=made,
            domain=domain,
            grade=by_code[grades[domain.code]] if grades.get(domain.code) else None,
            rationale=rationale if grades.get(domain.code) else "",
        )
        for domain in domains
    )
    return made


def agree(audit_case, by, grades=None, *, reason="Agreed at the moderation meeting.") -> list[AgreedGrade]:
    """The moderated grades of `audit_case`: `grades` maps domain code to grade code (each domain good unless
    given); the case is marked moderated."""
    domains = list(audit_case.round.tool.domains.all())
    by_code = {grade.code: grade for grade in audit_case.round.tool.grades.all()}
    grades = {domain.code: "good" for domain in domains} | (grades or {})
    made = AgreedGrade.objects.bulk_create(
        AgreedGrade(case=audit_case, domain=domain, grade=by_code[grades[domain.code]], reason=reason, recorded_by=by)
        for domain in domains
    )
    audit_case.moderated_at = timezone.now()
    audit_case.moderated_by = by
    audit_case.save(update_fields=["moderated_at", "moderated_by"])
    return made


def finding(
    audit_round,
    by,
    text="The child's own words were rarely recorded.",
    *,
    kind=Finding.Kind.LEARNING,
    recommendations=("R5",),
):
    made = Finding.objects.create(round=audit_round, kind=kind, text=text, created_by=by)
    made.recommendations.set(audit_round.partnership.framework.recommendations.filter(code__in=recommendations))
    return made


def moderated_round(partnership, by, agencies, cases: list[dict], **round_options) -> AuditRound:
    """A round whose cases are all moderated: each entry of `cases` maps domain code to agreed grade code (the
    rest good), and every agency's return grades every domain good."""
    made = audit_round(partnership, by, agencies, **round_options)
    for number, agreed in enumerate(cases, start=1):
        made_case = case(made, by, f"MACA-{number:02d}")
        for agency in agencies:
            agency_return(made_case, agency, by)
        agree(made_case, by, agreed)
    return made


AGREED_REASON = "Agreed at the moderation meeting, as the agencies graded it."  # permission_world's moderated case


def domain_codes(tool_code=TOOL) -> list[str]:
    """The codes of a tool's domains as the bundled framework file lists them, without the database (for form
    posts written before the tests run, as the permission tables' are)."""
    import yaml

    from tests.support.builders import BUNDLED_FRAMEWORK_FILE

    data = yaml.safe_load(BUNDLED_FRAMEWORK_FILE.read_text(encoding="utf-8"))
    (entry,) = (entry for entry in data["audit_tools"] if entry["code"] == tool_code)
    return [domain["code"] for domain in entry["domains"]]


def acted_on(made_finding, action, evidence):
    """`made_finding` as if it had been made an action and evidence already."""
    made_finding.action, made_finding.evidence = action, evidence
    made_finding.save(update_fields=["action", "evidence"])
    return made_finding


def permission_world(shared: dict) -> dict:
    """The permission tables' audits (tests/pages/permissions/test_permissions_audit_*.py), added to the module's
    `shared` dictionary: a contributor of Northmere Police ("police_contributor"), and in `world`:

    - open_round: unpublished, Northmere Health and Police taking part; its cases both_case (both involved, health's
      return submitted, police's not started), health_case (health only) and moderated_case (health's return
      submitted, agreed grades recorded); its findings open_finding and acted_finding (made an action and evidence);
    - ready_round: unpublished, Northmere Health only, on the short tool, every case moderated and a finding: it
      may be published;
    - published_round: published, both agencies, two moderated cases (published_case the first), published_finding;
    - their_round: Castlebrook's unpublished round, their_case and their_finding."""
    from partnerships.models import Membership
    from tests.support.builders import make_member

    partnership, other = shared["partnership"], shared["other_partnership"]
    health, personas, world = shared["health_agency"], shared["personas"], shared["world"]
    lead, scrutineer, outsider = personas["lead"], personas["scrutineer"], personas["outsider"]
    police = police_agency(partnership)
    both = [health, police]
    police_contributor = make_member("police_contributor", partnership, Membership.Role.CONTRIBUTOR, police)

    open_round = audit_round(partnership, lead, both)
    both_case = case(open_round, lead, "MACA-01")
    agency_return(both_case, health, personas["contributor"])
    health_case = case(open_round, lead, "MACA-02", agencies=[health])
    moderated_case = case(open_round, lead, "MACA-03")
    agency_return(moderated_case, health, personas["contributor"])
    agree(moderated_case, scrutineer, reason=AGREED_REASON)
    open_finding = finding(open_round, lead)
    acted = acted_on(
        finding(open_round, lead, "Health rarely took part."), world["health_action"], world["health_evidence"]
    )

    ready_round = moderated_round(partnership, lead, [health], [{}], title="Sibling harm audit", tool_code=SHORT_TOOL)
    finding(ready_round, lead)
    published_round = moderated_round(
        partnership, lead, both, [{}, {"childs_voice": "requires_improvement"}], title="First audit", published=True
    )
    their_agency = Agency.objects.get(partnership=other, name="Castlebrook Health")
    their_round = audit_round(other, outsider, [their_agency], title="Castlebrook audit")
    their_case = case(their_round, outsider, "CB-01")
    return shared | {
        "personas": personas | {"police_contributor": police_contributor},
        "world": world
        | {
            "health_agency": health,
            "open_round": open_round,
            "both_case": both_case,
            "health_case": health_case,
            "moderated_case": moderated_case,
            "open_finding": open_finding,
            "acted_finding": acted,
            "ready_round": ready_round,
            "published_round": published_round,
            "published_case": published_round.cases.order_by("reference").first(),
            "published_finding": finding(published_round, lead),
            "their_round": their_round,
            "their_case": their_case,
            "their_agency": their_agency,
            "their_finding": finding(their_round, outsider),
        },
    }
