"""The challenge workflow: each move, the moves each status refuses, dated and attributed steps,
due dates in the past refused, and nothing half-saved when a move fails."""

import datetime

import pytest
from django.utils import timezone

from scrutiny import challenges as workflow
from scrutiny.models import Challenge, ChallengeStep
from tests.support.builders import as_member, in_days

Status = Challenge.Status
Kind = ChallengeStep.Kind


def state(challenge):
    """What a refused move must leave as it was."""
    challenge = Challenge.objects.get(pk=challenge.pk)
    return (challenge.status, challenge.response_due, list(challenge.steps.values_list("kind", "text", "by")))


@pytest.fixture
def r6(partnership):
    return partnership.framework.recommendations.get(code="R6")


@pytest.fixture
def raised(personas, partnership, health_agency, r6):
    return workflow.raise_challenge(
        membership=as_member(personas["scrutineer"]),
        text="Show us the health pathway to the sexual assault referral centre.",
        agency=health_agency,
        recommendations=[r6],
        response_due=in_days(30),
    )


def to_status(challenge, status, personas):
    """Walk a fresh challenge to `status` through the workflow."""
    if status in (Status.RESPONDED, Status.ACCEPTED):
        workflow.respond(challenge=challenge, membership=as_member(personas["contributor"]), text="Here it is.")
    if status == Status.ACCEPTED:
        workflow.accept(challenge=challenge, membership=as_member(personas["scrutineer"]))
    if status == Status.ESCALATED:
        workflow.escalate(challenge=challenge, membership=as_member(personas["scrutineer"]), text="No answer.")
    return challenge


# Each move


def test_raise_challenge_awaits_a_response_with_a_raised_step(raised, personas, world, health_agency, r6):
    before = timezone.now()
    assert raised.status == Status.AWAITING_RESPONSE
    assert raised.agency == health_agency
    assert list(raised.recommendations.all()) == [r6]
    assert raised.raised_by == personas["scrutineer"]
    [step] = raised.steps.all()
    assert (step.kind, step.text, step.by) == (Kind.RAISED, raised.text, personas["scrutineer"])
    assert step.at <= timezone.now() and before - datetime.timedelta(minutes=1) <= step.at


def test_raise_challenge_belongs_to_the_current_review(personas, partnership, world, r6):
    challenge = workflow.raise_challenge(
        membership=as_member(personas["scrutineer"]),
        text="Where is the partnership's strategy?",
        agency=None,
        recommendations=[r6],
        response_due=in_days(0),
    )
    assert challenge.review == world["review"]
    assert challenge.agency is None and challenge.addressee == "The partnership as a whole"


def test_raise_challenge_without_a_review_leaves_it_empty(raised):
    assert raised.review is None


def test_respond_then_accept_closes_it(raised, personas):
    before = timezone.now()
    response = workflow.respond(
        challenge=raised, membership=as_member(personas["contributor"]), text="Pathway agreed in March."
    )
    assert Challenge.objects.get(pk=raised.pk).status == Status.RESPONDED
    assert (response.kind, response.by, response.text) == (
        Kind.RESPONSE,
        personas["contributor"],
        "Pathway agreed in March.",
    )
    assert response.at >= before

    acceptance = workflow.accept(challenge=raised, membership=as_member(personas["scrutineer"]), note="  Good.  ")
    raised.refresh_from_db()
    assert raised.status == Status.ACCEPTED and not raised.is_open
    assert raised not in Challenge.objects.open()
    assert (acceptance.kind, acceptance.by, acceptance.text) == (Kind.ACCEPTED, personas["scrutineer"], "Good.")
    assert [s.kind for s in raised.steps.all()] == [Kind.RAISED, Kind.RESPONSE, Kind.ACCEPTED]


def test_accept_without_a_note(raised, personas):
    to_status(raised, Status.RESPONDED, personas)
    step = workflow.accept(challenge=raised, membership=as_member(personas["scrutineer"]))
    assert step.text == ""


