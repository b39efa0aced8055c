"""The action plan: list, create, read, change, progress updates and verification of completion.

Thin views: member_required resolves the caller's membership (404 for anyone without
one), items are reached only through the membership's partnership (so another
partnership's item is 404 whatever its id), the role's rights are asked of Membership
(403 when missing) and partnerships/actions.py does the writes, checking the rights
again. Everyone with a role reads the plan, viewers included.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from common.history import history_entries
from common.naming import display_name
from common.versioning import StaleEdit, refuse_stale
from partnerships import actions as action_service
from partnerships.access import member_required
from partnerships.action_forms import ActionFilterForm, ActionItemForm, ProgressUpdateForm, VerificationForm
from partnerships.models import ActionItem, Agency, Evidence, ProgressUpdate
from partnerships.permissions import require
from recommendations.language import language_context
from recommendations.models import Recommendation

PAGE_SIZE = 50
Status = ActionItem.Status


def _ordered_recommendations():
    return Prefetch("recommendations", queryset=Recommendation.objects.order_by("position"))


def _detailed(membership):
    """The partnership's items with everything the detail page shows, in a fixed number of queries."""
    evidence = Evidence.objects.select_related("agency").order_by("-date", "-pk")
    return membership.partnership.actions.select_related("owner_agency", "verified_by", "created_by").prefetch_related(
        _ordered_recommendations(),
        Prefetch("contributing_agencies", queryset=Agency.objects.order_by("name")),
        Prefetch("completion_evidence", queryset=evidence),
        Prefetch("impact_evidence", queryset=evidence),
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author")),
    )


def _get_item(membership, action_pk, queryset=None) -> ActionItem:
    """The item `action_pk` of the caller's partnership, or 404."""
    queryset = queryset if queryset is not None else membership.partnership.actions.select_related("partnership")
    return get_object_or_404(queryset, pk=action_pk)


def _context(membership, **extra):
    return {
        "membership": membership,
        "partnership": membership.partnership,
        **language_context(membership.partnership.framework),
        **extra,
    }


def _rows(membership, items, today):
    """The page's items, each with its recommendations as (code, title) and whether it is overdue today."""
    items = list(items)
    labels = membership.partnership.actions.filter(pk__in=[item.pk for item in items]).recommendation_labels()
    for item in items:
        item.recommendation_labels = labels.get(item.pk, ())
        item.overdue = item.is_overdue(today)
    return items


@member_required
@require_safe
def action_list(request, membership):
    partnership = membership.partnership
    today = timezone.localdate()
    summary = partnership.actions.summary(today)
    filters = ActionFilterForm(request.GET or None, partnership=partnership)
    paginator = Paginator(filters.apply(partnership.actions.all(), today).for_list(), PAGE_SIZE)
    if not filters.is_filtered:
        paginator.count = summary["total"]  # the whole plan, already counted by the summary
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = _rows(membership, page.object_list, today)
    return render(
        request,
        "actions/list.html",
        {
            "membership": membership,
            "partnership": partnership,
            "filters": filters,
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
            "summary": summary,
        },
    )


