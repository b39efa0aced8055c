"""Survey rounds, their agencies' links, closing, publishing and withholding an answer, against every persona (see
tests/support/permission_table.py; the world is survey_world.permission_world).

Scrutineers and partnership managers run surveys: they open and change rounds, revoke and make links, close and
publish rounds (Membership.can_run_surveys); contributors and viewers are refused those pages by role (403), see
the list of published rounds, and a round's page once it is published only (403 before). Only scrutineers
withhold a free-text answer (can_withhold_survey_answers: 403 for a partnership manager too). A step the round's
state refuses (closing a closed round, publishing an open one, changing a published one, a link for an agency
that has a live one, withholding an answer from a group under five) writes nothing. Another partnership's round,
link or agency under Northmere's slug is 404 to those who run surveys; members of another partnership get 404.
Refused posts change nothing.
"""

import pytest

from tests.pages.test_survey_round_created_and_refused import round_data
from tests.support import survey_world
from tests.support.permission_table import Row, cases, check

N = "/partnerships/northmere/surveys"
C = "/partnerships/castlebrook/surveys"
OPEN, CLOSED, PUBLISHED = f"{N}/{{open_survey}}", f"{N}/{{closed_survey}}", f"{N}/{{published_survey}}"
THEIRS_HERE, THEIRS = f"{N}/{{their_survey}}", f"{C}/{{their_survey}}"

MEMBERS = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 200}
POSTED_TO_READ_ONLY = dict.fromkeys(MEMBERS, 405)
RUN_GET = {"scrutineer": 200, "lead": 200, "contributor": 403, "viewer": 403}
RUN_POST = RUN_GET | {"scrutineer": 302, "lead": 302}
GET_TO_POST_ONLY = RUN_GET | {"scrutineer": 405, "lead": 405}
NOT_TO_RUN = {"contributor": 403, "viewer": 403}  # refused by role before the round is looked for
WITHHOLD_GET = {"scrutineer": 200, "lead": 403, "contributor": 403, "viewer": 403}
WITHHOLD_POST = WITHHOLD_GET | {"scrutineer": 302}

BOTH = ["{health_agency}", "{police}"]
ROUND = round_data([], agencies=BOTH)
ROUND_EDIT = round_data([], agencies=BOTH, title="Practitioners' voice: changed", version="0")
THEIR_ROUND = round_data([], agencies=["{their_agency}"])
WITHHOLD = {"reason": "Names a colleague", "version": "0"}