def test_ask_again_awaits_a_new_response_by_the_new_date(raised, personas):
    to_status(raised, Status.RESPONDED, personas)
    new_due = in_days(30) + datetime.timedelta(days=14)
    step = workflow.ask_again(
        challenge=raised, membership=as_member(personas["scrutineer"]), text="Send the audit too.", response_due=new_due
    )
    raised.refresh_from_db()
    assert (raised.status, raised.response_due) == (Status.AWAITING_RESPONSE, new_due)
    assert (step.kind, step.by, step.text) == (Kind.ASKED_AGAIN, personas["scrutineer"], "Send the audit too.")
    # ... and the agency can answer again.
    workflow.respond(challenge=raised, membership=as_member(personas["contributor"]), text="Audit attached.")
    assert Challenge.objects.get(pk=raised.pk).status == Status.RESPONDED


@pytest.mark.parametrize("start", [Status.AWAITING_RESPONSE, Status.RESPONDED])
def test_escalate_goes_to_the_lead_safeguarding_partners_and_one_of_them_responds(
    raised, personas, safeguarding_partners, start
):
    to_status(raised, start, personas)
    step = workflow.escalate(challenge=raised, membership=as_member(personas["scrutineer"]), text="Twice unanswered.")
    raised.refresh_from_db()
    assert raised.status == Status.ESCALATED
    assert raised.get_status_display() == "Escalated to lead safeguarding partners"
    assert workflow.ESCALATED_TO == (
        "the lead safeguarding partners (the local authority, the integrated care board and the police)"
    )
    assert (step.kind, step.by, step.text) == (Kind.ESCALATED, personas["scrutineer"], "Twice unanswered.")
    partner = safeguarding_partners["user"]
    workflow.respond(challenge=raised, membership=as_member(partner), text="The partners met on 3 May.")
    assert Challenge.objects.get(pk=raised.pk).status == Status.RESPONDED
    assert raised.steps.last().by == partner


def test_escalated_challenge_still_counts_as_awaiting_a_response(raised, personas):
    to_status(raised, Status.ESCALATED, personas)
    Challenge.objects.filter(pk=raised.pk).update(response_due=in_days(-1))
    assert raised in Challenge.objects.overdue()


def test_each_move_is_recorded_in_the_history_by_who_made_it(raised, personas):
    to_status(raised, Status.ESCALATED, personas)
    records = list(raised.history.order_by("history_date", "history_id"))
    assert [r.status for r in records] == [Status.AWAITING_RESPONSE, Status.ESCALATED]
    assert {r.history_user for r in records} == {personas["scrutineer"]}


# What each status refuses


def responder(challenge, people):
    """Who may answer the challenge now (Membership.can_respond_to): a lead safeguarding partner once it
    is escalated, the partnership manager before."""
    return people["partner"] if challenge.is_escalated else people["lead"]


MOVES = {
    "respond": lambda c, p: workflow.respond(challenge=c, membership=as_member(responder(c, p)), text="An answer."),
    "accept": lambda c, p: workflow.accept(challenge=c, membership=as_member(p["scrutineer"]), note="Fine."),
    "ask_again": lambda c, p: workflow.ask_again(
        challenge=c, membership=as_member(p["scrutineer"]), text="More?", response_due=in_days(30)
    ),
    "escalate": lambda c, p: workflow.escalate(challenge=c, membership=as_member(p["scrutineer"]), text="Up it goes."),
}
ALLOWED = {
    Status.AWAITING_RESPONSE: {"respond", "escalate"},
    Status.RESPONDED: {"accept", "ask_again", "escalate"},
    Status.ESCALATED: {"respond"},
    Status.ACCEPTED: set(),
}


