"""A round's findings, what it found across its cases, and publishing the round.

Each function is keyword-only, takes the acting membership, checks `can_run_audits` by name (and that the
round is its partnership's), checks the input (ValidationError keyed by the form's fields) and writes in one
transaction, leaving one history record per change attributed to the membership's user; edits are refused
when stale (common/versioning.py).

A finding becomes, in one step (`act_on_finding`), an action of the partnership's plan and a piece of evidence
(source "Case files", strength "Tested in practice", type "Audit report", partnership-wide), both linked to the
finding's recommendations and to the finding: both or neither (one transaction), once only. Those who run
audits may do it though a scrutineer cannot otherwise create actions (the issue asks for it): the writing is
partnerships.actions.write_new_action and partnerships.evidence.write_new_evidence, whose rules are the plan's
and the register's own.

A round is published once every case is moderated and it has a finding; then every member reads its findings
and results. There is no unpublishing: a correction is an edit, recorded in the history.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_text_list

from case_audits.models import NARRATIVE_LIMIT, AuditRound, Finding
from case_audits.rounds import check_unpublished
from common.history import one_history_record
from common.limits import too_long
from common.versioning import bump, check_version, lock
from partnerships.actions import write_new_action
from partnerships.evidence import write_new_evidence
from partnerships.models import SUMMARY_LIMIT, Evidence
from partnerships.permissions import require

KIND_REQUIRED = "Select what kind of finding it is"
TEXT_REQUIRED = "Enter the finding"
RECOMMENDATION_REQUIRED = "Select at least one recommendation the finding bears on"
RECOMMENDATION_OF_ANOTHER_FRAMEWORK = "Select recommendations from this partnership's framework"
ALREADY_ACTED_ON = "This finding has been made into an action and evidence already"
EVIDENCE_TITLE_LIMIT = Evidence._meta.get_field("title").max_length
CREATED_REASON = "Finding written"
PUBLISHED_REASON = "Published"
NO_CASES = "Add the round's cases and moderate them before publishing"
NO_FINDING = "Write at least one finding before publishing"
ALREADY_PUBLISHED = "This round has been published already"


def _check_round(membership, audit_round: AuditRound) -> None:
    require(membership, "can_run_audits")
    if audit_round.partnership_id != membership.partnership_id:
        raise PermissionDenied("An audit round of another partnership.")


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class FindingGroup:
    kind: str
    label: str
    findings: list[Finding]


def findings_for(membership, audit_round: AuditRound) -> list[FindingGroup]:
    """The round's findings grouped by kind (in Finding.Kind's order, empty kinds left out), each with its
    recommendations, action and evidence; [] for a member who may not read them yet. Two queries."""
    if audit_round.partnership_id != membership.partnership_id or not membership.can_see_audit_findings(audit_round):
        return []
    findings = list(
        audit_round.findings.select_related("action", "evidence").prefetch_related("recommendations").order_by("pk")
    )
    groups = []
    for kind, label in Finding.Kind.choices:
        of_kind = [finding for finding in findings if finding.kind == kind]
        if of_kind:
            groups.append(FindingGroup(kind=kind, label=label, findings=of_kind))
    return groups


# ---------------------------------------------------------------- writing a finding


def _checked(audit_round, *, kind, text, recommendations) -> dict:
    problems = {}
    text = (text or "").strip()
    recommendations = sorted(set(recommendations or ()), key=lambda r: r.pk)
    if kind not in Finding.Kind.values:
        problems["kind"] = KIND_REQUIRED
    if not text:
        problems["text"] = TEXT_REQUIRED
    elif len(text) > NARRATIVE_LIMIT:
        problems["text"] = too_long("The finding", NARRATIVE_LIMIT)
    if not recommendations:
        problems["recommendations"] = RECOMMENDATION_REQUIRED
    elif any(r.framework_id != audit_round.partnership.framework_id for r in recommendations):
        problems["recommendations"] = RECOMMENDATION_OF_ANOTHER_FRAMEWORK
    if problems:
        raise ValidationError(problems)
    return {"kind": kind, "text": text, "recommendations": recommendations}


def create_finding(
    *, membership, audit_round: AuditRound, kind: str, text: str, recommendations, change_reason: str = ""
) -> Finding:
    """A finding of `audit_round`, while it is unpublished: its kind, its text (checked for identifiers by the form)
    and its recommendations (at least one)."""
    _check_round(membership, audit_round)
    check_unpublished(audit_round)
    values = _checked(audit_round, kind=kind, text=text, recommendations=recommendations)
    finding = Finding(round=audit_round, kind=values["kind"], text=values["text"], created_by=membership.user)
    finding._change_reason = change_reason or CREATED_REASON
    with transaction.atomic(), one_history_record(finding, by=membership.user, created=True):
        finding.save()
        finding.recommendations.set(values["recommendations"])
    return finding


def update_finding(
    *, membership, finding: Finding, seen_version: int, kind: str, text: str, recommendations, change_reason: str = ""
) -> bool:
    """Change a finding; StaleEdit if it moved on since `seen_version`. False, with nothing written, when nothing
    differs. An action and evidence already made of it keep the words they were made with. A published round's
    findings are fixed."""
    _check_round(membership, finding.round)
    check_unpublished(finding.round)
    values = _checked(finding.round, kind=kind, text=text, recommendations=recommendations)
    with transaction.atomic():
        lock(finding)
        check_version(finding, seen_version)
        before = (finding.kind, finding.text, {r.pk for r in finding.recommendations.all()})
        if before == (values["kind"], values["text"], {r.pk for r in values["recommendations"]}):
            return False
        if change_reason:
            finding._change_reason = change_reason
        with one_history_record(finding, by=membership.user, created=False):
            finding.kind, finding.text = values["kind"], values["text"]
            bump(finding)
            finding.save()
            finding.recommendations.set(values["recommendations"])
        finding.__dict__.pop("_change_reason", None)
    return True


# ---------------------------------------------------------------- a finding becomes an action and evidence


def evidence_title(finding: Finding) -> str:
    """The evidence's title the act form starts with: "Case audit: <round title> (<kind>)", within its limit."""
    suffix = f" ({finding.get_kind_display().lower()})"
    title = f"Case audit: {finding.round.title}"
    room = EVIDENCE_TITLE_LIMIT - len(suffix)
    if len(title) > room:
        title = title[: room - 1].rstrip() + "…"
    return title + suffix


