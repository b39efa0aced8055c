"""Assurance reports: asking for one, following its progress, downloading it, trying again.

Reports are reached only through the signed-in person's partnership (review__partnership).
Scrutineers and leads read every report; contributors and viewers read final reports of a review
while it is published (docs/decisions/0016-what-a-final-report-holds.md), and get 403 otherwise.
A final report is built only of a published review.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from audit.models import AccessEvent
from pages.views.downloads import recorded_download
from partnerships.access import member_required
from partnerships.permissions import require
from scrutiny import reports as service
from scrutiny.models import Report


def _report_or_404(membership, report_pk, *, for_download=False):
    report = get_object_or_404(
        Report.objects.select_related("review", "requested_by"),
        pk=report_pk,
        review__partnership=membership.partnership,
    )
    require(membership, "can_read_report", report)
    return report


def _tell(request, report, queued_ok):
    if not queued_ok:
        messages.warning(request, service.QUEUE_DOWN_MESSAGE)


def _not_published(request, review):
    """Back to the review's reports, saying what to do first: publish it."""
    messages.error(request, service.NOT_PUBLISHED_MESSAGE)
    return redirect(f"{review.get_absolute_url()}#reports")


@member_required
@require_POST
def report_request(request, membership, review_pk):
    review = get_object_or_404(membership.partnership.reviews, pk=review_pk)
    kind = request.POST.get("kind")
    if kind not in Report.Kind.values:
        return HttpResponseBadRequest("Choose a draft or a final report.")
    try:
        report, queued_ok = service.request_report(membership=membership, review=review, kind=kind)
    except service.ReviewNotPublished:
        return _not_published(request, review)
    _tell(request, report, queued_ok)
    return redirect(report)


@member_required
@require_safe
def report_detail(request, membership, report_pk):
    report = _report_or_404(membership, report_pk)
    return render(
        request,
        "reports/detail.html",
        {
            "membership": membership,
            "report": report,
            "review": report.review,
            "can_retry": report.status == Report.Status.FAILED
            and service.may_request(membership, report.review, report.kind),
        },
    )


@member_required
@require_safe
def report_download(request, membership, report_pk):
    report = _report_or_404(membership, report_pk)
    if report.status != Report.Status.READY or not report.file:
        raise Http404("This report is not ready")
    name = f"{membership.partnership.slug}-review-{report.review_id}-{report.kind}-{report.pk.hex[:8]}.pdf"
    return recorded_download(
        request,
        membership,
        report.file,
        kind=AccessEvent.Kind.DOWNLOADED_REPORT,
        detail=f"{report.kind} report {report.pk} of review {report.review_id}: {name}",
        filename=name,
        content_type="application/pdf",
    )


@member_required
@require_POST
def report_retry(request, membership, report_pk):
    report = _report_or_404(membership, report_pk)
    try:
        report, queued_ok = service.retry_report(membership=membership, report=report)
    except service.ReviewNotPublished:
        return _not_published(request, report.review)
    _tell(request, report, queued_ok)
    return redirect(report)
