import datetime

from celery import shared_task
from django.utils import timezone

from partnerships.reminders import send_reminders

RETRY_AFTER_SECONDS = 15 * 60


class RemindersNotSent(Exception):
    """Some digests could not be sent; a retry sends only those, since the others are recorded."""


@shared_task(bind=True, max_retries=3)
def send_action_reminders(self, today_iso: str | None = None) -> dict[str, int]:
    """Celery beat runs this daily: the digests of actions overdue or due soon. See partnerships/reminders.py."""
    today = datetime.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    counts = send_reminders(today)
    if counts["failed"]:
        # Retry with the day fixed, so a retry after midnight finishes the same day's digests.
        raise self.retry(
            kwargs={"today_iso": today.isoformat()},
            exc=RemindersNotSent(f"{counts['failed']} action digests were not sent on {today.isoformat()}"),
            countdown=RETRY_AFTER_SECONDS,
        )
    return counts
