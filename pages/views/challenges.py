"""The challenge log: list, raise, read, and the moves on a challenge (respond, accept, ask again, escalate).

A challenge is reached only through the caller's membership of its partnership, so a
challenge of another partnership answers 404 whatever its id. Viewers may not see
challenges (403). Each move has its own POST-only URL; on invalid input, or a move the
challenge's status does not allow, the detail page is shown again with the error and
the person's text, and nothing is saved.
"""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from common.history import history_entries
from common.naming import display_name
from partnerships.access import member_required
from partnerships.models import LeadSafeguardingPartner
from partnerships.permissions import allows, require
from recommendations.language import language_context
from scrutiny import challenges as workflow
from scrutiny.challenge_forms import AcceptForm, AskAgainForm, EscalateForm, RaiseChallengeForm, RespondForm

SHOW_CHOICES = {"open": "Open challenges", "all": "All challenges"}


def _get_challenge(membership, challenge_pk):
    """The challenge, if the member may read the log: found first, so a missing one is 404 to everyone."""
    challenge = get_object_or_404(
        membership.partnership.challenges.select_related("agency", "raised_by", "review"), pk=challenge_pk
    )
    require(membership, "can_see_challenges")
    return challenge


@member_required("can_see_challenges")
@require_safe
def challenge_list(request, membership):
    partnership = membership.partnership
    show = request.GET.get("show")
    if show not in SHOW_CHOICES:
        show = "open"
    return render(
        request,
        "challenges/challenge_list.html",
        {
            "membership": membership,
            "partnership": partnership,
            "challenges": list(partnership.challenges.for_log(show=show)),
            "counts": partnership.challenges.counts(),
            "show": show,
            "show_choices": SHOW_CHOICES,
        },
    )


@member_required("can_raise_challenge")
def challenge_create(request, membership):
    partnership = membership.partnership
    # ?recommendation=R6 (from a recommendation's page) starts the form with R6 ticked.
    ticked = partnership.framework.recommendations.filter(code__in=request.GET.getlist("recommendation"))
    form = RaiseChallengeForm(
        request.POST if request.method == "POST" else None, partnership=partnership, initial={"recommendations": ticked}
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            challenge = workflow.raise_challenge(
                membership=membership,
                text=data["text"],
                agency=data["agency"],
                recommendations=data["recommendations"],
                response_due=data["response_due"],
                change_reason=form.identifier_change_reason,
            )
        except workflow.ChallengeRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                f"Challenge raised. A response from {_addressee(challenge)} is due by "
                f"{challenge.response_due:%-d %B %Y}.",
            )
            return redirect(challenge)
    return render(
        request,
        "challenges/challenge_form.html",
        {"membership": membership, "partnership": partnership, "form": form, **language_context(partnership.framework)},
    )


def _safeguarding_partners(partnership) -> dict:
    """The partnership's lead safeguarding partners for the page: those recorded, whose place is not recorded,
    and whether any of them has an account to answer with."""
    recorded = LeadSafeguardingPartner.of(partnership)
    have = {partner.organisation for partner in recorded}
    return {
        "recorded": recorded,
        "missing": [
            holder for organisation, holder in LeadSafeguardingPartner.HOLDER.items() if organisation not in have
        ],
        "anyone_answers": any(partner.membership_id for partner in recorded),
    }


def _addressee(challenge) -> str:
    return challenge.agency.name if challenge.agency_id else "the partnership"


# The moves on a challenge: the permission each needs (on the challenge), its form, and what to say after it.
MOVES = {
    "respond": {
        "form": RespondForm,
        "permission": "can_respond_to",
        "done": lambda challenge: "Response sent. The scrutineer will consider it.",
    },
    "accept": {
        "form": AcceptForm,
        "permission": "can_follow_up_challenge",
        "done": lambda challenge: "Response accepted. The challenge is closed.",
    },
    "ask_again": {
        "form": AskAgainForm,
        "permission": "can_follow_up_challenge",
        "done": lambda challenge: f"Challenge asked again. A response is due by {challenge.response_due:%-d %B %Y}.",
    },
    "escalate": {
        "form": EscalateForm,
        "permission": "can_follow_up_challenge",
        "done": lambda challenge: (
            f"Challenge escalated to {workflow.ESCALATED_TO}. "
            + (
                "They have been told by email."
                if challenge.partnership.safeguarding_partners.exists()
                else "None of them is recorded yet: ask a site administrator to record them."
            )
        ),
    },
}
SERVICES = {
    "respond": workflow.respond,
    "accept": workflow.accept,
    "ask_again": workflow.ask_again,
    "escalate": workflow.escalate,
}


def _action_url(challenge, move):
    return reverse(f"challenge_{move}", args=[challenge.partnership.slug, challenge.pk])


def _move_form(move, challenge, data=None):
    return MOVES[move]["form"](data, prefix=move, action=_action_url(challenge, move))


def _render_detail(request, membership, challenge, posted=None):
    """The detail page with a form for each move this person may make now; `posted` is (move, bound form)."""
    forms = {
        move: _move_form(move, challenge)
        for move, spec in MOVES.items()
        if allows(membership, spec["permission"], challenge) and workflow.allowed(move, challenge)
    }
    error_form = None
    if posted:
        move, form = posted
        forms[move] = form  # shown with its errors, even when the status no longer allows the move
        error_form = form
    partnership = membership.partnership
    steps = list(challenge.steps.select_related("by"))
    for step in steps:
        step.by_name = display_name(step.by)
    return render(
        request,
        "challenges/challenge_detail.html",
        {
            "membership": membership,
            "partnership": partnership,
            "challenge": challenge,
            "recommendations": list(challenge.recommendations.order_by("position")),
            "steps": steps,
            "raised_by_name": display_name(challenge.raised_by),
            "forms": forms,
            "error_form": error_form,
            "may_respond": membership.can_respond_to(challenge),
            "escalated_to": workflow.ESCALATED_TO,
            "escalated_before": any(step.kind == step.Kind.ESCALATED for step in steps),
            "safeguarding_partners": _safeguarding_partners(partnership),
            "entries": history_entries(challenge),
            **language_context(partnership.framework),
        },
    )


@member_required
@require_safe
def challenge_detail(request, membership, challenge_pk):
    challenge = _get_challenge(membership, challenge_pk)
    return _render_detail(request, membership, challenge)


def _move_view(move):
    spec = MOVES[move]

    @member_required
    def view(request, membership, challenge_pk):
        challenge = _get_challenge(membership, challenge_pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        require(membership, spec["permission"], challenge)
        form = _move_form(move, challenge, request.POST)
        if form.is_valid():
            try:
                SERVICES[move](
                    challenge=challenge,
                    membership=membership,
                    change_reason=form.identifier_change_reason,
                    **form.cleaned_data,
                )
            except workflow.ChallengeRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, spec["done"](challenge))
                return redirect(challenge)
        return _render_detail(request, membership, challenge, posted=(move, form))

    view.__name__ = view.__qualname__ = f"challenge_{move}"
    return view


challenge_respond = _move_view("respond")
challenge_accept = _move_view("accept")
challenge_ask_again = _move_view("ask_again")
challenge_escalate = _move_view("escalate")