ROWS = [
    Row(f"{N}/", MEMBERS),
    Row(f"{N}/", POSTED_TO_READ_ONLY, method="post"),
    Row(f"{C}/", {"outsider": 200}),
    Row(f"{C}/", {"outsider": 405}, method="post"),
    # Opening a round.
    Row(f"{N}/new/", RUN_GET),
    Row(f"{N}/new/", RUN_POST, method="post", data=ROUND),
    Row(f"{C}/new/", {"outsider": 200}),
    Row(f"{C}/new/", {"outsider": 302}, method="post", data=THEIR_ROUND),
    Row(f"{C}/new/", {"outsider": 200}, method="post", data=ROUND, unchanged=True),  # Northmere's agencies: refused
    # A round's page: in full to those who run surveys, to everyone else once published (403 before).
    Row(f"{OPEN}/", RUN_GET),
    Row(f"{CLOSED}/", RUN_GET),
    Row(f"{PUBLISHED}/", MEMBERS),
    Row(f"{OPEN}/", POSTED_TO_READ_ONLY, method="post"),
    Row(f"{PUBLISHED}/", POSTED_TO_READ_ONLY, method="post"),
    Row(f"{THEIRS_HERE}/", {}),
    Row(f"{THEIRS}/", {"outsider": 200}),
    Row(f"{THEIRS}/", {"outsider": 405}, method="post"),
    # Changing a round; a published one is fixed (back to its page, nothing written).
    Row(f"{OPEN}/edit/", RUN_GET),
    Row(f"{OPEN}/edit/", RUN_POST, method="post", data=ROUND_EDIT),
    Row(f"{OPEN}/edit/", RUN_GET, method="post", data=ROUND_EDIT | {"version": "7"}, unchanged=True),  # stale
    Row(f"{PUBLISHED}/edit/", RUN_POST),
    Row(f"{PUBLISHED}/edit/", RUN_POST, method="post", data=ROUND_EDIT, unchanged=True),
    Row(f"{THEIRS_HERE}/edit/", NOT_TO_RUN),
    Row(f"{THEIRS_HERE}/edit/", NOT_TO_RUN, method="post", data=ROUND_EDIT),
    Row(f"{THEIRS}/edit/", {"outsider": 200}),
    # Revoking a link: a revoked one says so; another round's link under this round, or another partnership's, 404.
    Row(f"{OPEN}/links/{{health_link}}/revoke/", RUN_GET),
    Row(f"{OPEN}/links/{{health_link}}/revoke/", RUN_POST, method="post"),
    Row(f"{OPEN}/links/{{revoked_link}}/revoke/", RUN_GET, method="post", unchanged=True),
    Row(f"{OPEN}/links/{{closed_link}}/revoke/", NOT_TO_RUN, method="post"),
    Row(f"{PUBLISHED}/links/{{published_link}}/revoke/", RUN_POST, method="post"),  # a closed round's: allowed
    Row(f"{THEIRS_HERE}/links/{{their_link}}/revoke/", NOT_TO_RUN),
    Row(f"{THEIRS_HERE}/links/{{their_link}}/revoke/", NOT_TO_RUN, method="post"),
    Row(f"{THEIRS}/links/{{their_link}}/revoke/", {"outsider": 302}, method="post"),
    # Making a link (a post only): for an agency with no live link; refused (back to the round, nothing written)
    # when it has one, when the round is published, for an agency of another partnership (404).
    Row(f"{CLOSED}/links/new/{{police}}/", GET_TO_POST_ONLY),
    Row(f"{CLOSED}/links/new/{{police}}/", RUN_POST, method="post"),
    Row(f"{OPEN}/links/new/{{health_agency}}/", RUN_POST, method="post", unchanged=True),
    Row(f"{PUBLISHED}/links/new/{{police}}/", RUN_POST, method="post", unchanged=True),
    Row(f"{OPEN}/links/new/{{their_agency}}/", NOT_TO_RUN, method="post"),
    Row(f"{THEIRS_HERE}/links/new/{{their_agency}}/", NOT_TO_RUN, method="post"),
    Row(f"{THEIRS}/links/new/{{their_agency}}/", {"outsider": 302}, method="post", unchanged=True),
    # Closing early: an open round; a closed or published one says so and nothing is written.
    Row(f"{OPEN}/close/", RUN_GET),
    Row(f"{OPEN}/close/", RUN_POST, method="post"),
    Row(f"{CLOSED}/close/", RUN_GET, method="post", unchanged=True),
    Row(f"{PUBLISHED}/close/", RUN_GET, method="post", unchanged=True),
    Row(f"{THEIRS_HERE}/close/", NOT_TO_RUN, method="post"),
    Row(f"{THEIRS}/close/", {"outsider": 200}, method="post", unchanged=True),
    # Publishing: a closed round; an open or published one says so and nothing is written.
    Row(f"{CLOSED}/publish/", RUN_GET),
    Row(f"{CLOSED}/publish/", RUN_POST, method="post"),
    Row(f"{OPEN}/publish/", RUN_GET, method="post", unchanged=True),
    Row(f"{PUBLISHED}/publish/", RUN_GET, method="post", unchanged=True),
    Row(f"{THEIRS_HERE}/publish/", NOT_TO_RUN, method="post"),
    Row(f"{THEIRS}/publish/", {"outsider": 302}, method="post"),
    # Withholding a free-text answer: scrutineers only (Castlebrook's outsider is a partnership manager: 403).
    Row(f"{CLOSED}/answers/{{withhold_answer}}/withhold/", WITHHOLD_GET),
    Row(f"{CLOSED}/answers/{{withhold_answer}}/withhold/", WITHHOLD_POST, method="post", data=WITHHOLD),
    Row(
        f"{CLOSED}/answers/{{withhold_answer}}/withhold/",
        WITHHOLD_GET,
        method="post",
        data={"version": "0"},
        unchanged=True,
    ),
    Row(f"{CLOSED}/answers/{{small_answer}}/withhold/", WITHHOLD_GET, method="post", data=WITHHOLD, unchanged=True),
    Row(f"{PUBLISHED}/answers/{{published_answer}}/withhold/", WITHHOLD_POST, method="post", data=WITHHOLD),
    Row(f"{OPEN}/answers/{{withhold_answer}}/withhold/", WITHHOLD_GET | {"scrutineer": 404}),
    Row(f"{THEIRS_HERE}/answers/{{their_answer}}/withhold/", WITHHOLD_GET | {"scrutineer": 404}, method="post"),
    Row(f"{THEIRS}/answers/{{their_answer}}/withhold/", {"outsider": 403}),
    Row(f"{THEIRS}/answers/{{their_answer}}/withhold/", {"outsider": 403}, method="post", data=WITHHOLD),
]


@pytest.fixture(scope="module")
def shared(shared):
    return survey_world.permission_world(shared)


@pytest.mark.parametrize(**cases(ROWS))
def test_survey_rounds(client, personas, world, row, persona):
    check(client, personas, world, row, persona)
