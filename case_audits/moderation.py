"""Moderating a case: the grades the joint meeting agreed, per domain, beside each agency's own.

`moderation_sheet(case)` is what the moderators read: for each domain of the round's tool, every involved
agency's grade and rationale from its SUBMITTED return (a draft's grades are not the agency's yet: "In
progress"; no return at all: "No return"), and the agreed grade recorded so far.

`moderate_case(...)` records an agreed grade for every domain at once, in one transaction under the case's
row lock, refused when stale (common/versioning.py: the case's version, bumped by each moderation). Rules:

- every domain gets an agreed grade, from the round's tool's scale (the message names the domains without
  one, or with a grade of another scale);
- a reason is required for a domain whose agreed grade differs from any agency's submitted grade (the
  message names the domain and the agencies);
- those who run audits only (`can_run_audits`), of the case's own partnership.

Moderation may happen before every return is submitted (a meeting may go ahead without one agency): the
page names the returns outstanding, and a return not yet submitted is not locked by it. Once a case is
moderated (`moderated_at`), its submitted returns are locked; case_audits' return service enforces that.
Each agreed grade keeps its own history, attributed to the moderator.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_text_list

from case_audits.models import REASON_LIMIT, AgencyReturn, AgreedGrade, AuditCase, Domain, Grade
from case_audits.rounds import check_unpublished
from common.limits import too_long
from common.versioning import bump, check_version, lock
from partnerships.permissions import require

NO_RETURN = "No return"
MODERATED_REASON = "Moderated"


def grade_field(domain: Domain) -> str:
    """The name of a domain's agreed grade, in the form and in the service's messages."""
    return f"grade_{domain.code}"


def reason_field(domain: Domain) -> str:
    return f"reason_{domain.code}"


def no_agreed_grade(domain: Domain) -> str:
    return f"Select the agreed grade for “{domain.name}”"


def not_on_the_scale(domain: Domain) -> str:
    return f"The agreed grade for “{domain.name}” must be one of the tool's grades"


def reason_required(domain: Domain, differing: list[tuple[str, Grade]]) -> str:
    whose = get_text_list([f"{agency}'s ({grade.label})" for agency, grade in differing], "and")
    return f"Enter why the agreed grade for “{domain.name}” differs from {whose}"


@dataclass(frozen=True)
class AgencyGrade:
    """One agency's own grade of one domain, as moderation reads it."""

    agency: object
    status: str  # "Submitted", "In progress" or "No return"
    grade: Grade | None = None
    rationale: str = ""


@dataclass(frozen=True)
class DomainRow:
    domain: Domain
    agencies: list[AgencyGrade]
    agreed: AgreedGrade | None


@dataclass(frozen=True)
class Sheet:
    rows: list[DomainRow]
    outstanding: list[AgencyGrade]  # agencies whose return is not submitted: status "In progress" or "No return"


def moderation_sheet(audit_case: AuditCase) -> Sheet:
    """Every domain with every involved agency's own grade and the agreed grade so far. Five queries at most,
    whatever the numbers of domains and agencies."""
    domains = list(audit_case.round.tool.domains.all())
    agencies = sorted(audit_case.agencies.all(), key=lambda agency: agency.name)
    returns = {
        agency_return.agency_id: agency_return
        for agency_return in audit_case.returns.prefetch_related("grades__grade").select_related("agency")
    }
    agreed = {grade.domain_id: grade for grade in audit_case.agreed_grades.select_related("grade")}
    # an agency that made a return but is no longer listed as involved still shows: its grades were read
    agencies += [r.agency for r in returns.values() if r.agency_id not in {a.pk for a in agencies}]
    rows = []
    for domain in domains:
        row = []
        for agency in agencies:
            agency_return = returns.get(agency.pk)
            if agency_return is None:
                row.append(AgencyGrade(agency=agency, status=NO_RETURN))
                continue
            status = agency_return.get_status_display()
            graded = next((g for g in agency_return.grades.all() if g.domain_id == domain.pk), None)
            if agency_return.is_submitted and graded is not None:
                row.append(AgencyGrade(agency, status, graded.grade, graded.rationale))
            else:
                row.append(AgencyGrade(agency=agency, status=status))
        rows.append(DomainRow(domain=domain, agencies=row, agreed=agreed.get(domain.pk)))
    outstanding = [
        AgencyGrade(
            agency=agency, status=returns[agency.pk].get_status_display() if agency.pk in returns else NO_RETURN
        )
        for agency in agencies
        if agency.pk not in returns or not returns[agency.pk].is_submitted
    ]
    return Sheet(rows=rows, outstanding=outstanding)