@pytest.mark.parametrize("status", list(ALLOWED))
@pytest.mark.parametrize("move", list(MOVES))
def test_each_status_allows_only_its_moves(raised, personas, safeguarding_partners, status, move):
    people = {**personas, "partner": safeguarding_partners["user"]}
    to_status(raised, status, personas)
    assert workflow.allowed(move, raised) == (move in ALLOWED[status])
    if move in ALLOWED[status]:
        MOVES[move](raised, people)
        assert raised.steps.count() == len(state(raised)[2])
        return
    before = state(raised)
    with pytest.raises(workflow.ChallengeRefused) as refused:
        MOVES[move](raised, people)
    assert isinstance(refused.value, ValueError)
    assert str(refused.value)  # a message for people
    assert state(raised) == before


def test_a_stale_copy_cannot_make_a_second_move(raised, personas):
    """Two people acting on the same page: the second sees the status as it is now, not as it was."""
    stale = Challenge.objects.get(pk=raised.pk)
    to_status(raised, Status.ACCEPTED, personas)
    with pytest.raises(workflow.ChallengeRefused, match="accepted and is closed"):
        workflow.respond(challenge=stale, membership=as_member(personas["lead"]), text="Late answer.")
    assert raised.steps.count() == 3


# Input no challenge may hold


@pytest.mark.parametrize("days", [-1, -365])
def test_due_date_in_the_past_is_refused(personas, partnership, r6, days):
    with pytest.raises(workflow.ChallengeRefused, match="today or in the future"):
        workflow.raise_challenge(
            membership=as_member(personas["scrutineer"]),
            text="Late.",
            agency=None,
            recommendations=[r6],
            response_due=in_days(days),
        )
    assert not Challenge.objects.exists() and not ChallengeStep.objects.exists()


def test_ask_again_with_a_past_date_is_refused(raised, personas):
    to_status(raised, Status.RESPONDED, personas)
    before = state(raised)
    with pytest.raises(workflow.ChallengeRefused, match="today or in the future"):
        workflow.ask_again(
            challenge=raised,
            membership=as_member(personas["scrutineer"]),
            text="More?",
            response_due=in_days(-1),
        )
    assert state(raised) == before


@pytest.mark.parametrize(
    "change, message",
    [
        ({"text": "   "}, "Enter the challenge"),
        ({"recommendations": []}, "at least one recommendation"),
        ({"agency": "other"}, "agency of this partnership"),
    ],
)
def test_raise_challenge_refuses_bad_input(personas, partnership, world, r6, change, message):
    values = {"text": "Fine text.", "agency": None, "recommendations": [r6], **change}
    if values["agency"] == "other":
        values["agency"] = world["other_challenge"].partnership.agencies.get()
    before = Challenge.objects.count()
    with pytest.raises(workflow.ChallengeRefused, match=message):
        workflow.raise_challenge(membership=as_member(personas["scrutineer"]), response_due=in_days(30), **values)
    assert Challenge.objects.count() == before


def test_empty_response_is_refused(raised, personas):
    before = state(raised)
    with pytest.raises(workflow.ChallengeRefused, match="Enter your response"):
        workflow.respond(challenge=raised, membership=as_member(personas["lead"]), text=" \n ")
    assert state(raised) == before


# Nothing half-saved


class Boom(Exception):
    pass


def fail_on_step(monkeypatch):
    def create(*args, **kwargs):
        raise Boom

    monkeypatch.setattr(ChallengeStep.objects, "create", create)


def test_raise_challenge_saves_nothing_if_its_step_fails(personas, partnership, r6, monkeypatch):
    fail_on_step(monkeypatch)
    with pytest.raises(Boom):
        workflow.raise_challenge(
            membership=as_member(personas["scrutineer"]),
            text="All or nothing.",
            agency=None,
            recommendations=[r6],
            response_due=in_days(30),
        )
    assert not Challenge.objects.exists()
    assert not Challenge.recommendations.through.objects.exists()
    assert not Challenge.history.exists()


