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
