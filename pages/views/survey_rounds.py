"""Survey rounds: the list, a round's page with its agencies' links, opening and changing a round, revoking and
making links, closing early, publishing, and withholding a free-text answer from the results.

Thin views: member_required resolves the caller's membership (404 without one) and checks the permission the
view declares (403 when the role lacks it); a round is reached only through the membership's partnership, so
another partnership's is 404 whatever its id. Those who run surveys see every round in full; any other member sees
a published round only (a short page pointing to its results; 403 before). surveys/rounds.py and
surveys/withholding.py check the permission again and write.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST, require_safe

from common.history import history_entries
from common.versioning import StaleEdit, refuse_stale
from pages.views.versioned import say_saved, submit
from partnerships.access import member_required
from surveys import rounds as round_service
from surveys import withholding
from surveys.models import SurveyLink, SurveyRound, TextAnswer
from surveys.round_forms import RoundForm, WithholdForm


def survey_context(membership, **extra) -> dict:
    return {"membership": membership, "partnership": membership.partnership, **extra}


def round_or_404(membership, round_pk) -> SurveyRound:
    """The partnership's round `round_pk` (404 if it has none): in full for those who run surveys, published only
    for anyone else (403 before)."""
    survey_round = get_object_or_404(
        SurveyRound.objects.filter(partnership=membership.partnership).select_related("template", "partnership"),
        pk=round_pk,
    )
    if not (membership.can_run_surveys or survey_round.is_published):
        raise PermissionDenied("Only those who run surveys see a round before it is published.")
    return survey_round


def results_url(survey_round) -> str | None:
    """The round's results page (pages/urls_survey_results.py), if it is there."""
    try:
        return reverse("survey_round_results", args=[survey_round.partnership.slug, survey_round.pk])
    except NoReverseMatch:
        return None


def answer_url(request, token: str) -> str:
    """The absolute address of a link's answer page (pages/urls_survey_answers.py), to copy and send."""
    return request.build_absolute_uri(reverse("survey_answer", args=[token]))


def _to_round(survey_round, anchor: str = ""):
    return redirect(survey_round.get_absolute_url() + anchor)


@member_required
@require_safe
def survey_round_list(request, membership):
    rounds = list(round_service.with_answer_counts(round_service.rounds_for(membership)))
    for survey_round in rounds:
        survey_round.state = round_service.state_of(survey_round)
    return render(request, "surveys/round_list.html", survey_context(membership, rounds=rounds))


@member_required("can_run_surveys")
def survey_round_create(request, membership):
    form = RoundForm(request.POST if request.method == "POST" else None, partnership=membership.partnership)
    submitted = submit(form, lambda data: round_service.create_round(membership=membership, **form.service_arguments()))
    if submitted.done:
        messages.success(request, f"Survey round opened: {submitted.result.title}. Send each agency its link.")
        return _to_round(submitted.result, "#links")
    return render(request, "surveys/round_form.html", survey_context(membership, form=form))


@member_required("can_run_surveys")
def survey_round_edit(request, membership, round_pk):
    survey_round = round_or_404(membership, round_pk)
    if survey_round.is_published:
        messages.info(request, round_service.PUBLISHED_ROUND)
        return _to_round(survey_round)
    posted = request.POST if request.method == "POST" else None
    form = RoundForm(posted, partnership=membership.partnership, survey_round=survey_round)
    submitted = submit(
        form,
        lambda data: round_service.update_round(
            membership=membership, survey_round=survey_round, seen_version=data["version"], **form.service_arguments()
        ),
    )
    if submitted.done:
        say_saved(request, submitted.result, "Survey round changed.")
        return _to_round(survey_round)
    return render(
        request,
        "surveys/round_form.html",
        survey_context(
            membership,
            form=form,
            survey_round=survey_round,
            has_answers=survey_round.responses.exists(),
            saved_since=submitted.saved_since,
        ),
    )


@member_required
@require_safe
def survey_round_detail(request, membership, round_pk):
    survey_round = round_or_404(membership, round_pk)
    page = survey_context(
        membership,
        survey_round=survey_round,
        state=round_service.state_of(survey_round),
        results=results_url(survey_round),
    )
    if not membership.can_run_surveys:
        return render(request, "surveys/round_detail.html", page)
    agencies = round_service.links_by_agency(survey_round)
    for row in agencies:
        if row.live is not None:
            row.url = answer_url(request, row.live.token)
    page |= {
        "agencies": agencies,
        "answer_count": survey_round.responses.count(),
        "is_closed": round_service.is_closed(survey_round),
        "entries": history_entries(survey_round),
    }
    return render(request, "surveys/round_detail.html", page)


