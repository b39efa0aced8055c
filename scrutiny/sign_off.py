"""Sign-off of final reports by the partnership's three lead safeguarding partners.

    offer_for_sign_off   a scrutineer offers a ready final of a published review, the newest of its
                         review, once all three partners are recorded with an account to sign in with
    decide               each partner (the membership recorded for them) signs it off, or returns it
                         with a comment; once per organisation and report

Each takes the acting `membership` and checks it by the permission the view declares
(partnerships/permissions.py: can_offer_for_sign_off, can_sign_off), runs in one transaction and locks
what it checks; a refused step raises SignOffRefused (a ValueError whose message is for the page) and
changes nothing. The partners are emailed when a report is offered, the scrutineers when a partner returns
it or the third signs, once the transaction commits (scrutiny.sign_off_notices).

A report offered or signed never changes: a ready report is never rebuilt (scrutiny.report_build) and only
a failed one is tried again (scrutiny.reports.retry_report). A correction is a newer final version, which
supersedes this one and must be offered and signed again (docs/decisions/0025-report-sign-off.md).
"""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import dateformat, timezone

from partnerships.models import LeadSafeguardingPartner
from partnerships.permissions import require
from scrutiny.models import Report, SignOff
from scrutiny.queueing import send
from scrutiny.tasks import send_sign_off_decision_task, send_sign_off_request_task

Decision = SignOff.Decision

COMMENT_REQUIRED = "Enter a comment saying what must change before you can sign off the report"
CHOOSE_DECISION = "Select whether you sign off the report or return it with a comment"


class SignOffRefused(ValueError):  # noqa: N818 - reads as what happened: the step was refused
    """An offer or a decision the report does not allow now. The message is for people."""


def _day(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "j F Y")


def missing_partners(partnership) -> list[str]:
    """What stops the three from signing, one line each: a partner not recorded, or without an account."""
    recorded = {partner.organisation: partner for partner in LeadSafeguardingPartner.of(partnership)}
    missing = []
    for organisation in LeadSafeguardingPartner.ORDER:
        partner = recorded.get(organisation)
        if partner is None:
            missing.append(f"{organisation.label}: no lead safeguarding partner is recorded")
        elif partner.membership_id is None:
            missing.append(f"{organisation.label}: {partner.name} has no account to sign in with")
    return missing


def _superseded(report) -> str:
    newer = Report.objects.newer_ready_finals(report).order_by("-number").first()
    return f"Version {newer.number} supersedes this report" if newer else ""


def offer_refusal(report) -> str:
    """Why the report cannot be offered for sign-off now ("" if it can)."""
    if not report.is_final or report.status != Report.Status.READY:
        return "Only a final report that is ready can be offered for sign-off."
    if not report.subject.is_published:
        return "The review is not published: publish it again before its final report is offered for sign-off."
    if report.is_offered_for_sign_off:
        return f"This report was offered for sign-off on {_day(report.sign_off_requested_at)}."
    superseded = _superseded(report)
    if superseded:
        return f"{superseded}: offer that version for sign-off instead."
    missing = missing_partners(report.subject.partnership)
    if missing:
        return (
            "The report can be offered only when all three lead safeguarding partners can sign in to sign it "
            f"off. {'; '.join(missing)}. A site administrator records them on the partnership's admin page."
        )
    return ""


def decision_refusal(report, organisation) -> str:
    """Why the partner of `organisation` cannot decide on the report now ("" if they can)."""
    if not report.is_offered_for_sign_off:
        return "This report has not been offered for sign-off."
    if not report.subject.is_published:
        return "The review is not published now, so its final report cannot be signed off."
    superseded = _superseded(report)
    if superseded:
        return f"{superseded}: it is offered for sign-off on its own."
    earlier = SignOff.objects.filter(report=report, organisation=organisation).first()
    if earlier is not None:
        return (
            f"The {earlier.get_organisation_display().lower()}'s decision on this report is already recorded: "
            f"{earlier.get_decision_display().lower()} by {earlier.name} on {_day(earlier.at)}."
        )
    return ""


def _locked(report) -> Report:
    """Lock the review's (or statement's) row, then the report's: the order scrutiny.reports takes them in."""
    subject = report.subject
    type(subject).objects.select_for_update().filter(pk=subject.pk).values_list("pk", flat=True).first()
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("review__partnership", "statement__partnership")
        .get(pk=report.pk)
    )


def offer_for_sign_off(*, membership, report) -> Report:
    """Offer the report to the three lead safeguarding partners and email them; SignOffRefused says why not."""
    require(membership, "can_offer_for_sign_off")
    if report.subject.partnership_id != membership.partnership_id:
        raise PermissionDenied
    with transaction.atomic():
        report = _locked(report)
        # The partners' rows too: those checked here are those emailed.
        list(LeadSafeguardingPartner.objects.select_for_update().filter(partnership_id=membership.partnership_id))
        refusal = offer_refusal(report)
        if refusal:
            raise SignOffRefused(refusal)
        report.sign_off_requested_at = timezone.now()
        report.sign_off_requested_by = membership.user
        report.save(update_fields=["sign_off_requested_at", "sign_off_requested_by"])
        what = f"Report {report.pk}: sign-off request not emailed"
        transaction.on_commit(partial(send, send_sign_off_request_task, str(report.pk), what=what), robust=True)
    return report


def decide(*, membership, report, decision, comment="") -> SignOff:
    """Record the membership's partner's decision on the report: signed off, or returned with a comment."""
    require(membership, "can_sign_off", report)
    comment = (comment or "").strip()
    if decision not in Decision.values:
        raise SignOffRefused(CHOOSE_DECISION)
    if decision == Decision.RETURNED and not comment:
        raise SignOffRefused(COMMENT_REQUIRED)
    with transaction.atomic():
        report = _locked(report)
        partner = (
            LeadSafeguardingPartner.objects.select_for_update()
            .filter(membership=membership, partnership_id=membership.partnership_id)
            .first()
        )
        if partner is None:  # no longer recorded since the page was opened
            raise PermissionDenied
        refusal = decision_refusal(report, partner.organisation)
        if refusal:
            raise SignOffRefused(refusal)
        try:
            with transaction.atomic():  # a savepoint: the unique constraint stands behind the check above
                sign_off = SignOff.objects.create(
                    report=report,
                    organisation=partner.organisation,
                    partner=partner,
                    name=partner.name,
                    job_title=partner.job_title,
                    is_delegate=partner.is_delegate,
                    by=membership.user,
                    decision=decision,
                    comment=comment,
                )
        except IntegrityError:
            raise SignOffRefused(decision_refusal(report, partner.organisation) or CHOOSE_DECISION) from None
        what = f"Sign-off {sign_off.pk}: decision not emailed"
        transaction.on_commit(partial(send, send_sign_off_decision_task, sign_off.pk, what=what), robust=True)
    return sign_off
