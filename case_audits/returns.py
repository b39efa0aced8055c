"""An agency's return on one case of an audit round: saved as a draft, submitted when complete, reopened by a
scrutineer after moderation.

`save_return` is the one write of a return: the contributors of the agency (`can_complete_return`) grade each
domain of the round's tool and give strengths, concerns and learning. A draft may be incomplete; submitting needs
every domain graded with a rationale. The return (and a row per domain) is created on the first save, under the
case's row lock so two first saves cannot both create it; later saves are refused when stale (StaleEdit). A
return is open while the round is unpublished and, once submitted, until its case is moderated; after that only a
scrutineer's `reopen_return` (with a reason kept in the history) opens it again. A submission after the round's
due date is accepted; pages mark it late (`is_late`). Every write leaves history attributed to the user.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from case_audits.models import AgencyReturn, AuditCase, ReturnGrade
from common.versioning import bump, check_version, lock
from partnerships.permissions import require

NOT_TAKING_PART = "Your agency is not taking part in this round"
NOT_INVOLVED = "Your agency is not involved in this case"
MODERATED = (
    "This case has been moderated, so its submitted returns can no longer be changed. Ask a scrutineer to reopen "
    "your return if it must change"
)
PUBLISHED = "This round's findings are published: its returns can no longer be changed"
MODERATE_AGAIN = "A return was submitted after moderation: the case is to be moderated again"
REOPEN_ONLY_MODERATED = "Only a submitted return on a moderated case can be reopened"
REASON_REQUIRED = "Enter why the return is being reopened"


def grade_field(domain) -> str:
    return f"grade_{domain.code}"


def rationale_field(domain) -> str:
    return f"rationale_{domain.code}"


def ungraded(domain) -> str:
    return f"Select a grade for “{domain.name}”"


def no_rationale(domain) -> str:
    return f"Give the reason for the grade of “{domain.name}”"


def is_late(agency_return) -> bool:
    submitted = agency_return.submitted_at
    return bool(submitted) and timezone.localtime(submitted).date() > agency_return.case.round.due_date


@dataclass
class DomainAnswer:
    """What a return says about one domain: the grade (or None) and its rationale."""

    domain: object
    grade: object = None
    rationale: str = ""


def answers_of(case: AuditCase, agency_return: AgencyReturn | None) -> list[DomainAnswer]:
    """The tool's domains in order, each with what `agency_return` holds for it (nothing if it is not made)."""
    held = {}
    if agency_return is not None and agency_return.pk:
        held = {g.domain_id: g for g in agency_return.grades.select_related("grade")}
    answers = []
    for domain in case.round.tool.domains.all():
        row = held.get(domain.pk)
        answers.append(DomainAnswer(domain, row.grade if row else None, row.rationale if row else ""))
    return answers


def closed_reason(agency_return: AgencyReturn) -> str | None:
    """Why the return cannot be changed now, or None."""
    case = agency_return.case
    if case.round.is_published:
        return PUBLISHED
    if agency_return.is_submitted and case.is_moderated:
        return MODERATED
    return None


def _check_taking_part(case: AuditCase, agency) -> None:
    if not case.round.agencies.filter(pk=agency.pk).exists():
        raise ValidationError(NOT_TAKING_PART)
    if not case.agencies.filter(pk=agency.pk).exists():
        raise ValidationError(NOT_INVOLVED)


def _checked_answers(case, answers: dict, *, submitting: bool) -> dict:
    """`answers` maps each domain to (grade or None, rationale); ValidationError keyed by field when a grade is
    not one of the tool's or, submitting, when a domain is ungraded or has no rationale."""
    tool = case.round.tool
    problems = {}
    for domain in tool.domains.all():
        grade, rationale = answers.get(domain, (None, ""))
        rationale = rationale or ""
        if grade is not None and grade.tool_id != tool.pk:
            problems[grade_field(domain)] = f"Select one of this tool's grades for “{domain.name}”"
        elif submitting and grade is None:
            problems[grade_field(domain)] = ungraded(domain)
        if submitting and grade is not None and not rationale.strip():
            problems[rationale_field(domain)] = no_rationale(domain)
    if any(domain.tool_id != tool.pk for domain in answers):
        raise ValidationError("The return answers another tool's domains: open the form again")
    if problems:
        raise ValidationError(problems)
    checked = {}
    for domain in tool.domains.all():
        grade, rationale = answers.get(domain, (None, ""))
        checked[domain] = (grade, (rationale or "").strip())
    return checked