def evidence_summary(finding: Finding) -> str:
    """The finding's text, and the round's theme when both fit in a summary."""
    with_theme = f"{finding.text}\n\nThe audit round's theme: {finding.round.theme}"
    return with_theme if len(with_theme) <= SUMMARY_LIMIT else finding.text[:SUMMARY_LIMIT]


def act_on_finding(
    *,
    membership,
    finding: Finding,
    seen_version: int,
    description: str,
    owner_agency,
    lead_name: str,
    start_date: date,
    due_date: date,
    title: str,
    change_reason: str = "",
) -> Finding:
    """Make `finding` an action of the partnership's plan (`description`, `owner_agency`, `lead_name`, the dates,
    the finding's recommendations) and an evidence item (`title`; the finding's text and the round's theme as
    its summary; an audit report from case files, tested in practice, dated today, partnership-wide, the
    finding's recommendations), and link both to it. One transaction: both, or neither. Refused for a finding
    acted on already, and when stale. The action's and the evidence's rules are the plan's and the register's
    (ValidationError with their messages: the action's under their fields, the evidence's under `title`)."""
    _check_round(membership, finding.round)
    by = membership.user
    reason = f"From case audit finding {finding.pk} of “{finding.round.title}”"
    if change_reason:
        reason = f"{reason}; {change_reason}"
    with transaction.atomic():
        lock(finding)
        if finding.action_id is not None or finding.evidence_id is not None:
            raise ValidationError(ALREADY_ACTED_ON, code="acted_on")
        check_version(finding, seen_version)
        recommendations = list(finding.recommendations.all())
        action = write_new_action(
            partnership=membership.partnership,
            by=by,
            recommendations=recommendations,
            description=description,
            owner_agency=owner_agency,
            lead_name=lead_name,
            start_date=start_date,
            due_date=due_date,
            change_reason=reason,
        )
        try:
            evidence = write_new_evidence(
                partnership=membership.partnership,
                by=by,
                title=(title or "").strip(),
                summary=evidence_summary(finding),
                type=Evidence.Type.AUDIT,
                source=Evidence.Source.AUDIT,
                strength=Evidence.Strength.TESTED,
                date=timezone.localdate(),
                recommendations=recommendations,
                agency=None,
                confirmed_no_identifying_details=True,  # the finding's text and this form's passed the identifier check
                change_reason=reason,
            )
        except ValidationError as error:
            raise ValidationError({"title": error.messages}) from error
        finding.action, finding.evidence = action, evidence
        bump(finding)
        finding._history_user = by
        finding._change_reason = "Made into an action and evidence"
        finding.save(update_fields=["action", "evidence", "version"])
    return finding


# ---------------------------------------------------------------- publishing


def publish_problems(audit_round: AuditRound) -> list[str]:
    """What stops the round being published, in words: nothing when it may be."""
    if audit_round.is_published:
        return [ALREADY_PUBLISHED]
    problems = []
    unmoderated = list(audit_round.cases.filter(moderated_at__isnull=True).values_list("reference", flat=True))
    if not audit_round.cases.exists():
        problems.append(NO_CASES)
    elif unmoderated:
        problems.append(f"Moderate {get_text_list(unmoderated, 'and')} before publishing")
    if not audit_round.findings.exists():
        problems.append(NO_FINDING)
    return problems


def publish_round(*, membership, audit_round: AuditRound) -> AuditRound:
    """Publish the round: every member of the partnership reads its findings and results from now on. Refused
    (ValidationError saying what is missing) until every case is moderated and the round has a finding."""
    _check_round(membership, audit_round)
    with transaction.atomic():
        lock(audit_round)
        if problems := publish_problems(audit_round):
            raise ValidationError(problems)
        audit_round.published_at = timezone.now()
        audit_round.published_by = membership.user
        audit_round._history_user = membership.user
        audit_round._change_reason = PUBLISHED_REASON
        audit_round.save(update_fields=["published_at", "published_by"])
    return audit_round