@member_required("can_create_actions")
def action_create(request, membership):
    partnership = membership.partnership
    # ?recommendation=R1 (from a recommendation's page) starts the form with R1 ticked.
    initial = {"recommendations": request.GET.getlist("recommendation")}
    form = ActionItemForm(request.POST if request.method == "POST" else None, partnership=partnership, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            item = action_service.create_action(membership=membership, **form.service_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Action added to the plan.")
            return redirect(item)
    return render(request, "actions/form.html", _context(membership, form=form))


def _render_detail(request, membership, action_pk, progress_form=None):
    """The item's page; `progress_form` is a bound progress update form to show again with its errors."""
    item = _get_item(membership, action_pk, _detailed(membership))
    may_comment = membership.can_comment_on_action(item)
    if progress_form is None and may_comment:
        progress_form = ProgressUpdateForm(
            item=item,
            can_change_status=membership.can_update_action(item),
            action=reverse("action_update", args=[membership.partnership.slug, item.pk]),
        )
    updates = list(item.updates.all())
    for update in updates:
        update.author_name = display_name(update.author)
    impact_evidence = item.impact_evidence.all()
    return render(
        request,
        "actions/detail.html",
        _context(
            membership,
            item=item,
            overdue=item.is_overdue(),
            updates=updates,
            verified_by_name=display_name(item.verified_by),
            # Marked evidenced before the rule, or its evidence regraded or withdrawn since: said, not hidden.
            impact_unsupported=item.impact_evidenced and not action_service.shows_impact(impact_evidence),
            can_edit=membership.can_edit_action(item),
            can_verify=action_service.may_verify(membership, item),
            can_change_status=membership.can_update_action(item),
            progress_form=progress_form if may_comment else None,
            error_form=progress_form if progress_form is not None and progress_form.errors else None,
            entries=history_entries(item),
        ),
    )


@member_required
@require_safe
def action_detail(request, membership, action_pk):
    return _render_detail(request, membership, action_pk)


@member_required
def action_edit(request, membership, action_pk):
    item = _get_item(membership, action_pk)
    require(membership, "can_edit_action", item)
    partnership = membership.partnership
    form = ActionItemForm(request.POST if request.method == "POST" else None, partnership=partnership, item=item)
    saved_since = []
    if form.is_bound and form.is_valid():
        try:
            outcome = action_service.update_action(
                item=item, membership=membership, seen_version=form.cleaned_data["version"], **form.service_arguments()
            )
        except StaleEdit as stale:
            saved_since = refuse_stale(form, stale)  # `item` is now as saved, for the page
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not outcome.changed:
                messages.info(request, "Nothing was changed.")
            elif outcome.verification_cleared:
                messages.success(
                    request, "Action changed. Its verification was cleared: a scrutineer will need to verify it again."
                )
            else:
                messages.success(request, "Action changed.")
            return redirect(item)
    return render(
        request,
        "actions/form.html",
        _context(
            membership, form=form, item=item, verified_by_name=display_name(item.verified_by), saved_since=saved_since
        ),
    )


@member_required
def action_update(request, membership, action_pk):
    item = _get_item(membership, action_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(membership, "can_comment_on_action", item)
    can_change_status = membership.can_update_action(item)
    if request.POST.get("status"):
        require(membership, "can_update_action", item)
    form = ProgressUpdateForm(
        request.POST,
        item=item,
        can_change_status=can_change_status,
        action=reverse("action_update", args=[membership.partnership.slug, item.pk]),
    )
    if form.is_valid():
        try:
            outcome = action_service.add_progress_update(
                item=item,
                membership=membership,
                note=form.cleaned_data["note"],
                status=form.cleaned_data.get("status"),
                change_reason=form.identifier_change_reason,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = "Progress update added."
            if outcome.changed:
                message += f" The status is now {item.get_status_display().lower()}."
            if outcome.verification_cleared:
                message += " Its verification was cleared: a scrutineer will need to verify it again."
            elif outcome.changed and item.status == Status.COMPLETE:
                message += " A scrutineer can now verify its completion."
            messages.success(request, message)
            return redirect(item)
    return _render_detail(request, membership, action_pk, progress_form=form)


@member_required
def action_verify(request, membership, action_pk):
    """The item's evidence of completion and the scrutineer's note: verifying is reading, then saying why."""
    item = _get_item(membership, action_pk, _detailed(membership))
    require(membership, "can_verify_actions")
    if not action_service.may_verify(membership, item):
        if item.is_verified:
            messages.info(request, "This item's completion has already been verified.")
        else:
            messages.info(
                request, f"Only a complete item can be verified: its status is now “{item.get_status_display()}”."
            )
        return redirect(item)
    action = reverse("action_verify", args=[membership.partnership.slug, item.pk])
    has_evidence = _has_current(item.completion_evidence.all())
    form = VerificationForm(
        request.POST if request.method == "POST" else None, item=item, has_evidence=has_evidence, action=action
    )
    saved_since = []
    if form.is_bound and form.is_valid():
        try:
            action_service.verify_completion(
                item=item,
                membership=membership,
                note=form.cleaned_data["note"],
                seen_version=form.cleaned_data["version"],
                change_reason=form.identifier_change_reason,
            )
        except StaleEdit as stale:
            saved_since = refuse_stale(form, stale)
            item = _get_item(membership, action_pk, _detailed(membership))  # its evidence as it is now
            has_evidence = _has_current(item.completion_evidence.all())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Completion verified.")
            return redirect(item)
    return render(
        request,
        "actions/verify.html",
        _context(membership, item=item, form=form, has_evidence=has_evidence, saved_since=saved_since),
    )


def _has_current(evidence) -> bool:
    return any(not e.is_withdrawn for e in evidence)
