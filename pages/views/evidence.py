"""The evidence register: list, log, read, change, withdraw, grade, download.

Thin views: member_required resolves the caller's membership (404 for anyone without
one), the role's rights are asked of Membership (403 when missing), objects are fetched
only through the membership's partnership, and partnerships/evidence.py does the writes.
The views live here, not in partnerships/, because they read the review period.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_safe

from audit.models import AccessEvent
from common.history import history_entries
from common.versioning import StaleEdit, refuse_stale
from pages.views.downloads import recorded_download
from partnerships import evidence as evidence_service
from partnerships import held_uploads
from partnerships.access import member_required
from partnerships.forms import EvidenceFilterForm, EvidenceForm, GradeForm, WithdrawalForm
from partnerships.permissions import require
from recommendations.language import language_context

PAGE_SIZE = 25


def _get_evidence(membership, evidence_pk, queryset=None):
    """The evidence `evidence_pk` of the caller's partnership, or 404."""
    queryset = queryset if queryset is not None else membership.partnership.evidence.all()
    return get_object_or_404(queryset.select_related("agency", "partnership"), pk=evidence_pk)


def period_warning(partnership, day) -> str:
    """Why a date outside the current review period matters; empty when it is inside or there is no review."""
    review = partnership.reviews.current()
    if review is None or day is None or review.contains(day):
        return ""
    return (
        f"This evidence is dated {date_format(day, 'j F Y')}, outside the period of “{review.title}” "
        f"({date_format(review.period_start, 'j F Y')} to {date_format(review.period_end, 'j F Y')}), "
        "so that review will not count it. Check the date if that is not what you meant."
    )


def _context(membership, **extra):
    return {
        "membership": membership,
        "partnership": membership.partnership,
        **language_context(membership.partnership.framework),
        **extra,
    }


