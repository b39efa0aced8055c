"""Celery tasks of the scrutiny app, and the sweeper that sends report builds again.

The Report row is the record of a report's state; tasks run with ignore_result=True. Services
(scrutiny.reports, scrutiny.challenges, scrutiny.sign_off) send these tasks; the tasks call only the modules
below the services (report_build, challenge_notices, sign_off_notices, models), so nothing imports in a circle.
"""

import logging
import os
import time
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError as DatabaseOperationalError
from django.db.models import Q
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError

from scrutiny.queueing import send

logger = logging.getLogger(__name__)

# A report whose build has started this many times without finishing has been killing its worker.
MAX_ATTEMPTS = 3
# Errors worth trying again after a pause: the database, Redis or the file storage briefly unreachable.
TRANSIENT_ERRORS = (DatabaseOperationalError, RedisConnectionError, OSError)

KILLED_WORKER_REASON = (
    "The report stopped the worker 3 times (it may be too large for the memory allowed). "
    "Try again, or ask an administrator."
)
TOO_SLOW_REASON = "The report took longer than 4 minutes to build. Try again, or ask an administrator."
UNREACHABLE_REASON = (
    "The report could not be saved because the database or file storage could not be reached. Try again later."
)
FAILED_REASON = "The report could not be built. Try again; if it fails again, ask an administrator."


@shared_task(ignore_result=False)
def ping(token: str) -> str:
    """A trivial round trip used to prove a worker is consuming from the broker."""
    return f"pong:{token}"


def _builder():
    """scrutiny.report_build.build_report, slowed down when REPORT_BUILD_TEST_DELAY is set.

    TEST ONLY: REPORT_BUILD_TEST_DELAY=<seconds> in a worker's environment makes each render wait
    that long after the report is marked building, so a test can kill the worker mid-build.
    Never set it in a deployment.
    """
    from scrutiny import report_build

    delay = float(os.environ.get("REPORT_BUILD_TEST_DELAY") or 0)
    if delay and not getattr(report_build.render_pdf, "test_delayed", False):
        original = report_build.render_pdf

        def slow_render_pdf(*args, **kwargs):
            time.sleep(delay)
            return original(*args, **kwargs)

        slow_render_pdf.test_delayed = True
        report_build.render_pdf = slow_render_pdf
    return report_build.build_report


def _mark(report_id, status, reason=""):
    """Set an unfinished report's status; a ready report is never changed."""
    from scrutiny.models import Report

    fields = {"status": status, "failure_reason": reason}
    if status == Report.Status.FAILED:
        fields["finished_at"] = timezone.now()
    Report.objects.filter(pk=report_id).exclude(status=Report.Status.READY).update(**fields)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    soft_time_limit=240,
    time_limit=300,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    max_retries=3,
)
def build_report_task(self, report_id: str) -> None:
    """Build one report's PDF. Safe to deliver more than once: the builder is idempotent."""
    from scrutiny.models import Report

    report = Report.objects.filter(pk=report_id).only("status", "attempts").first()
    if report is None or report.status in (Report.Status.READY, Report.Status.FAILED):
        return  # gone, done, or failed and not asked for again: a stale or duplicate delivery
    if report.status == Report.Status.BUILDING and report.attempts >= MAX_ATTEMPTS:
        # Delivered again after its build was cut short MAX_ATTEMPTS times: the worker was killed each time.
        logger.warning("Report %s abandoned after %s interrupted builds", report_id, report.attempts)
        _mark(report_id, Report.Status.FAILED, KILLED_WORKER_REASON)
        return
    try:
        _builder()(report_id)
    except SoftTimeLimitExceeded:
        logger.warning("Report %s took too long to build", report_id)
        _mark(report_id, Report.Status.FAILED, TOO_SLOW_REASON)
    except TRANSIENT_ERRORS as error:
        # Names the error's type only: its text could quote what the report contains.
        logger.warning("Report %s: transient %s (retry %s)", report_id, type(error).__name__, self.request.retries)
        try:
            if self.request.retries >= self.max_retries:
                _mark(report_id, Report.Status.FAILED, UNREACHABLE_REASON)
                return
            # Back to queued, so the retry is not counted as an interrupted build.
            _mark(report_id, Report.Status.QUEUED)
        except DatabaseOperationalError:
            pass  # the database is the thing that is down; the retry will find the row as it is
        raise  # autoretry_for retries it with backoff
    except Exception as error:
        logger.error("Report %s failed: %s", report_id, type(error).__name__)
        _mark(report_id, Report.Status.FAILED, FAILED_REASON)


@shared_task(ignore_result=True)
def requeue_stalled_reports_task() -> int:
    """The sweeper: enqueue again reports still queued (Redis was down when they were asked for) and
    builds whose message was lost (Redis restarted while they were building)."""
    return requeue_stalled_reports()


@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_challenge_notice_task(step_id: int) -> None:
    """Email the people a challenge step concerns (scrutiny/challenge_notices.py); OSError covers SMTP errors."""
    from scrutiny.challenge_notices import send_notice

    send_notice(step_id)


@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_sign_off_request_task(report_id: str) -> None:
    """Email the lead safeguarding partners that a report awaits their sign-off (scrutiny/sign_off_notices.py)."""
    from scrutiny.sign_off_notices import send_request

    send_request(report_id)


@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_sign_off_decision_task(sign_off_id: int) -> None:
    """Email the review's scrutineers a partner's return, or the third sign-off (scrutiny/sign_off_notices.py)."""
    from scrutiny.sign_off_notices import send_decision

    send_decision(sign_off_id)


def lost_build_cutoff():
    """When a report still building was started before this, its message is lost, not just slow.

    Redis hands an unacknowledged message to another worker after the visibility timeout, and a
    build is stopped at its time limit; a report still marked building after both has no message
    left anywhere (for example Redis restarted, and it keeps nothing on disk).
    """
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    return timezone.now() - timedelta(seconds=visibility + build_report_task.time_limit)


def requeue_stalled_reports(older_than_minutes=2) -> int:
    """Enqueue again every report queued for longer than that, and every build whose message was
    lost (see lost_build_cutoff); returns how many were sent.

    Stops at the first failure: the broker is still down, and the next sweep will try again.
    A report sent twice builds once (the task and builder are idempotent), and a lost build counts
    as an interrupted attempt, so one that keeps dying still ends as failed.
    """
    from scrutiny.models import Report

    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    stalled = Report.objects.filter(
        Q(status=Report.Status.QUEUED, requested_at__lte=cutoff)
        | Q(status=Report.Status.BUILDING, started_at__lte=lost_build_cutoff())
    )
    sent = 0
    for report in stalled.order_by("requested_at"):
        if not send(build_report_task, str(report.pk), what=f"Report {report.pk} left queued"):
            break
        sent += 1
    if sent:
        logger.info("Re-enqueued %s stalled report(s)", sent)
    return sent
