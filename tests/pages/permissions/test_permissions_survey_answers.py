"""The anonymous answer pages a survey link opens, against every persona (see tests/support/permission_table.py;
the world is survey_world.permission_world).

The link's token is its only key: no account is needed, and a signed-in member of any partnership (this one's or
another's) gets exactly what an anonymous visitor gets, nothing more. A live link of an open round shows the form
(200) and takes an answer (302 to the thanks page); a bad answer is the form again and stores nothing. A revoked
link and an unknown token are 404 to a GET and a POST (a post to the thanks page is 405 whatever its token, so it
tells nothing either). A closed round's live link shows the plain closed page; an
answer posted to it is refused (409) and stores nothing. The thanks page shows for any live link and takes no post.

The answer throttle counts posts per address in the cache (which may be a Redis shared with other runs), so each
test's client has an address of its own rather than the cache being emptied.
"""

import pytest

from tests.support import survey_world
from tests.support.permission_table import PERSONAS, Row, cases, check
from tests.support.survey_answers import anonymous_client

AREAS = ("recognising", "talking", "sibling_harm", "health_pathway", "probation")  # the template's, in the file
ANSWER = {
    "agency_type": "health",
    "role_band": "frontline",
    **{f"confidence_{area}": "4" for area in AREAS},
    **{f"trained_{area}": "yes" for area in AREAS},
    "answer_PQ1": "Talk to the child alone.",
}
BAD_ANSWER = ANSWER | {"confidence_talking": "6"}  # not on the scale

EVERYONE = dict.fromkeys(PERSONAS, 200)


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


LIVE, REVOKED, UNKNOWN = "/answer/{health_token}/", "/answer/{revoked_token}/", "/answer/{unknown_token}/"
CLOSED, THEIRS = "/answer/{closed_token}/", "/answer/{their_token}/"

ROWS = [
    # A live link of an open round.
    Row(LIVE, EVERYONE),
    Row(LIVE, everyone(302), method="post", data=ANSWER),
    Row(LIVE, EVERYONE, method="post", data=BAD_ANSWER, unchanged=True),
    Row(f"{LIVE}thanks/", EVERYONE),
    Row(f"{LIVE}thanks/", everyone(405), method="post", data=ANSWER, unchanged=True),
    # A revoked link and an unknown token: nothing there.
    *(
        row
        for url in (REVOKED, UNKNOWN)
        for row in (
            Row(url, everyone(404)),
            Row(url, everyone(404), method="post", data=ANSWER),
            Row(f"{url}thanks/", everyone(404)),
            Row(f"{url}thanks/", everyone(405), method="post"),  # the method first, whatever the token: says nothing
        )
    ),
    # A closed round's live link (Northmere's, and Castlebrook's to anyone too): the plain closed page.
    Row(CLOSED, EVERYONE),
    Row(CLOSED, everyone(409), method="post", data=ANSWER, unchanged=True),
    Row(f"{CLOSED}thanks/", EVERYONE),
    Row(THEIRS, EVERYONE),
    Row(THEIRS, everyone(409), method="post", data=ANSWER, unchanged=True),
]


@pytest.fixture(scope="module")
def shared(shared):
    return survey_world.permission_world(shared)


@pytest.fixture
def client():
    """A client from an address of its own, so no test's answers count against another's in the throttle."""
    return anonymous_client()


@pytest.mark.parametrize(**cases(ROWS))
def test_survey_answers(client, personas, world, row, persona):
    check(client, personas, world, row, persona)
