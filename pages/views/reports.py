"""Assurance reports: asking for one, following its progress, downloading it, trying again.

Reports are reached only through the signed-in person's partnership (review__partnership).
Scrutineers and leads read every report; contributors and viewers read final reports of a review
while it is published (docs/decisions/0016-what-a-final-report-holds.md), and get 403 otherwise.
A final report is built only of a published review.
"""

from django.contrib import messages
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.models import AccessEvent
from pages.views.downloads import recorded_download
from partnerships.access import member_required
from partnerships.models import LeadSafeguardingPartner
from partnerships.permissions import allows, require
from recommendations.language import language_context
from scrutiny import reports as service
from scrutiny import sign_off
from scrutiny.models import Report, SignOff
from scrutiny.sign_off_forms import SignOffForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _report_or_404(membership, report_pk, *, for_download=False):
    report = get_object_or_404(
        Report.objects.select_related("review", "statement", "requested_by"),
        Q(review__partnership=membership.partnership) | Q(statement__partnership=membership.partnership),
        pk=report_pk,
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
    return request_of(request, membership, review=get_object_or_404(membership.partnership.reviews, pk=review_pk))


def request_of(request, membership, **subject):
    """Ask for the report of the kind posted, of `review=` or `statement=`, and go to its page."""
    kind = request.POST.get("kind")
    if kind not in Report.Kind.values:
        return HttpResponseBadRequest("Choose a draft or a final report.")
    try:
        report, queued_ok = service.request_report(membership=membership, kind=kind, **subject)
    except service.ReviewNotPublished:
        return _not_published(request, subject["review"])
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
            "review": report.subject,
            "can_retry": report.status == Report.Status.FAILED
            and service.may_request(membership, report.subject, report.kind),
            **_sign_off_context(membership, report),
        },
    )


# The two editions of a ready report: its file field, file name ending, what the audit log adds, content type.
EDITIONS = {
    "pdf": ("file", "pdf", "", "application/pdf"),
    "docx": ("docx_file", "docx", ", Word edition", DOCX),
}


def _download(request, membership, report_pk, edition: str):
    """A ready report's PDF or Word edition, to whoever may read the report, recorded in the audit log.
    A report built before there was a Word edition has none: 404."""
    field, ending, called, content_type = EDITIONS[edition]
    report = _report_or_404(membership, report_pk)
    stored = getattr(report, field)
    if report.status != Report.Status.READY or not stored:
        raise Http404("This report is not ready" if edition == "pdf" else "This report has no Word edition")
    about = f"review-{report.review_id}" if report.review_id else f"statement-{report.statement_id}"
    name = f"{membership.partnership.slug}-{about}-{report.kind}-{report.pk.hex[:8]}.{ending}"
    return recorded_download(
        request,
        membership,
        stored,
        kind=AccessEvent.Kind.DOWNLOADED_REPORT,
        detail=f"{report.kind} report {report.pk} of {about.replace('-', ' ')}{called}: {name}",
        filename=name,
        content_type=content_type,
    )


@member_required
@require_safe
def report_download(request, membership, report_pk):
    return _download(request, membership, report_pk, "pdf")


@member_required
@require_safe
def report_download_docx(request, membership, report_pk):
    """The report's Word edition, to the same readers as its PDF."""
    return _download(request, membership, report_pk, "docx")


@member_required
@require_POST
def report_retry(request, membership, report_pk):
    report = _report_or_404(membership, report_pk)
    try:
        report, queued_ok = service.retry_report(membership=membership, report=report)
    except service.ReviewNotPublished:
        return _not_published(request, report.subject)
    _tell(request, report, queued_ok)
    return redirect(report)


# ---------------------------------------------------------------- sign-off by the lead safeguarding partners


def _sign_off_context(membership, report) -> dict:
    """The sign-off panel: each of the three partners with their decision, and what the viewer may do."""
    if not report.is_final:
        return {}
    # Once, for the panel and for Report.sign_off_state and signed_count, which read report.sign_offs.all().
    prefetch_related_objects([report], Prefetch("sign_offs", queryset=SignOff.objects.select_related("by")))
    decisions = {decision.organisation: decision for decision in report.sign_offs.all()}
    recorded = {partner.organisation: partner for partner in LeadSafeguardingPartner.of(report.subject.partnership)}
    may_decide = allows(membership, "can_sign_off", report)
    can_offer = membership.can_offer_for_sign_off and report.can_be_offered
    return {
        "sign_off_rows": [
            (organisation, recorded.get(organisation), decisions.get(organisation))
            for organisation in LeadSafeguardingPartner.ORDER
        ],
        "can_offer": can_offer,
        "offer_refusal": sign_off.offer_refusal(report) if can_offer else "",
        "can_decide": may_decide
        and not sign_off.decision_refusal(report, membership.safeguarding_partner.organisation),
    }


@member_required("can_offer_for_sign_off")
@require_POST
def report_offer_for_sign_off(request, membership, report_pk):
    report = _report_or_404(membership, report_pk)
    try:
        sign_off.offer_for_sign_off(membership=membership, report=report)
    except sign_off.SignOffRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, "The report is offered for sign-off. The three lead safeguarding partners are emailed."
        )
    return redirect(f"{report.get_absolute_url()}#sign-off")


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_sign_off(request, membership, report_pk):
    """The partner's decision: sign the report off, or return it with a comment."""
    report = _report_or_404(membership, report_pk)
    require(membership, "can_sign_off", report)
    refusal = sign_off.decision_refusal(report, membership.safeguarding_partner.organisation)
    if refusal:
        messages.info(request, refusal)
        return redirect(f"{report.get_absolute_url()}#sign-off")
    action = reverse("report_sign_off", args=[membership.partnership.slug, report.pk])
    form = SignOffForm(request.POST if request.method == "POST" else None, action=action)
    if form.is_bound and form.is_valid():
        try:
            decided = sign_off.decide(
                membership=membership,
                report=report,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
            )
        except sign_off.SignOffRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, f"Your decision is recorded: {decided.get_decision_display().lower()}.")
        return redirect(f"{report.get_absolute_url()}#sign-off")
    return render(
        request,
        "reports/sign_off.html",
        {
            "membership": membership,
            "partnership": membership.partnership,
            "report": report,
            "review": report.subject,
            "partner": membership.safeguarding_partner,
            "form": form,
            **language_context(membership.partnership.framework),
        },
    )
