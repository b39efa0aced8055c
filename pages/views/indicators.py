"""The partnership's indicators: the list with each one's latest value and trend, an indicator's page with its
values, adding and changing the partnership's own indicators, entering values of its area, setting a target.

Thin views: member_required resolves the caller's membership (404 for anyone without one) and checks the
permission the view declares (403 when the role lacks it); indicators are reached only through
Indicator.objects.of(the membership's partnership), so another partnership's own indicator is 404 whatever
its id; indicators/values.py checks the permission again and writes. Only the partnership's own indicators
are changed here: the edit page of one the framework suggests answers 404, as there is no such indicator of
the partnership's own to change (the suggestions are the framework file's). Only the values of the
partnership's own area are entered and changed by hand: a comparator's edit page answers 404 too.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from common.history import history_entries
from common.versioning import StaleEdit, refuse_stale
from indicators import trends
from indicators import values as value_service
from indicators.forms import IndicatorForm, TargetForm, ValueForm, plain_number
from indicators.models import Area, Indicator, Target
from pages.views.versioned import Submission, say_saved, submit
from partnerships.access import member_required
from partnerships.permissions import require
from recommendations.models import Recommendation

REMOVE_TARGET = "remove"  # the name of the target page's button that removes it


def _indicators(membership):
    """The indicators the partnership records, each with its recommendations in the framework's order."""
    ordered = Recommendation.objects.order_by("position").only("pk", "code", "title", "position")
    return Indicator.objects.of(membership.partnership).prefetch_related(Prefetch("recommendations", ordered))


def _indicator_or_404(membership, indicator_pk) -> Indicator:
    return get_object_or_404(_indicators(membership), pk=indicator_pk)


def _context(membership, **extra) -> dict:
    return {"membership": membership, "partnership": membership.partnership, **extra}


@member_required("can_see_indicators")
@require_safe
def indicator_list(request, membership):
    partnership = membership.partnership
    indicator_trends = trends.trends_for(partnership, _indicators(membership))
    recommendations = partnership.framework.recommendations.order_by("position").only("pk", "code", "title")
    return render(
        request,
        "indicators/list.html",
        _context(
            membership,
            sections=by_recommendation(recommendations, indicator_trends),
            gaps=[trend for trend in indicator_trends if trend.is_gap],
            latest_period=trends.reference_period(indicator_trends),
        ),
    )


def by_recommendation(recommendations, indicator_trends) -> list[tuple[Recommendation, list]]:
    """Each recommendation with the trends of the indicators that measure it (one indicator may measure two)."""
    sections = {recommendation.pk: (recommendation, []) for recommendation in recommendations}
    for trend in indicator_trends:
        for recommendation in trend.indicator.recommendations.all():
            sections[recommendation.pk][1].append(trend)
    return list(sections.values())


@member_required("can_see_indicators")
@require_safe
def indicator_detail(request, membership, indicator_pk):
    indicator = _indicator_or_404(membership, indicator_pk)
    (trend,) = trends.trends_for(membership.partnership, [indicator])
    return render(
        request,
        "indicators/detail.html",
        _context(
            membership,
            indicator=indicator,
            trend=trend,
            values=value_service.values_of(membership.partnership, indicator),
            can_enter_values=membership.can_enter_values(indicator),
            entries=history_entries(indicator) if not indicator.is_suggested else [],
        ),
    )


@member_required("can_manage_indicators")
def indicator_create(request, membership):
    # ?recommendation=R3 (from a recommendation's page) starts the form with R3 ticked.
    initial = {"recommendations": request.GET.getlist("recommendation")}
    posted = request.POST if request.method == "POST" else None
    form = IndicatorForm(posted, partnership=membership.partnership, initial=initial)
    submitted = submit(
        form, lambda data: value_service.create_indicator(membership=membership, **form.service_arguments())
    )
    if submitted.done:
        messages.success(request, f"Indicator added: {submitted.result.code}")
        return redirect("indicator_detail", membership.partnership.slug, submitted.result.pk)
    return render(request, "indicators/indicator_form.html", _context(membership, form=form))


@member_required("can_manage_indicators")
def indicator_edit(request, membership, indicator_pk):
    indicator = get_object_or_404(membership.partnership.own_indicators, pk=indicator_pk)
    posted = request.POST if request.method == "POST" else None
    form = IndicatorForm(posted, partnership=membership.partnership, indicator=indicator)
    submitted = submit(
        form,
        lambda data: value_service.update_indicator(
            membership=membership, indicator=indicator, seen_version=data["version"], **form.service_arguments()
        ),
    )
    if submitted.done:
        say_saved(request, submitted.result, f"Indicator changed: {indicator.code}")
        return redirect("indicator_detail", membership.partnership.slug, indicator.pk)
    return render(
        request,
        "indicators/indicator_form.html",
        _context(membership, form=form, indicator=indicator, saved_since=submitted.saved_since),
    )


