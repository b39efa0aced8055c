"""The challenge log's URLs against every persona, GET and POST.

Scrutineers raise, accept, ask again and escalate; a partnership manager ("lead"), or a
contributor of the challenged agency, responds, and once a challenge is escalated only a lead
safeguarding partner does (tests/scrutiny/test_escalation_reaches_the_lead_safeguarding_partners.py:
none of these personas is one); viewers get 403 on everything; people of another
partnership get 404, and so does a challenge of another partnership reached through
this one's URLs. Refused POSTs change nothing (tests/support/permission_table.py checks).
"""

import datetime

import pytest

from scrutiny.models import Challenge, ChallengeStep
from tests.support.permission_table import READ_ONLY_POSTED, Row, cases, check

BASE = "/partnerships/northmere/challenges/"
OTHER = "/partnerships/castlebrook/challenges/"
NEXT_YEAR = datetime.date.today().year + 1
DUE = {"response_due_0": "1", "response_due_1": "6", "response_due_2": str(NEXT_YEAR)}


def due(prefix):
    return {f"{prefix}-{name}": value for name, value in DUE.items()}


RESPOND = {"respond-text": "The health pathway was agreed in March."}
ACCEPT = {"accept-note": "Thank you."}
ASK_AGAIN = {"ask_again-text": "Please send the audit.", **due("ask_again")}
ESCALATE = {"escalate-text": "No answer after two requests."}

SEE = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 403}
SCRUTINEER_ONLY = {"scrutineer": 302, "lead": 403, "contributor": 403, "viewer": 403}
NOT_ALLOWED = {"scrutineer": 405, "lead": 405, "contributor": 405, "viewer": 403}


def moves(challenge, base=BASE):
    """GET and POST rows for each move on one challenge, for the common case."""
    url = f"{base}{{{challenge}}}/"
    return [
        *(Row(f"{url}{path}/", NOT_ALLOWED) for path in ["respond", "accept", "ask-again", "escalate"]),
        Row(f"{url}escalate/", SCRUTINEER_ONLY, method="post", data=ESCALATE),
    ]