def _posted(request):
    """The form data and files when the request is a POST (even an empty one), else None: a GET's form is unbound."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _refuse_if_withdrawn(request, evidence):
    if evidence.is_withdrawn:
        messages.info(request, "This evidence has been withdrawn, so it can no longer be changed.")
        return redirect("evidence_detail", evidence.partnership.slug, evidence.pk)
    return None


def _warn_unchecked(request, form):
    for message in form.unchecked_files:
        messages.warning(request, message)


@member_required("can_see_evidence")
@require_safe
def evidence_list(request, membership):
    partnership = membership.partnership
    filters = EvidenceFilterForm(request.GET or None, membership=membership)
    evidence = filters.apply(partnership.evidence.all()).for_register().order_by("-date", "-pk")
    page = Paginator(evidence, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/list.html",
        {
            "membership": membership,
            "partnership": partnership,
            "filters": filters,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        },
    )


@member_required("can_log_evidence")
def evidence_create(request, membership):
    # ?recommendation=R3 (from a recommendation's page) starts the form with R3 ticked.
    initial = {"recommendations": request.GET.getlist("recommendation")}
    form = EvidenceForm(*_posted(request), membership=membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        evidence = evidence_service.log_evidence(
            membership=membership, **form.service_arguments(), change_reason=form.identifier_change_reason
        )
        held_uploads.discard(form.held)
        messages.success(request, f"Evidence logged: {evidence.title}")
        _warn_unchecked(request, form)
        if warning := period_warning(membership.partnership, evidence.date):
            messages.warning(request, warning)
        return redirect("evidence_detail", membership.partnership.slug, evidence.pk)
    return render(request, "evidence/form.html", _context(membership, form=form))


@member_required("can_see_evidence")
@require_safe
def evidence_detail(request, membership, evidence_pk):
    evidence = _get_evidence(
        membership,
        evidence_pk,
        membership.partnership.evidence.select_related("created_by", "withdrawn_by").prefetch_related(
            "recommendations", "questions", "themes", "attachments"
        ),
    )
    grade_form = None
    if membership.can_grade_evidence and not evidence.is_withdrawn:
        grade_form = GradeForm(initial={"strength": evidence.strength})
        grade_form.helper.form_action = reverse("evidence_grade", args=[membership.partnership.slug, evidence.pk])
    return render(
        request,
        "evidence/detail.html",
        _context(
            membership,
            evidence=evidence,
            can_edit=membership.can_edit_evidence(evidence) and not evidence.is_withdrawn,
            grade_form=grade_form,
            period_warning=period_warning(membership.partnership, evidence.date),
            entries=history_entries(evidence),
        ),
    )


@member_required("can_see_evidence")
def evidence_edit(request, membership, evidence_pk):
    evidence = _get_evidence(membership, evidence_pk)
    require(membership, "can_edit_evidence", evidence)
    if refused := _refuse_if_withdrawn(request, evidence):
        return refused
    form = EvidenceForm(*_posted(request), membership=membership, evidence=evidence)
    saved_since = []
    if request.method == "POST" and form.is_valid():
        try:
            evidence_service.update_evidence(
                membership=membership,
                evidence=evidence,
                seen_version=form.cleaned_data["version"],
                **form.service_arguments(),
                change_reason=form.identifier_change_reason,
            )
        except StaleEdit as stale:
            saved_since = refuse_stale(form, stale)  # `evidence` is now as saved, for the page
            form.keep_uploads()
        except ValidationError:
            # Withdrawn after the form was opened (the service re-read it under its lock): nothing to change.
            if refused := _refuse_if_withdrawn(request, evidence):
                return refused
            raise
        else:
            held_uploads.discard(form.held)
            messages.success(request, f"Evidence changed: {evidence.title}")
            _warn_unchecked(request, form)
            if warning := period_warning(membership.partnership, evidence.date):
                messages.warning(request, warning)
            return redirect("evidence_detail", membership.partnership.slug, evidence.pk)
    return render(
        request, "evidence/form.html", _context(membership, form=form, evidence=evidence, saved_since=saved_since)
    )


@member_required("can_see_evidence")
def evidence_withdraw(request, membership, evidence_pk):
    evidence = _get_evidence(membership, evidence_pk)
    require(membership, "can_edit_evidence", evidence)
    if refused := _refuse_if_withdrawn(request, evidence):
        return refused
    form = WithdrawalForm(_posted(request)[0])
    if request.method == "POST" and form.is_valid():
        try:
            evidence_service.withdraw_evidence(
                membership=membership, evidence=evidence, reason=form.cleaned_data["reason"]
            )
        except ValidationError:
            if refused := _refuse_if_withdrawn(request, evidence):  # withdrawn by someone else meanwhile
                return refused
            raise
        messages.success(request, f"Evidence withdrawn: {evidence.title}")
        return redirect("evidence_detail", membership.partnership.slug, evidence.pk)
    return render(request, "evidence/withdraw.html", _context(membership, form=form, evidence=evidence))


@member_required("can_see_evidence")
def evidence_grade(request, membership, evidence_pk):
    evidence = _get_evidence(membership, evidence_pk)
    require(membership, "can_grade_evidence")
    if refused := _refuse_if_withdrawn(request, evidence):
        return refused
    form = GradeForm(_posted(request)[0], initial={"strength": evidence.strength})
    if request.method == "POST" and form.is_valid():
        evidence_service.grade_evidence(
            membership=membership, evidence=evidence, strength=form.cleaned_data["strength"]
        )
        messages.success(request, f"Strength saved: {evidence.get_strength_display()}")
        return redirect("evidence_detail", membership.partnership.slug, evidence.pk)
    return render(request, "evidence/grade.html", _context(membership, form=form, evidence=evidence))


@member_required("can_see_evidence")
@require_safe
def attachment_download(request, membership, evidence_pk, attachment_pk):
    evidence = _get_evidence(membership, evidence_pk)
    attachment = get_object_or_404(evidence.attachments.all(), pk=attachment_pk)
    return recorded_download(
        request,
        membership,
        attachment.file,
        kind=AccessEvent.Kind.DOWNLOADED_ATTACHMENT,
        detail=f"attachment {attachment.pk} of evidence {evidence.pk}: {attachment.original_name}",
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
