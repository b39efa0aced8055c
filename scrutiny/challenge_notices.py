"""The challenge loop's emails: whoever must act next hears of each step, once.

    raised, asked again  -> the partnership managers, and the challenged agency's contributors
    response             -> the partnership's scrutineers
    escalated            -> the lead safeguarding partners, at the address recorded for each
    accepted             -> nobody

One email per step, to all its addressees (the person who took the step is left out). It is enqueued
when the transaction that made the step commits, so nothing is sent for a step rolled back, as a Celery
task that takes the step's id (scrutiny.challenges sends scrutiny.tasks.send_challenge_notice_task;
in-process in the embedded default). The task claims the step (ChallengeStep.notified_at) before
sending, so a task delivered twice sends once; a failed send gives the claim back for the retry.
Templates: templates/emails/challenge_*.
"""

import logging

from django.db.models import Q
from django.utils import timezone

from common.emails import send_templated_email, site_link
from common.naming import agency_or_partnership, display_name
from partnerships.models import LeadSafeguardingPartner, Membership
from scrutiny.models import ChallengeStep

logger = logging.getLogger(__name__)

Kind = ChallengeStep.Kind
Role = Membership.Role

TEMPLATES = {
    Kind.RAISED: "challenge_raised",
    Kind.RESPONSE: "challenge_answered",
    Kind.ASKED_AGAIN: "challenge_asked_again",
    Kind.ESCALATED: "challenge_escalated",
}


def addressees(step) -> list[str]:
    """The addresses the step's email goes to, each once, in a stable order."""
    challenge = step.challenge
    if step.kind == Kind.ESCALATED:
        emails = [partner.email for partner in LeadSafeguardingPartner.of(challenge.partnership)]
    else:
        if step.kind == Kind.RESPONSE:
            who = Q(role=Role.SCRUTINEER)
        else:
            who = Q(role=Role.LEAD)
            if challenge.agency_id is not None:
                who |= Q(role=Role.CONTRIBUTOR, agency_id=challenge.agency_id)
        emails = (
            challenge.partnership.memberships.filter(who, user__is_active=True)
            .exclude(user_id=step.by_id)
            .values_list("user__email", flat=True)
        )
    return sorted({email.strip() for email in emails if email and email.strip()}, key=str.lower)


def context(step) -> dict:
    challenge = step.challenge
    partnership = challenge.partnership
    return {
        "partnership": partnership.name,
        "agency": challenge.agency.name if challenge.agency_id else "",
        "addressee": agency_or_partnership(challenge.agency, in_a_sentence=True),
        "challenge_text": challenge.text,
        "step_text": step.text,
        "by": display_name(step.by),
        "response_due": challenge.response_due,
        "recommendations": ", ".join(challenge.recommendations.order_by("position").values_list("code", flat=True)),
        "partners": LeadSafeguardingPartner.of(partnership) if step.kind == Kind.ESCALATED else [],
        "challenge_url": site_link(challenge.get_absolute_url()),
    }


def send_notice(step_id: int) -> bool:
    """Send the email of one challenge step, unless it has been sent; True if it was sent now."""
    claimed_at = timezone.now()
    if not ChallengeStep.objects.filter(pk=step_id, notified_at__isnull=True).update(notified_at=claimed_at):
        return False  # sent already, or the step is gone
    step = ChallengeStep.objects.select_related("challenge__partnership", "challenge__agency", "by").get(pk=step_id)
    template = TEMPLATES.get(step.kind)
    to = addressees(step) if template else []
    if not to:
        logger.info("Challenge step %s: nobody to email", step_id)
        return False
    try:
        send_templated_email(template, to, context(step))
    except Exception:
        # Give the claim back, so that the task's retry sends it.
        ChallengeStep.objects.filter(pk=step_id, notified_at=claimed_at).update(notified_at=None)
        raise
    return True
