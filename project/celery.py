import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

app = Celery("scrutiny")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Times are in CELERY_TIMEZONE (Europe/London), so 07:00 stays 07:00 across the clock changes.
app.conf.beat_schedule = {
    "send-action-reminders": {
        "task": "partnerships.tasks.send_action_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "send-audit-return-reminders": {
        "task": "case_audits.tasks.send_audit_return_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    # Reports still queued after a few minutes (Redis was down when asked for, or a message was lost).
    "requeue-stalled-reports": {
        "task": "scrutiny.tasks.requeue_stalled_reports_task",
        "schedule": 5 * 60,
    },
}
