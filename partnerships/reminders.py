"""The daily digests of action items that are overdue or due soon.

Each agency contributor hears about their own agency's items, each partnership manager about all
of the partnership's, one email per person per partnership per day. `send_reminders` is the
whole job; partnerships/tasks.py only calls it from Celery beat.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from common.emails import send_templated_email
from common.naming import display_name
from partnerships.models import ActionItem, Membership, ReminderSent

logger = logging.getLogger(__name__)

# Items due from today to this many days ahead are "due soon"; overdue items are always included.
DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class DigestItem:
    """What an email says about one action item: plain values, ready for the templates."""

    pk: int
    description: str
    agency_id: int
    agency: str
    due_date: datetime.date
    status: str
    days: int  # negative when overdue
    url: str

    @property
    def is_overdue(self) -> bool:
        return self.days < 0

    @property
    def timing(self) -> str:
        if self.days < 0:
            return f"Overdue by {_days(-self.days)}"
        if self.days == 0:
            return "Due today"
        return f"Due in {_days(self.days)}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _digest_item(item: ActionItem, today: datetime.date, site_url: str) -> DigestItem:
    return DigestItem(
        pk=item.pk,
        description=item.description,
        agency_id=item.owner_agency_id,
        agency=item.owner_agency.name,
        due_date=item.due_date,
        status=item.get_status_display(),
        days=(item.due_date - today).days,
        url=site_url + item.get_absolute_url(),
    )


def items_to_remind(today: datetime.date):
    """Items not complete and overdue or due within DUE_SOON_DAYS, overdue first."""
    actions = ActionItem.objects.all()
    return (
        (actions.overdue(today) | actions.due_within(DUE_SOON_DAYS, today))
        .select_related("partnership", "owner_agency")
        .order_by("due_date", "pk")
    )


def send_reminders(today: datetime.date) -> dict[str, int]:
    """Send today's digests; a second run on the same day sends nothing. Returns what happened, by count."""
    site_url = settings.SITE_URL.rstrip("/")
    counts = {"owner": 0, "lead": 0, "already_sent": 0, "no_email": 0, "failed": 0}

    # Links are built before anything is recorded, so a broken URL fails the run cleanly.
    items_by_partnership = defaultdict(list)
    partnerships = {}
    for item in items_to_remind(today):
        items_by_partnership[item.partnership_id].append(_digest_item(item, today, site_url))
        partnerships[item.partnership_id] = item.partnership
    if not items_by_partnership:
        return counts

    memberships = (
        Membership.objects.filter(
            partnership_id__in=items_by_partnership,
            role__in=[Membership.Role.LEAD, Membership.Role.CONTRIBUTOR],
            user__is_active=True,
        )
        .select_related("user", "agency")
        .order_by("partnership_id", "role", "user_id")
    )
    for membership in memberships:
        items = items_by_partnership[membership.partnership_id]
        if membership.is_contributor:
            kind = ReminderSent.Kind.OWNER
            items = [item for item in items if item.agency_id == membership.agency_id]
        else:
            kind = ReminderSent.Kind.LEAD
        if not items:
            continue
        user = membership.user
        if not user.email:
            # The user id only: never the items' text.
            logger.info("No action reminder for user %s: no email address", user.pk)
            counts["no_email"] += 1
            continue
        partnership = partnerships[membership.partnership_id]
        outcome = _send_digest(user, partnership, kind, items, today, site_url, agency=membership.agency)
        counts[outcome] += 1
    return counts


def _send_digest(user, partnership, kind, items, today, site_url, agency=None) -> str:
    """Record the digest, then send it. Returns the key of `counts` that describes what happened."""
    context = {
        "name": display_name(user),
        "partnership": partnership.name,
        "plan_url": site_url + reverse("action_list", args=[partnership.slug]),
        "today": today,
        "items": items,
        "count": len(items),
        "overdue": sum(item.is_overdue for item in items),
        "due_soon_days": DUE_SOON_DAYS,
    }
    if kind == ReminderSent.Kind.OWNER:
        context["agency"] = agency.name
        template = "action_digest_owner"
    else:
        groups = defaultdict(list)
        for item in items:
            groups[item.agency].append(item)
        context["groups"] = sorted(groups.items())
        template = "action_digest_lead"

    # Record first: the unique constraint decides who sends, even between two workers running
    # at once. Send only once the record is committed.
    try:
        with transaction.atomic():
            record = ReminderSent.objects.create(
                recipient=user, partnership=partnership, kind=kind, sent_on=today, items=len(items)
            )
    except IntegrityError:
        return "already_sent"
    try:
        send_templated_email(template, user.email, context)
    except Exception:
        # Forget the record so that a retry today sends this digest.
        record.delete()
        logger.exception("Could not send the %s action digest to user %s", kind, user.pk)
        return "failed"
    return kind.value