@pytest.mark.parametrize("move", ["respond", "escalate"])
def test_a_move_changes_no_status_if_its_step_fails(raised, personas, monkeypatch, move):
    before = state(raised)
    history = raised.history.count()
    fail_on_step(monkeypatch)
    with pytest.raises(Boom):
        MOVES[move](raised, personas)
    assert state(raised) == before
    assert raised.history.count() == history


# Through the pages

BASE = "/partnerships/northmere/challenges/"


def date_fields(day, prefix=""):
    prefix = f"{prefix}-" if prefix else ""
    return {
        f"{prefix}response_due_0": day.day,
        f"{prefix}response_due_1": day.month,
        f"{prefix}response_due_2": day.year,
    }


def test_scrutineer_raises_a_challenge_through_the_form(client, personas, world, health_agency, r6):
    client.force_login(personas["scrutineer"])
    form = client.get(BASE + "new/").content.decode()
    assert "The partnership as a whole" in form and "Northmere Health" in form and "R6: " in form
    assert 'id="language-guidance-rules"' in form

    response = client.post(
        BASE + "new/",
        {
            "text": "Show the pathway.",
            "agency": health_agency.pk,
            "recommendations": [r6.pk],
            **date_fields(in_days(30)),
        },
        follow=True,
    )
    challenge = Challenge.objects.get(text="Show the pathway.")
    assert response.redirect_chain == [(challenge.get_absolute_url(), 302)]
    html = response.content.decode()
    assert "Challenge raised. A response from Northmere Health is due by" in html
    assert "govuk-notification-banner--success" in html
    assert challenge.review == world["review"] and challenge.raised_by == personas["scrutineer"]


