"""Sign-off's emails: whoever must act next hears of it, once.

    offered                      -> the three lead safeguarding partners, at the address recorded for each
    returned by a partner        -> the review's scrutineers
    signed by the third partner  -> the review's scrutineers

Each is enqueued when the transaction that made it commits (scrutiny.sign_off sends
scrutiny.tasks.send_sign_off_request_task or send_sign_off_decision_task; in-process in the embedded
default). The task claims the record (Report.sign_off_notified_at, SignOff.notified_at) before sending, so
a task delivered twice sends once; a failed send gives the claim back for the retry, as
scrutiny.challenge_notices does. Templates: templates/emails/report_sign_off_*.
"""

import logging

from django.urls import reverse
from django.utils import timezone

from common.emails import send_templated_email, site_link
from common.naming import display_name
from partnerships.models import LeadSafeguardingPartner, Membership
from scrutiny.models import Report, SignOff

logger = logging.getLogger(__name__)

REQUESTED = "report_sign_off_requested"
RETURNED = "report_sign_off_returned"
SIGNED_OFF = "report_sign_off_complete"


def _clean(emails) -> list[str]:
    return sorted({email.strip() for email in emails if email and email.strip()}, key=str.lower)


def scrutineer_addresses(review) -> list[str]:
    """The review's (or yearly statement's) scrutineers who still scrutinise the partnership; all its
    scrutineers if none of them do."""
    scrutineers = review.partnership.memberships.filter(role=Membership.Role.SCRUTINEER, user__is_active=True)
    of_review = scrutineers.filter(user__in=review.scrutineers.all())
    chosen = of_review if of_review.exists() else scrutineers
    return _clean(chosen.values_list("user__email", flat=True))


def _report_context(report) -> dict:
    review = report.subject
    slug = review.partnership.slug
    return {
        "partnership": review.partnership.name,
        "review": review.title,
        "version": report.number,
        "report_url": site_link(report.get_absolute_url()),
        "sign_off_url": site_link(reverse("report_sign_off", args=[slug, report.pk])),
    }


def _send_or_give_back(template, to, context, give_back) -> bool:
    try:
        send_templated_email(template, to, context)
    except Exception:
        give_back()  # so that the task's retry sends it
        raise
    return True


def send_request(report_id) -> bool:
    """Email the partners that a report awaits their sign-off, unless it has been sent; True if sent now."""
    claimed_at = timezone.now()
    claimed = Report.objects.filter(pk=report_id, sign_off_requested_at__isnull=False, sign_off_notified_at=None)
    if not claimed.update(sign_off_notified_at=claimed_at):
        return False  # sent already, not offered, or gone
    report = Report.objects.select_related(
        "review__partnership", "statement__partnership", "sign_off_requested_by"
    ).get(pk=report_id)
    partners = LeadSafeguardingPartner.of(report.subject.partnership)
    to = _clean(partner.email for partner in partners)
    if not to:
        logger.info("Report %s: no lead safeguarding partner to email", report_id)
        return False
    context = _report_context(report) | {"by": display_name(report.sign_off_requested_by), "partners": partners}

    def give_back():
        Report.objects.filter(pk=report_id, sign_off_notified_at=claimed_at).update(sign_off_notified_at=None)

    return _send_or_give_back(REQUESTED, to, context, give_back)


def _template_for(sign_off) -> str | None:
    """Returned: always told. Signed: told only by the decision that made it three (decisions on one report
    are made one at a time under its lock, so the last signed is the highest key)."""
    if sign_off.decision == SignOff.Decision.RETURNED:
        return RETURNED
    signed = sign_off.report.sign_offs.filter(decision=SignOff.Decision.SIGNED).order_by("pk")
    keys = list(signed.values_list("pk", flat=True))
    if len(keys) >= Report.SIGNERS and keys[-1] == sign_off.pk:
        return SIGNED_OFF
    return None


def send_decision(sign_off_id: int) -> bool:
    """Email the scrutineers a partner's return, or the third signature, unless sent; True if sent now."""
    claimed_at = timezone.now()
    if not SignOff.objects.filter(pk=sign_off_id, notified_at=None).update(notified_at=claimed_at):
        return False
    sign_off = SignOff.objects.select_related(
        "report__review__partnership", "report__statement__partnership", "by"
    ).get(pk=sign_off_id)
    template = _template_for(sign_off)
    report = sign_off.report
    to = scrutineer_addresses(report.subject) if template else []
    if not to:
        return False
    context = _report_context(report) | {
        "sign_off": sign_off,
        "organisation": sign_off.get_organisation_display(),
        "by": display_name(sign_off.by),
        "sign_offs": list(report.sign_offs.all()),
    }

    def give_back():
        SignOff.objects.filter(pk=sign_off_id, notified_at=claimed_at).update(notified_at=None)

    return _send_or_give_back(template, to, context, give_back)
