import datetime

from celery import shared_task
from django.utils import timezone

from case_audits.reminders import send_return_reminders

RETRY_AFTER_SECONDS = 15 * 60


class ReturnRemindersNotSent(Exception):
    """Some reminders could not be sent; a retry sends only those, since the others are recorded."""


@shared_task(bind=True, max_retries=3)
def send_audit_return_reminders(self, today_iso: str | None = None) -> dict[str, int]:
    """Celery beat runs this daily: reminders of outstanding audit returns. See case_audits/reminders.py."""
    today = datetime.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    counts = send_return_reminders(today)
    if counts["failed"]:
        raise self.retry(
            kwargs={"today_iso": today.isoformat()},
            exc=ReturnRemindersNotSent(f"{counts['failed']} return reminders were not sent on {today.isoformat()}"),
            countdown=RETRY_AFTER_SECONDS,
        )
    return counts