ROWS = [
    # The log
    Row(BASE, SEE),
    Row(BASE + "?show=all", SEE),
    Row(BASE, {**READ_ONLY_POSTED, "viewer": 403}, method="post", data=RESPOND),
    Row(OTHER, {"outsider": 200}),
    # Raising a challenge
    Row(BASE + "new/", {"scrutineer": 200, "lead": 403, "contributor": 403, "viewer": 403}),
    Row(
        BASE + "new/",
        SCRUTINEER_ONLY,
        method="post",
        data={"text": "Show the health pathway.", "agency": "", "recommendations": ["{r6}"], **DUE},
    ),
    # A scrutineer's invalid POST re-renders the form and saves nothing (the other personas are refused).
    Row(BASE + "new/", {**SCRUTINEER_ONLY, "scrutineer": 200}, method="post", data={"text": ""}),
    Row(OTHER + "new/", {"outsider": 403}),
    # Reading a challenge
    Row(BASE + "{health_challenge}/", SEE),
    Row(BASE + "{police_challenge}/", SEE),
    Row(BASE + "{health_challenge}/", READ_ONLY_POSTED, method="post", data=RESPOND),
    Row(BASE + "{other_challenge}/", {}),
    Row(BASE + "999999/", {"viewer": 404}),
    Row(OTHER + "{other_challenge}/", {"outsider": 200}),
    Row(OTHER + "{health_challenge}/", {}),
    # Responding: a lead, or a contributor of the challenged agency
    Row(
        BASE + "{health_challenge}/respond/",
        {"scrutineer": 403, "lead": 302, "contributor": 302, "viewer": 403},
        method="post",
        data=RESPOND,
    ),
    Row(
        BASE + "{police_challenge}/respond/",
        {"scrutineer": 403, "lead": 302, "contributor": 403, "viewer": 403},
        method="post",
        data=RESPOND,
    ),
    # Escalated: for the lead safeguarding partners only, not the partnership manager nor the agency.
    Row(
        BASE + "{escalated_challenge}/respond/",
        {"scrutineer": 403, "lead": 403, "contributor": 403, "viewer": 403},
        method="post",
        data=RESPOND,
    ),
    # A lead's response to a challenge that already has one is refused by its status: shown, nothing saved.
    Row(
        BASE + "{responded_challenge}/respond/",
        {"scrutineer": 403, "lead": 200, "contributor": 200, "viewer": 403},
        method="post",
        data=RESPOND,
    ),
    # The scrutineer's moves
    Row(BASE + "{responded_challenge}/accept/", SCRUTINEER_ONLY, method="post", data=ACCEPT),
    Row(BASE + "{responded_challenge}/ask-again/", SCRUTINEER_ONLY, method="post", data=ASK_AGAIN),
    Row(BASE + "{responded_challenge}/escalate/", SCRUTINEER_ONLY, method="post", data=ESCALATE),
    Row(BASE + "{police_challenge}/escalate/", SCRUTINEER_ONLY, method="post", data=ESCALATE),
    # Moves the status does not allow: the scrutineer sees the page again with the reason; nothing saved.
    Row(BASE + "{health_challenge}/accept/", {**SCRUTINEER_ONLY, "scrutineer": 200}, method="post", data=ACCEPT),
    Row(BASE + "{health_challenge}/ask-again/", {**SCRUTINEER_ONLY, "scrutineer": 200}, method="post", data=ASK_AGAIN),
    Row(BASE + "{accepted_challenge}/escalate/", {**SCRUTINEER_ONLY, "scrutineer": 200}, method="post", data=ESCALATE),
    Row(
        BASE + "{accepted_challenge}/respond/",
        {"scrutineer": 403, "lead": 200, "contributor": 200, "viewer": 403},
        method="post",
        data=RESPOND,
    ),
    *moves("health_challenge"),
    # Another partnership's challenge through this partnership's URLs: 404 for everyone, the scrutineer too.
    *(
        Row(BASE + "{other_challenge}/" + path, {}, method="post", data=data)
        for path, data in [
            ("respond/", RESPOND),
            ("accept/", ACCEPT),
            ("ask-again/", ASK_AGAIN),
            ("escalate/", ESCALATE),
        ]
    ),
    # ... and through its own, to the outsider, who leads it: a lead responds but does not escalate.
    Row(OTHER + "{other_challenge}/respond/", {"outsider": 302}, method="post", data=RESPOND),
    Row(OTHER + "{other_challenge}/escalate/", {"outsider": 403}, method="post", data=ESCALATE),
]


@pytest.fixture(scope="module")
def shared(shared):
    """The module's world (conftest.py), plus challenges to health in each later status, and R6's primary key."""
    from recommendations.models import Recommendation

    world, personas, partnership = shared["world"], shared["personas"], shared["partnership"]
    health_agency = shared["health_agency"]

    def challenge(status, text):
        item = Challenge.objects.create(
            partnership=partnership,
            agency=health_agency,
            text=text,
            response_due=datetime.date(NEXT_YEAR, 1, 1),
            raised_by=personas["scrutineer"],
            status=status,
        )
        item.recommendations.add(world["health_challenge"].recommendations.first())
        ChallengeStep.objects.create(challenge=item, kind=ChallengeStep.Kind.RAISED, text=text, by=item.raised_by)
        return item

    more = {
        "responded_challenge": challenge(Challenge.Status.RESPONDED, "Responded"),
        "escalated_challenge": challenge(Challenge.Status.ESCALATED, "Escalated"),
        "accepted_challenge": challenge(Challenge.Status.ACCEPTED, "Accepted"),
        "r6": Recommendation.objects.get(framework=partnership.framework, code="R6"),
    }
    return {**shared, "world": {**world, **more}}


@pytest.mark.parametrize(**cases(ROWS))
def test_challenge_urls(client, personas, world, row, persona):
    if row.data and any("{" in str(v) for v in row.data.values()):
        # Data that names world objects ("{r6}") is formatted like the URL.
        ids = {name: obj.pk for name, obj in world.items()}
        row = Row(
            row.url,
            row.expected,
            method=row.method,
            data={k: [x.format(**ids) for x in v] if isinstance(v, list) else v for k, v in row.data.items()},
            default=row.default,
        )
    check(client, personas, world, row, persona)
