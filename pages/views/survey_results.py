"""A survey round's results, their CSV export, making them evidence, and feeding its shares to indicators.

surveys.results decides what may be shown (no group of fewer than five answers; see its docstring); these views
show only what it returns. Results and the export: those who run surveys always, every other member once the
round is published (Membership.can_see_survey_results; 403 before), the round reached through the membership's
partnership (404 for another's: pages/views/survey_rounds.round_or_404). Making evidence: those who run surveys,
once the round has closed, once (surveys/evidence.py). Feeding indicators: those who may enter the indicators'
values (leads; scrutineers see the page but may not record) through scrutiny/survey_indicators.py.
Each page reads a fixed number of queries whatever the number of answers.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from common.forms import GovUKFormMixin
from indicators.forms import PERIOD_HINT
from pages.views.survey_rounds import round_or_404, survey_context
from pages.views.versioned import submit
from partnerships import spreadsheets
from partnerships.access import member_required
from partnerships.permissions import require
from scrutiny import survey_indicators
from scrutiny.survey_sections import summary
from surveys import evidence as survey_evidence
from surveys import results as survey_results


def _results(membership, round_pk, *, with_text=False):
    survey_round = round_or_404(membership, round_pk)
    require(membership, "can_see_survey_results", survey_round)
    return survey_round, survey_results.round_results(survey_round, with_text=with_text)


@member_required
@require_safe
def survey_round_results(request, membership, round_pk):
    survey_round, results = _results(membership, round_pk, with_text=True)
    return render(
        request,
        "surveys/results.html",
        survey_context(
            membership,
            survey_round=survey_round,
            results=results,
            shown=summary(results, chart_prefix="survey-area"),
            too_few=survey_results.TOO_FEW,
        ),
    )


EXPORT_HEADER = ["Area", "Group", "Answered", "Point 1", "Point 2", "Point 3", "Point 4", "Point 5", "Number confident",
                 "Number trained in the last two years", "Percent confident", "Percent trained"]  # fmt: skip


def export_rows(results: survey_results.RoundResults) -> list[list]:
    """One row per area and group that may be shown (then everyone); a group too small says so, with no figure.
    Free text is not exported: the page lists it under the rules, a spreadsheet would carry it beyond them."""
    rows = [["Answers", group.label, group.answers, *[""] * 9] for group in results.agencies.groups]
    rows.append(["Answers", survey_results.EVERYONE, results.total, *[""] * 9])
    rows += [["Answers", label, survey_results.TOO_FEW, *[""] * 9] for label in results.agencies.too_few]
    if not results.shown:
        return [["", results.withheld_reason, *[""] * 10]]
    for row in results.areas:
        for figures in row.rows:
            if figures.suppressed:
                rows.append([row.area.name, figures.group.label, survey_results.TOO_FEW, *[""] * 9])
                continue
            rows.append(
                [
                    row.area.name,
                    figures.group.label,
                    figures.answered,
                    *figures.counts,
                    figures.confident,
                    figures.trained,
                    round(figures.confident_percent),
                    round(figures.trained_percent),
                ]
            )
    return rows


@member_required
@require_safe
def survey_round_results_export(request, membership, round_pk):
    survey_round, results = _results(membership, round_pk)
    header = [*EXPORT_HEADER[:3], *[words for _, words in results.scale], *EXPORT_HEADER[8:]]
    data = spreadsheets.write_csv(header, export_rows(results))  # formulas escaped there
    response = HttpResponse(data, content_type=spreadsheets.CONTENT_TYPES[spreadsheets.CSV])
    response["Content-Disposition"] = content_disposition_header(True, f"survey-results-{survey_round.pk}.csv")
    return response


@member_required("can_run_surveys")
def survey_round_evidence(request, membership, round_pk):
    survey_round, results = _results(membership, round_pk)
    refused = False
    if request.method == "POST" and not survey_evidence.problems(survey_round, results):
        try:
            made = survey_evidence.make_evidence(membership=membership, survey_round=survey_round)
        except ValidationError:
            refused = True  # a colleague made it a moment before: the page says so
            survey_round.refresh_from_db()
        else:
            messages.success(request, f"Evidence logged: {made.title}")
            return redirect("evidence_detail", membership.partnership.slug, made.pk)
    elif request.method == "POST":
        refused = True
    return render(
        request,
        "surveys/results_evidence.html",
        survey_context(
            membership,
            survey_round=survey_round,
            results=results,
            problems=survey_evidence.problems(survey_round, results),
            refused=refused,
            title=survey_evidence.evidence_title(survey_round),
            summary=survey_evidence.evidence_summary(results) if results.shown else "",
            recommendations=survey_evidence.evidence_recommendations(survey_round),
            date=survey_evidence.closing_day(survey_round),
        ),
        status=400 if refused else 200,
    )


class PeriodForm(GovUKFormMixin, forms.Form):
    submit_label = "Record the shares"

    period = forms.CharField(label="Period the survey stands for", help_text=PERIOD_HINT, max_length=40)


@member_required("can_run_surveys")
def survey_round_indicators(request, membership, round_pk):
    survey_round, results = _results(membership, round_pk)
    feeds = survey_indicators.feeds(membership.partnership, results)
    may_record = bool(feeds) and all(membership.can_enter_values(feed.indicator) for feed in feeds)
    form = PeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and feeds and not may_record:
        raise PermissionDenied("Only those who may enter the indicators' values record them.")
    submitted = submit(
        form,
        lambda data: survey_indicators.record_shares(
            membership=membership, survey_round=survey_round, period=data["period"]
        ),
    )
    if submitted.done:
        messages.success(
            request, f"Recorded {len(submitted.result)} indicator values for {form.cleaned_data['period']}"
        )
        return redirect("survey_round_results", membership.partnership.slug, survey_round.pk)
    return render(
        request,
        "surveys/results_indicators.html",
        survey_context(
            membership, survey_round=survey_round, results=results, feeds=feeds, form=form, may_record=may_record
        ),  # fmt: skip
    )