def _value_page(request, membership, form, indicator, submitted: Submission, record=None):
    return render(
        request,
        "indicators/value_form.html",
        _context(
            membership,
            form=form,
            indicator=indicator,
            record=record,
            period_taken=submitted.existing,
            saved_since=submitted.saved_since,
        ),
    )


@member_required("can_see_indicators")
def value_create(request, membership, indicator_pk):
    indicator = _indicator_or_404(membership, indicator_pk)
    require(membership, "can_enter_values", indicator)
    form = ValueForm(request.POST if request.method == "POST" else None, indicator=indicator)
    submitted = submit(
        form,
        lambda data: value_service.record_value(membership=membership, indicator=indicator, **form.service_arguments()),
    )
    if submitted.done:
        messages.success(request, f"Value for {submitted.result.period} saved.")
        return redirect("indicator_detail", membership.partnership.slug, indicator.pk)
    return _value_page(request, membership, form, indicator, submitted)


@member_required("can_see_indicators")
def value_edit(request, membership, indicator_pk, value_pk):
    indicator = _indicator_or_404(membership, indicator_pk)
    record = get_object_or_404(
        indicator.values.filter(partnership=membership.partnership, area=Area.LOCAL), pk=value_pk
    )
    record.indicator = indicator
    require(membership, "can_enter_values", indicator)
    form = ValueForm(request.POST if request.method == "POST" else None, indicator=indicator, record=record)
    submitted = submit(
        form,
        lambda data: value_service.change_value(
            membership=membership, record=record, seen_version=data["version"], **form.service_arguments()
        ),
    )
    if submitted.done:
        say_saved(request, submitted.result, f"Value for {record.period} saved.")
        return redirect("indicator_detail", membership.partnership.slug, indicator.pk)
    return _value_page(request, membership, form, indicator, submitted, record=record)


@member_required("can_set_targets")
def target_edit(request, membership, indicator_pk):
    indicator = _indicator_or_404(membership, indicator_pk)
    target = Target.objects.filter(partnership=membership.partnership, indicator=indicator).first()
    posted = request.POST if request.method == "POST" else None
    # A form opened when there was no target carries no version: it is read as such though one is set now.
    opened_with_target = posted is None or "version" in posted
    form = TargetForm(posted, indicator=indicator, target=target if opened_with_target else None)
    saved_since = []
    done = reverse("indicator_detail", args=[membership.partnership.slug, indicator.pk])
    if posted is not None and REMOVE_TARGET in posted:
        try:
            removed = value_service.clear_target(
                membership=membership, indicator=indicator, seen_version=_posted_version(posted)
            )
        except StaleEdit as stale:
            as_it_stands = {"value": plain_number(stale.current.value), "by_period": stale.current.by_period}
            form, saved_since = _target_refused(indicator, stale, as_it_stands)
        else:
            say_saved(request, removed, "Target removed.")
            return redirect(done)
    elif form.is_bound and form.is_valid():
        try:
            changed = value_service.set_target(
                membership=membership,
                indicator=indicator,
                value=form.cleaned_data["value"],
                by_period=form.cleaned_data["by_period"],
                seen_version=form.cleaned_data.get("version"),
            )
        except StaleEdit as stale:
            form, saved_since = _target_refused(indicator, stale, posted.dict())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            say_saved(request, changed, "Target saved.")
            return redirect(done)
    return render(
        request,
        "indicators/target_form.html",
        _context(membership, form=form, indicator=indicator, target=target, saved_since=saved_since),
    )


def _target_refused(indicator, stale: StaleEdit, data: dict):
    """The target's form with `data` (what the person sent, or the target as it stands when they asked to remove
    it), saying who changed the target since the page was opened, at its newer version: saving or removing it
    again is then a deliberate choice over the colleague's change."""
    form = TargetForm(data | {"version": max(stale.seen_version, 0)}, indicator=indicator, target=stale.current)
    form.is_valid()
    return form, refuse_stale(form, stale)


def _posted_version(posted) -> int:
    """The target's version the removing form was opened at; -1 (always stale) if it is missing or garbled."""
    try:
        return int(posted.get("version", ""))
    except ValueError:
        return -1
