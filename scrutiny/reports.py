"""Asking for assurance reports: who may, one build at a time, and never lost when Redis is down.

The Report row is the record of a report's state. Enqueuing happens after the transaction commits;
if Redis cannot be reached the row simply stays queued and the sweeper
(`requeue_stalled_reports`, every 5 minutes from celery beat) enqueues it later.

Who reads which report is docs/decisions/0016-what-a-final-report-holds.md: a final report is of
a published review, and every member reads it while the review stays published; drafts, and finals
of a review that is not published (now), only those who see draft judgements.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError

from scrutiny.models import Report, Review
from scrutiny.tasks import build_report_task

logger = logging.getLogger(__name__)

QUEUE_DOWN_ERRORS = (KombuOperationalError, RedisConnectionError, ConnectionError)
# At request time, try the broker twice at most, within about a second: a person is waiting.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
QUEUE_DOWN_MESSAGE = "The report will build when the queue is back."
NOT_PUBLISHED_MESSAGE = (
    "A final report can be built only once the review is published. Publish the review first "
    "(“Publish this review” on its page), then build the final report. Until then, build a draft."
)


# ---------------------------------------------------------------- who may do what


class ReviewNotPublished(Exception):
    """A final report asked for (or retried) while its review is not published."""

    def __init__(self):
        super().__init__(NOT_PUBLISHED_MESSAGE)


def can_request(membership, kind) -> bool:
    """A draft by a scrutineer or a lead; a final only by a scrutineer, and only of a published review
    (request_report refuses that with ReviewNotPublished; may_request asks both)."""
    if kind == Report.Kind.DRAFT:
        return membership.is_scrutineer or membership.is_lead
    if kind == Report.Kind.FINAL:
        return membership.is_scrutineer
    return False


def may_request(membership, review, kind) -> bool:
    """What the pages offer: can_request, and for a final, a review published now."""
    return can_request(membership, kind) and (kind != Report.Kind.FINAL or review.is_published)


def can_see(membership, report) -> bool:
    """Those who see draft judgements read every report of their partnership; everyone else reads
    only final reports, and only while their review is published."""
    if membership.sees_draft_judgements:
        return True
    return report.kind == Report.Kind.FINAL and report.review.is_published


def reports_visible_to(membership, review):
    reports = review.reports.select_related("requested_by")
    if membership.sees_draft_judgements:
        return reports
    if not review.is_published:
        return reports.none()
    return reports.filter(kind=Report.Kind.FINAL)


# ---------------------------------------------------------------- enqueuing


def enqueue(report) -> bool:
    """Send the build task now; False (the row stays queued for the sweeper) if Redis cannot be reached."""
    try:
        build_report_task.apply_async(args=[str(report.pk)], retry=True, retry_policy=RETRY_POLICY)
    except QUEUE_DOWN_ERRORS as error:
        logger.warning("Report %s left queued: the broker is unreachable (%s)", report.pk, type(error).__name__)
        return False
    return True


def _enqueue_on_commit(report) -> dict:
    """Enqueue after the surrounding transaction commits; the returned dict's "ok" says how it went.

    Outside any outer transaction (a web request) the callback runs before this module's functions
    return, so "ok" is the real outcome; inside one it stays True until the commit.
    """
    outcome = {"ok": True}

    def send():
        outcome["ok"] = enqueue(report)

    transaction.on_commit(send)
    return outcome


def _refuse_final_of_unpublished(review, kind):
    """Raise ReviewNotPublished for a final of a review not published now. Read under a row lock:
    publishing (scrutiny.publication) takes the same lock, and the builder checks again."""
    if kind != Report.Kind.FINAL:
        return
    status = Review.objects.select_for_update().filter(pk=review.pk).values_list("status", flat=True).first()
    if status != Review.Status.PUBLISHED:
        raise ReviewNotPublished


def _unsettled(review, kind):
    return Report.objects.filter(review=review, kind=kind, status__in=Report.UNSETTLED).first()


# ---------------------------------------------------------------- the service


def request_report(*, membership, review, kind) -> tuple[Report, bool]:
    """Ask for a report of `review`; returns (report, queued_ok).

    If one of this review and kind is already queued or building, that one is returned and nothing
    else is built. queued_ok is False when the broker could not be reached: the report stays
    queued and will build when the queue is back. A final of a review that is not published raises
    ReviewNotPublished, and nothing is created.
    """
    if review.partnership_id != membership.partnership_id or not can_request(membership, kind):
        raise PermissionDenied
    with transaction.atomic():
        _refuse_final_of_unpublished(review, kind)
        existing = _unsettled(review, kind)
        if existing is not None:
            return existing, True
        try:
            with transaction.atomic():  # a savepoint: a concurrent request may have just created one
                report = Report.objects.create(review=review, kind=kind, requested_by=membership.user)
        except IntegrityError:
            existing = _unsettled(review, kind)
            if existing is None:
                raise
            return existing, True
        outcome = _enqueue_on_commit(report)
    return report, outcome["ok"]


def retry_report(*, membership, report) -> tuple[Report, bool]:
    """Queue a failed report again; returns (report, queued_ok) as request_report does.

    Its attempts are reset to 0: the cap on interrupted builds (tasks.MAX_ATTEMPTS) counts afresh
    for the new try. A report that is not failed is returned unchanged; if another report of the
    same review and kind is already queued or building, that one is returned instead. A final of a
    review no longer published raises ReviewNotPublished, as request_report does.
    """
    review = report.review
    if review.partnership_id != membership.partnership_id or not can_request(membership, report.kind):
        raise PermissionDenied
    with transaction.atomic():
        _refuse_final_of_unpublished(review, report.kind)
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status != Report.Status.FAILED:
            return report, True
        existing = _unsettled(review, report.kind)
        if existing is not None:
            return existing, True
        report.status = Report.Status.QUEUED
        report.attempts = 0
        report.failure_reason = ""
        report.started_at = None
        report.finished_at = None
        report.save(update_fields=["status", "attempts", "failure_reason", "started_at", "finished_at"])
        outcome = _enqueue_on_commit(report)
    return report, outcome["ok"]


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
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    stalled = Report.objects.filter(
        Q(status=Report.Status.QUEUED, requested_at__lte=cutoff)
        | Q(status=Report.Status.BUILDING, started_at__lte=lost_build_cutoff())
    )
    sent = 0
    for report in stalled.order_by("requested_at"):
        if not enqueue(report):
            break
        sent += 1
    if sent:
        logger.info("Re-enqueued %s stalled report(s)", sent)
    return sent