@pytest.mark.parametrize(
    "change, error",
    [
        (date_fields(in_days(-1)), "Response due date must be today or in the future"),
        (
            {"response_due_0": "31", "response_due_1": "2", "response_due_2": str(in_days(0).year + 1)},
            "Response due date must be a real date",
        ),
        ({"response_due_0": "", "response_due_1": "", "response_due_2": ""}, "Enter the response due date"),
        ({"recommendations": []}, "Select at least one recommendation the challenge is about"),
        ({"text": ""}, "Enter your challenge"),
    ],
)
def test_raise_form_refuses_bad_input_and_keeps_what_was_typed(client, personas, r6, change, error):
    client.force_login(personas["scrutineer"])
    data = {"text": "Typed with care.", "agency": "", "recommendations": [r6.pk], **date_fields(in_days(30)), **change}
    response = client.post(BASE + "new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and error in html
    if data["text"]:
        assert "Typed with care.</textarea>" in html
    assert not Challenge.objects.exists()


def test_whole_round_through_the_pages(client, personas, world):
    challenge = world["health_challenge"]
    url = challenge.get_absolute_url()

    client.force_login(personas["contributor"])
    page = client.get(url).content.decode()
    assert 'action="' + url + 'respond/"' in page
    response = client.post(url + "respond/", {"respond-text": "The pathway went live in April."}, follow=True)
    assert "Response sent." in response.content.decode()

    client.force_login(personas["scrutineer"])
    page = client.get(url).content.decode()
    for move in ["accept", "ask-again", "escalate"]:
        assert f'action="{url}{move}/"' in page
    assert f'action="{url}respond/"' not in page
    response = client.post(url + "accept/", {"accept-note": "Evidence seen."}, follow=True)
    html = response.content.decode()
    assert "Response accepted. The challenge is closed." in html
    assert "<form" not in html.split('id="timeline"')[1].split('id="history"')[0]  # nobody can act on a closed one

    challenge.refresh_from_db()
    assert challenge.status == Status.ACCEPTED
    steps = list(challenge.steps.all())
    assert [(s.kind, s.by.username) for s in steps] == [
        (Kind.RAISED, "scrutineer"),
        (Kind.RESPONSE, "contributor"),
        (Kind.ACCEPTED, "scrutineer"),
    ]
    timeline = html.split('id="timeline"')[1].split("</ol>")[0]
    for kind, who, text in [
        ("Raised", "scrutineer", None),
        ("Response", "contributor", "The pathway went live in April."),
        ("Accepted", "scrutineer", "Evidence seen."),
    ]:
        assert kind in timeline and who in timeline
        if text:
            assert text in timeline
    assert timeline.count("<time datetime=") == 3


def test_only_who_may_act_now_sees_a_form(client, personas, world):
    url = world["police_challenge"].get_absolute_url()
    client.force_login(personas["contributor"])  # health contributor: not the challenged agency
    html = client.get(url).content.decode()
    assert "<form" not in html.split("</h1>")[1].split('id="history"')[0]
    assert "A response is awaited from Northmere Police or a partnership manager." in html

    client.force_login(personas["scrutineer"])
    html = client.get(url).content.decode()
    assert f'action="{url}escalate/"' in html
    assert f'action="{url}accept/"' not in html and f'action="{url}respond/"' not in html


def test_refused_move_shows_the_reason_on_the_form_and_keeps_the_text(client, personas, world):
    challenge = world["health_challenge"]
    url = challenge.get_absolute_url()
    client.force_login(personas["scrutineer"])
    before = state(challenge)
    response = client.post(url + "accept/", {"accept-note": "Accepting too early."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "There is no response to accept yet." in html
    assert "Accepting too early.</textarea>" in html
    assert state(challenge) == before


def test_ask_again_with_a_past_date_is_refused_on_the_page(client, personas, world):
    challenge = world["health_challenge"]
    to_status(challenge, Status.RESPONDED, personas)
    before = state(challenge)
    client.force_login(personas["scrutineer"])
    response = client.post(
        challenge.get_absolute_url() + "ask-again/",
        {"ask_again-text": "What about training?", **date_fields(in_days(-3), "ask_again")},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "New due date must be today or in the future" in html
    assert "What about training?</textarea>" in html
    assert state(challenge) == before


def test_escalation_through_the_page_names_the_lead_safeguarding_partners(
    client, personas, world, safeguarding_partners
):
    challenge = world["police_challenge"]
    client.force_login(personas["scrutineer"])
    response = client.post(challenge.get_absolute_url() + "escalate/", {"escalate-text": "No reply."}, follow=True)
    html = response.content.decode()
    partners = "the lead safeguarding partners (the local authority, the integrated care board and the police)"
    assert f"Challenge escalated to {partners}. They have been told by email." in html
    assert f"Escalated to {partners}" in html.split('id="timeline"')[1]

    # The partnership manager no longer answers it; the police's delegate does.
    client.force_login(personas["lead"])
    html = client.get(challenge.get_absolute_url()).content.decode()
    assert f'action="{challenge.get_absolute_url()}respond/"' not in html
    client.force_login(safeguarding_partners["user"])
    html = client.get(challenge.get_absolute_url()).content.decode()
    assert f'action="{challenge.get_absolute_url()}respond/"' in html


# The admin site: challenges and their steps can be read, not changed outside the workflow


def test_admin_shows_a_challenge_and_its_steps_read_only(client, world, personas):
    from django.contrib.auth import get_user_model

    challenge = world["health_challenge"]
    workflow.respond(
        challenge=challenge, membership=as_member(personas["contributor"]), text="Answered in the admin test."
    )
    admin = get_user_model().objects.create_superuser("siteadmin", "admin@example.org", "x")
    client.force_login(admin)
    assert client.get("/admin/scrutiny/challenge/").status_code == 200
    html = client.get(f"/admin/scrutiny/challenge/{challenge.pk}/change/").content.decode()
    assert "Answered in the admin test." in html
    assert 'name="_save"' not in html and 'name="steps-0-text"' not in html
    assert client.get("/admin/scrutiny/challenge/add/").status_code == 403
    assert client.get(f"/admin/scrutiny/challenge/{challenge.pk}/history/").status_code == 200
    before = state(challenge)
    client.post(f"/admin/scrutiny/challenge/{challenge.pk}/change/", {"status": "accepted"})
    assert state(challenge) == before