def _link_or_404(membership, round_pk, link_pk) -> SurveyLink:
    survey_round = round_or_404(membership, round_pk)
    link = get_object_or_404(SurveyLink.objects.filter(round=survey_round).select_related("agency"), pk=link_pk)
    link.round = survey_round
    return link


@member_required("can_run_surveys")
def survey_link_revoke(request, membership, round_pk, link_pk):
    """GET: what revoking does. POST: revoke the link; its token answers 404 from now on."""
    link = _link_or_404(membership, round_pk, link_pk)
    problem = round_service.ALREADY_REVOKED if link.is_revoked else None
    if request.method == "POST" and problem is None:
        try:
            round_service.revoke_link(membership=membership, link=link)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, f"{link.agency.name}'s link is revoked: it no longer opens the survey.")
            return _to_round(link.round, "#links")
    return render(
        request,
        "surveys/link_revoke.html",
        survey_context(membership, survey_round=link.round, link=link, problem=problem),
    )


@member_required("can_run_surveys")
@require_POST
def survey_link_create(request, membership, round_pk, agency_pk):
    survey_round = round_or_404(membership, round_pk)
    agency = get_object_or_404(membership.partnership.agencies.all(), pk=agency_pk)
    try:
        round_service.make_link(membership=membership, survey_round=survey_round, agency=agency)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"New link made for {agency.name}: copy it below and send it to its staff.")
    return _to_round(survey_round, "#links")


def _confirm(request, membership, survey_round, template, act, *, problems, done: str):
    """GET: the confirmation page (or what stops the step). POST: `act`, then back to the round saying `done`;
    or the page again saying what stopped it."""
    refused = False
    if request.method == "POST":
        try:
            act(membership=membership, survey_round=survey_round)
        except ValidationError:
            refused = True
        else:
            messages.success(request, done)
            return _to_round(survey_round)
    return render(
        request,
        template,
        survey_context(membership, survey_round=survey_round, refused=refused, problems=problems(survey_round)),
    )


def _close_problems(survey_round) -> list[str]:
    if survey_round.is_published or round_service.is_closed(survey_round):
        return [round_service.ALREADY_CLOSED]
    return []


@member_required("can_run_surveys")
def survey_round_close(request, membership, round_pk):
    survey_round = round_or_404(membership, round_pk)
    return _confirm(
        request,
        membership,
        survey_round,
        "surveys/close.html",
        round_service.close_round,
        problems=_close_problems,
        done=f"{survey_round.title} is closed: its links take no more answers.",
    )


@member_required("can_run_surveys")
def survey_round_publish(request, membership, round_pk):
    survey_round = round_or_404(membership, round_pk)
    return _confirm(
        request,
        membership,
        survey_round,
        "surveys/publish.html",
        round_service.publish_round,
        problems=round_service.publish_problems,
        done=f"{survey_round.title} is published: every member can read its results.",
    )


def _withholding_entries(answer) -> list:
    """The answer's history of being withheld and shown again: never its creation, whose time is not shown."""
    return [entry for entry in history_entries(answer) if entry.what != "Created"]


@member_required("can_withhold_survey_answers")
def survey_answer_withhold(request, membership, round_pk, answer_pk):
    """GET: the answer, its question and a reason to withhold it from the results (or, once withheld, to show it
    again). POST: withhold or restore, stale-safe on the answer's version. The text of an answer from a group too
    small to be shown is not shown here either."""
    survey_round = round_or_404(membership, round_pk)
    answer = get_object_or_404(
        TextAnswer.objects.filter(response__round=survey_round).select_related("response", "question", "withheld_by"),
        pk=answer_pk,
    )
    answer.response.round = survey_round
    small = withholding.is_in_a_small_group(answer)
    restoring = answer.is_withheld
    form = WithholdForm(request.POST if request.method == "POST" else None, restoring=restoring, version=answer.version)
    saved_since = []
    if form.is_bound and small:
        form.add_error(None, withholding.SMALL_GROUP)
    elif form.is_bound and form.is_valid():
        act = withholding.restore_answer if restoring else withholding.withhold_answer
        try:
            act(
                membership=membership,
                answer=answer,
                seen_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                change_reason=form.identifier_change_reason,
            )
        except StaleEdit as stale:
            saved_since = refuse_stale(form, stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "The answer is shown in the results again."
                if restoring
                else "The answer is withheld from the results.",
            )
            return redirect(results_url(survey_round) or survey_round.get_absolute_url())
    return render(
        request,
        "surveys/withhold.html",
        survey_context(
            membership,
            survey_round=survey_round,
            answer=answer,
            small=small,
            restoring=restoring,
            form=form,
            saved_since=saved_since,
            entries=_withholding_entries(answer),
            results=results_url(survey_round),
        ),
    )