def save_return(
    *,
    membership,
    case: AuditCase,
    agency,
    seen_version: int,
    answers: dict,
    strengths: str = "",
    concerns: str = "",
    learning: str = "",
    submit: bool = False,
    change_reason: str = "",
) -> AgencyReturn:
    """Save `agency`'s return on `case` as a draft, or submit it (`submit`). `answers` maps each of the tool's
    domains to (grade or None, rationale). `seen_version` is the return's version when the form was opened (0
    if it was not made yet). A submitted return stays submitted when it is changed, and must stay complete."""
    probe = AgencyReturn(case=case, agency=agency)
    require(membership, "can_complete_return", probe)
    if case.round.partnership_id != membership.partnership_id:
        raise PermissionDenied("Not a case of this partnership.")
    _check_taking_part(case, agency)
    narrative = {"strengths": strengths.strip(), "concerns": concerns.strip(), "learning": learning.strip()}
    with transaction.atomic():
        lock(case)  # every save locks the case first: one first save makes the return
        if case.round.is_published:
            raise ValidationError(PUBLISHED)
        agency_return = AgencyReturn.objects.select_for_update().filter(case=case, agency=agency).first()
        if agency_return is None:
            agency_return = AgencyReturn(case=case, agency=agency, updated_by=membership.user)
        agency_return.case = case
        check_version(agency_return, seen_version)
        if reason := closed_reason(agency_return):
            raise ValidationError(reason)
        checked = _checked_answers(case, answers, submitting=submit or agency_return.is_submitted)
        for name, value in narrative.items():
            setattr(agency_return, name, value)
        agency_return.updated_by = membership.user
        if agency_return.pk is None:
            what = "Created"
        elif agency_return.is_submitted:
            what = "Changed after submission"
        else:
            what = "Saved"
        if submit and not agency_return.is_submitted:
            agency_return.status = AgencyReturn.Status.SUBMITTED
            agency_return.submitted_at = timezone.now()
            agency_return.submitted_by = membership.user
            what = "Created and submitted" if what == "Created" else "Submitted"
            if case.is_moderated:
                _moderate_again(case, membership.user)
        agency_return._change_reason = f"{what}: {change_reason}" if change_reason else what
        agency_return._history_user = membership.user
        bump(agency_return)
        agency_return.save()
        _save_grades(agency_return, checked, membership.user, change_reason)
    return agency_return


def _moderate_again(case: AuditCase, user) -> None:
    """A return submitted after its case was moderated (a late one, or one reopened) has not been weighed against
    the agreed grades: the case is to be moderated again, and counts in no result until it is (the agreed grades
    are kept, for the moderators to confirm or change)."""
    case.moderated_at = case.moderated_by = None
    case._change_reason = MODERATE_AGAIN
    case._history_user = user
    bump(case)
    case.save()


def _save_grades(agency_return, checked: dict, user, change_reason: str) -> None:
    rows = {row.domain_id: row for row in agency_return.grades.all()}
    for domain, (grade, rationale) in checked.items():
        row = rows.get(domain.pk)
        if row is None:
            row = ReturnGrade(agency_return=agency_return, domain=domain)
        elif row.grade_id == (grade.pk if grade else None) and row.rationale == rationale:
            continue
        row.grade = grade
        row.rationale = rationale
        row._history_user = user
        row._change_reason = change_reason
        row.save()


def reopen_return(*, membership, agency_return: AgencyReturn, reason: str, change_reason: str = "") -> AgencyReturn:
    """A scrutineer sets a submitted return on a moderated case back to a draft its agency can change, with
    `reason` kept as the history's change reason."""
    require(membership, "can_reopen_returns")
    case = agency_return.case
    if case.round.partnership_id != membership.partnership_id:
        raise PermissionDenied("Not a return of this partnership.")
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    with transaction.atomic():
        lock(agency_return)
        lock(case)
        if case.round.is_published:
            raise ValidationError(PUBLISHED)
        if not (agency_return.is_submitted and case.is_moderated):
            raise ValidationError(REOPEN_ONLY_MODERATED)
        agency_return.status = AgencyReturn.Status.DRAFT
        agency_return.submitted_at = None
        agency_return.submitted_by = None
        agency_return._history_user = membership.user
        agency_return._change_reason = f"Reopened: {reason}" + (f" ({change_reason})" if change_reason else "")
        bump(agency_return)
        agency_return.save()
    return agency_return