def _check_case(membership, audit_case: AuditCase) -> None:
    require(membership, "can_run_audits")
    if audit_case.round.partnership_id != membership.partnership_id:
        raise PermissionDenied("A case of another partnership's audit round.")
    check_unpublished(audit_case.round)


def _submitted_grades(audit_case: AuditCase) -> dict[int, list[tuple[str, Grade]]]:
    """Domain id → [(agency name, grade)] of the case's submitted returns, as the database has them now."""
    graded = (
        audit_case.returns.filter(status=AgencyReturn.Status.SUBMITTED)
        .select_related("agency")
        .prefetch_related("grades__grade")
        .order_by("agency__name")
    )
    by_domain: dict[int, list] = {}
    for agency_return in graded:
        for grade in agency_return.grades.all():
            if grade.grade is not None:
                by_domain.setdefault(grade.domain_id, []).append((agency_return.agency.name, grade.grade))
    return by_domain


def _checked(audit_case, domains, scale, grades: dict, reasons: dict) -> dict:
    """Domain id → (grade, reason), each domain graded on the scale and explained where it differs; or
    ValidationError keyed by the form's fields, naming the domains (and the agencies)."""
    problems = {}
    for domain in domains:
        if not grades.get(domain.code):
            problems[grade_field(domain)] = no_agreed_grade(domain)
    submitted = _submitted_grades(audit_case)
    chosen = {}
    for domain in domains:
        code = grades.get(domain.code)
        reason = (reasons.get(domain.code) or "").strip()
        if len(reason) > REASON_LIMIT:
            problems[reason_field(domain)] = too_long(f"The reason for “{domain.name}”", REASON_LIMIT)
        if not code:
            continue
        grade = scale.get(code)
        if grade is None:
            problems[grade_field(domain)] = not_on_the_scale(domain)
            continue
        differing = [(agency, own) for agency, own in submitted.get(domain.pk, []) if own.pk != grade.pk]
        if differing and not reason and reason_field(domain) not in problems:
            problems[reason_field(domain)] = reason_required(domain, differing)
        chosen[domain.pk] = (grade, reason)
    if problems:
        raise ValidationError(problems)
    return chosen


def moderate_case(
    *, membership, audit_case: AuditCase, seen_version: int, grades: dict, reasons: dict, change_reason: str = ""
) -> bool:
    """Record the agreed grade of every domain of `audit_case`: `grades` maps domain code to grade code, `reasons`
    domain code to the reason (required where the agreed grade differs from an agency's submitted one).

    Marks the case moderated by the membership's user and bumps its version; StaleEdit if the case moved on since
    `seen_version`. False, with nothing written, when every agreed grade and reason is already as given.
    """
    _check_case(membership, audit_case)
    by = membership.user
    domains = list(audit_case.round.tool.domains.all())
    scale = {grade.code: grade for grade in audit_case.round.tool.grades.all()}
    with transaction.atomic():
        lock(audit_case)
        check_version(audit_case, seen_version)
        chosen = _checked(audit_case, domains, scale, grades, reasons)
        existing = {agreed.domain_id: agreed for agreed in audit_case.agreed_grades.all()}
        changed = False
        for domain in domains:
            grade, reason = chosen[domain.pk]
            agreed = existing.get(domain.pk)
            if agreed is not None and agreed.grade_id == grade.pk and agreed.reason == reason:
                continue
            if agreed is None:
                agreed = AgreedGrade(case=audit_case, domain=domain)
            agreed.grade, agreed.reason, agreed.recorded_by = grade, reason, by
            agreed._history_user = by
            agreed._change_reason = change_reason or MODERATED_REASON
            agreed.save()
            changed = True
        if not changed and audit_case.is_moderated:
            return False
        audit_case.moderated_at = timezone.now()
        audit_case.moderated_by = by
        bump(audit_case)
        audit_case._history_user = by
        audit_case._change_reason = MODERATED_REASON
        audit_case.save(update_fields=["moderated_at", "moderated_by", "version"])
    return True
