"""Reminders of outstanding audit returns, sent by email before a round's due date.

A week and a day before the due date of each unpublished round, every contributor of an agency taking part that
still owes returns (a case it is involved in with no submitted return) hears which cases, by reference, with a
link to each return. One email per person per round per day (ReturnReminderSent), so a second run sends nothing.
`send_return_reminders` is the whole job; case_audits/tasks.py only calls it from Celery beat. Copied from the
action digests (partnerships/reminders.py).
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse

from case_audits.models import AgencyReturn, AuditCase, AuditRound, ReturnReminderSent
from common.emails import send_templated_email, site_link
from common.naming import display_name
from partnerships.models import Membership

logger = logging.getLogger(__name__)

DAYS_BEFORE = (7, 1)  # a week before the due date, and the day before


@dataclass(frozen=True)
class OutstandingReturn:
    reference: str
    status: str  # Not started, In progress
    url: str


def rounds_to_remind(today: datetime.date):
    due_dates = [today + datetime.timedelta(days=days) for days in DAYS_BEFORE]
    return AuditRound.objects.filter(published_at__isnull=True, due_date__in=due_dates).select_related("partnership")


def outstanding_by_agency(audit_round) -> dict[int, list[OutstandingReturn]]:
    """Each taking-part agency's outstanding returns in the round, by agency id, in the cases' order."""
    taking_part = {agency.pk for agency in audit_round.agencies.all()}
    statuses = {
        (row["case"], row["agency"]): row["status"]
        for row in AgencyReturn.objects.filter(case__round=audit_round).values("case", "agency", "status")
    }
    owed = defaultdict(list)
    slug = audit_round.partnership.slug
    for case in AuditCase.objects.filter(round=audit_round).prefetch_related("agencies"):
        for agency in case.agencies.all():
            status = statuses.get((case.pk, agency.pk))
            if agency.pk not in taking_part or status == AgencyReturn.Status.SUBMITTED:
                continue
            url = site_link(reverse("audit_return_edit", args=[slug, audit_round.pk, case.pk, agency.pk]))
            label = AgencyReturn.Status(status).label if status else "Not started"
            owed[agency.pk].append(OutstandingReturn(case.reference, label, url))
    return owed


def send_return_reminders(today: datetime.date) -> dict[str, int]:
    """Send today's reminders; a second run on the same day sends nothing. Returns what happened, by count."""
    counts = {"sent": 0, "already_sent": 0, "no_email": 0, "failed": 0}
    for audit_round in rounds_to_remind(today):
        owed = outstanding_by_agency(audit_round)
        if not owed:
            continue
        contributors = (
            Membership.objects.filter(
                partnership=audit_round.partnership_id,
                role=Membership.Role.CONTRIBUTOR,
                agency__in=list(owed),
                user__is_active=True,
            )
            .select_related("user", "agency")
            .order_by("user_id")
        )
        for membership in contributors:
            user = membership.user
            if not user.email:
                logger.info("No return reminder for user %s: no email address", user.pk)
                counts["no_email"] += 1
                continue
            counts[_send(user, membership.agency, audit_round, owed[membership.agency_id], today)] += 1
    return counts


def _send(user, agency, audit_round, returns: list[OutstandingReturn], today) -> str:
    context = {
        "name": display_name(user),
        "agency": agency.name,
        "partnership": audit_round.partnership.name,
        "title": audit_round.title,
        "due_date": audit_round.due_date,
        "days": (audit_round.due_date - today).days,
        "returns": returns,
        "count": len(returns),
        "round_url": site_link(audit_round.get_absolute_url()),
    }
    # Record first: the unique constraint decides who sends, even between two workers at once.
    try:
        with transaction.atomic():
            record = ReturnReminderSent.objects.create(
                round=audit_round, recipient=user, sent_on=today, returns=len(returns)
            )
    except IntegrityError:
        return "already_sent"
    try:
        send_templated_email("audit_return_reminder", user.email, context)
    except Exception:
        record.delete()  # so that a retry today sends it
        logger.exception("Could not send the audit return reminder to user %s", user.pk)
        return "failed"
    return "sent"
