"""Each move on a challenge takes the acting membership and checks it by the permission the view declares
(can_raise_challenge, can_respond_to, can_follow_up_challenge), whoever calls it: a role without the
permission, or a member of another partnership (with a role that has it there), is refused with
PermissionDenied and nothing is written."""

import pytest
from django.core.exceptions import PermissionDenied

from partnerships.models import Membership
from scrutiny import challenges as workflow
from scrutiny.models import Challenge, ChallengeStep
from tests.support.builders import as_member, in_days, make_member

Status = Challenge.Status


@pytest.fixture
def people(personas, other_partnership, safeguarding_partners):
    """The personas, the police's lead safeguarding partner (a viewer of Northmere who answers escalated
    challenges) and a scrutineer of the outsider's partnership (the outsider is its manager)."""
    scrutineer = make_member("castlebrook-scrutineer", other_partnership, Membership.Role.SCRUTINEER)
    return {**personas, "partner": safeguarding_partners["user"], "castlebrook_scrutineer": scrutineer}


def at(challenge, status):
    Challenge.objects.filter(pk=challenge.pk).update(status=status)
    challenge.refresh_from_db()
    return challenge


@pytest.fixture
def challenges(world):
    """Northmere's challenges in the status each move needs: the health agency's awaiting a response, the
    police's with a response, and the health agency's escalated."""
    return {
        "awaiting": world["health_challenge"],
        "responded": at(world["police_challenge"], Status.RESPONDED),
        "escalated": lambda: at(world["health_challenge"], Status.ESCALATED),
    }


def r6(partnership):
    return partnership.framework.recommendations.get(code="R6")


CALLS = {
    "raise_challenge": lambda member, c: workflow.raise_challenge(
        membership=member,
        text="Where is the strategy?",
        agency=None,
        recommendations=[r6(member.partnership)],
        response_due=in_days(30),
    ),
    "respond": lambda member, c: workflow.respond(challenge=c["awaiting"], membership=member, text="Here."),
    "respond, escalated": lambda member, c: workflow.respond(
        challenge=c["escalated"](), membership=member, text="Here."
    ),
    "accept": lambda member, c: workflow.accept(challenge=c["responded"], membership=member, note="Fine."),
    "ask_again": lambda member, c: workflow.ask_again(
        challenge=c["responded"], membership=member, text="More?", response_due=in_days(14)
    ),
    "escalate": lambda member, c: workflow.escalate(challenge=c["awaiting"], membership=member, text="Up it goes."),
}
# Who has the permission the view declares, and who (of Northmere) does not. The contributor is the health
# agency's; the challenge with a response is to the police.
PERMITTED = {
    "raise_challenge": "scrutineer",
    "respond": "contributor",
    "respond, escalated": "partner",
    "accept": "scrutineer",
    "ask_again": "scrutineer",
    "escalate": "scrutineer",
}
WITHOUT = {
    "raise_challenge": ["lead", "contributor", "viewer", "partner"],
    "respond": ["scrutineer", "viewer", "partner"],
    "respond, escalated": ["lead", "contributor", "scrutineer"],
    "accept": ["lead", "contributor", "viewer"],
    "ask_again": ["lead", "contributor", "viewer"],
    "escalate": ["lead", "contributor", "viewer"],
}
# A member of another partnership whose role there has the permission.
ELSEWHERE = {
    "respond": "outsider",
    "accept": "castlebrook_scrutineer",
    "ask_again": "castlebrook_scrutineer",
    "escalate": "castlebrook_scrutineer",
}


def written():
    """What the moves write: the challenges (with their recommendations), their history, their steps."""
    return (
        list(Challenge.objects.order_by("pk").values()),
        sorted(Challenge.recommendations.through.objects.values_list("challenge_id", "recommendation_id")),
        Challenge.history.count(),
        list(ChallengeStep.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize(
    "call, who", [(call, who) for call, roles in WITHOUT.items() for who in roles], ids=lambda value: str(value)
)
def test_a_role_without_the_permission_is_refused_and_nothing_is_written(people, challenges, call, who):
    if call == "respond, escalated":
        challenges["escalated"]()
    before = written()
    with pytest.raises(PermissionDenied):
        CALLS[call](as_member(people[who]), challenges)
    assert written() == before


@pytest.mark.parametrize("call", list(ELSEWHERE))
def test_a_member_of_another_partnership_is_refused_and_nothing_is_written(people, challenges, call):
    before = written()
    with pytest.raises(PermissionDenied):
        CALLS[call](as_member(people[ELSEWHERE[call]]), challenges)
    assert written() == before


@pytest.mark.parametrize("call", list(PERMITTED))
def test_the_role_with_the_permission_makes_the_move(people, challenges, call):
    if call == "respond, escalated":
        challenges["escalated"]()
    before = written()
    CALLS[call](as_member(people[PERMITTED[call]]), challenges)
    assert written() != before


def test_a_response_is_refused_once_the_challenge_is_escalated_meanwhile(people, challenges):
    """The manager opened the page while the challenge awaited a response; it is escalated before they send:
    it is now the lead safeguarding partners' to answer."""
    opened = Challenge.objects.get(pk=challenges["awaiting"].pk)
    challenges["escalated"]()
    before = written()
    with pytest.raises(PermissionDenied):
        workflow.respond(challenge=opened, membership=as_member(people["lead"]), text="Here.")
    assert written() == before


def test_a_scrutineer_of_another_partnership_raises_only_in_their_own(people, partnership, other_partnership):
    """Raising takes no partnership: the challenge is the acting membership's partnership's."""
    challenge = CALLS["raise_challenge"](as_member(people["castlebrook_scrutineer"]), None)
    assert challenge.partnership == other_partnership and challenge.raised_by == people["castlebrook_scrutineer"]
    assert not partnership.challenges.filter(pk=challenge.pk).exists()
