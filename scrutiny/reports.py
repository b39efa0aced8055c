"""Asking for assurance reports: who may, one build at a time, and never lost when Redis is down.

The Report row is the record of a report's state. Enqueuing happens after the transaction commits;
if Redis cannot be reached the row simply stays queued and the sweeper
(`scrutiny.tasks.requeue_stalled_reports`, every 5 minutes from celery beat) enqueues it later.

Who reads which report is docs/decisions/0016-what-a-final-report-holds.md: a final report is of
a published review, and every member reads it while the review stays published; drafts, and finals
of a review that is not published (now), only those who see draft judgements.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from partnerships.permissions import allows
from scrutiny.models import Report, Review, YearlyStatement, of_subject
from scrutiny.queueing import run_in_a_thread, send
from scrutiny.tasks import build_report_task

logger = logging.getLogger(__name__)

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


REQUEST_PERMISSION = {Report.Kind.DRAFT: "can_request_draft_report", Report.Kind.FINAL: "can_request_final_report"}


def can_request(membership, kind) -> bool:
    """A draft by a scrutineer or a lead; a final only by a scrutineer, and only of a published review
    (request_report refuses that with ReviewNotPublished; may_request asks both)."""
    return kind in REQUEST_PERMISSION and allows(membership, REQUEST_PERMISSION[kind])


def may_request(membership, review, kind) -> bool:
    """What the pages offer: can_request, and for a final, a review published now."""
    return can_request(membership, kind) and (kind != Report.Kind.FINAL or review.is_published)


def reports_visible_to(membership, review):
    """The reports of `review` (or of a yearly statement) the member may read, newest first."""
    reports = review.reports.select_related("requested_by").with_sign_off()
    if membership.sees_draft_judgements:
        return reports
    if not review.is_published:
        return reports.none()
    return reports.filter(kind=Report.Kind.FINAL)


# ---------------------------------------------------------------- enqueuing


def enqueue(report) -> bool:
    """Send the build task now; False (the row stays queued for the sweeper) if Redis cannot be reached.
    In process (no worker), the build runs in a thread of its own when settings.REPORTS_BUILD_IN_A_THREAD."""
    if settings.REPORTS_BUILD_IN_A_THREAD:
        run_in_a_thread(build_report_task, str(report.pk), name=f"report-{report.pk}")
        return True
    return send(build_report_task, str(report.pk), what=f"Report {report.pk} left queued")


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


def _lock_subject(subject, kind):
    """Lock the row of the review (or yearly statement), so that two requests never take the same version
    number, and raise ReviewNotPublished for a final of a review not published now: publishing
    (scrutiny.publication) takes the same lock, and the builder checks again."""
    locked = type(subject).objects.select_for_update().filter(pk=subject.pk)
    if isinstance(subject, YearlyStatement):
        locked.values_list("pk", flat=True).first()
        return
    status = locked.values_list("status", flat=True).first()
    if kind == Report.Kind.FINAL and status != Review.Status.PUBLISHED:
        raise ReviewNotPublished


def _unsettled(subject, kind):
    return Report.objects.filter(**of_subject(subject), kind=kind, status__in=Report.UNSETTLED).first()


# ---------------------------------------------------------------- the service


def request_report(*, membership, kind, review=None, statement=None) -> tuple[Report, bool]:
    """Ask for a report of `review`, or of the yearly `statement`; returns (report, queued_ok).

    If one of this review and kind is already queued or building, that one is returned and nothing
    else is built. queued_ok is False when the broker could not be reached: the report stays
    queued and will build when the queue is back. A final of a review that is not published raises
    ReviewNotPublished, and nothing is created.
    """
    subject = review or statement
    if subject.partnership_id != membership.partnership_id or not can_request(membership, kind):
        raise PermissionDenied
    with transaction.atomic():
        _lock_subject(subject, kind)
        existing = _unsettled(subject, kind)
        if existing is not None:
            return existing, True
        try:
            with transaction.atomic():  # a savepoint: a concurrent request may have just created one
                report = Report.objects.create(**of_subject(subject), kind=kind, requested_by=membership.user)
        except IntegrityError:
            existing = _unsettled(subject, kind)
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
    subject = report.subject
    if subject.partnership_id != membership.partnership_id or not can_request(membership, report.kind):
        raise PermissionDenied
    with transaction.atomic():
        _lock_subject(subject, report.kind)
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status != Report.Status.FAILED:
            return report, True
        existing = _unsettled(subject, report.kind)
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
