"""Agencies' returns on audit cases, and reopening one, against every persona and a contributor of Northmere Police
beside Northmere Health's (see tests/support/permission_table.py; the world is audit_world.permission_world).

A return is completed by its agency's contributors only: a contributor of another agency gets 404 (whether the
case or the return), scrutineers and partnership managers 403, viewers 403 (an unpublished round, or a case).
A return is closed once its case is moderated (until a scrutineer reopens it) and once the round is published:
the page says so and a post changes nothing. Only a scrutineer reopens a return, and only a submitted one on a
moderated case of an unpublished round. Members of another partnership, and any of its rounds, agencies or
returns under Northmere's slug, 404. Refused posts change nothing.
"""

import pytest

from tests.support import audit_world
from tests.support.permission_table import PERSONAS, Row, cases, check

N = "/partnerships/northmere/audits"
C = "/partnerships/castlebrook/audits"
OPEN, PUBLISHED = f"{N}/{{open_round}}", f"{N}/{{published_round}}"
THEIRS_HERE, THEIRS = f"{N}/{{their_round}}", f"{C}/{{their_round}}"
WITH_POLICE = [*PERSONAS, "police_contributor"]

NOT_THEIRS = {"scrutineer": 403, "lead": 403, "viewer": 403}  # contributors of the agency only
HEALTH_GET = NOT_THEIRS | {"contributor": 200, "police_contributor": 404}
HEALTH_POST = NOT_THEIRS | {"contributor": 302, "police_contributor": 404}
POLICE_GET = NOT_THEIRS | {"contributor": 404, "police_contributor": 200}
POLICE_POST = NOT_THEIRS | {"contributor": 404, "police_contributor": 302}
CLOSED_POST = HEALTH_GET  # the page again, saying why; nothing saved
SCRUTINEER_ONLY = {"lead": 403, "contributor": 403, "police_contributor": 403, "viewer": 403}
REOPEN_GET = SCRUTINEER_ONLY | {"scrutineer": 200}
REOPEN_POST = SCRUTINEER_ONLY | {"scrutineer": 302}
REOPEN_REFUSED = REOPEN_GET  # the page again, saying only a submitted return on a moderated case reopens


def answers(version="0") -> dict:
    data = {f"grade_{code}": "good" for code in audit_world.domain_codes()}
    data |= {f"rationale_{code}": "Seen in the records." for code in audit_world.domain_codes()}
    return data | {"strengths": "Prompt referral.", "concerns": "", "learning": "Hear the child.", "version": version}


ANSWERS = answers()
REASON = {"reason": "The agency read the wrong file."}

ROWS = [
    Row(f"{OPEN}/cases/{{both_case}}/returns/{{health_agency}}/", HEALTH_GET),
    Row(f"{OPEN}/cases/{{both_case}}/returns/{{health_agency}}/", HEALTH_POST, method="post", data=ANSWERS),
    Row(f"{OPEN}/cases/{{both_case}}/returns/{{police}}/", POLICE_GET),
    Row(f"{OPEN}/cases/{{both_case}}/returns/{{police}}/", POLICE_POST, method="post", data=ANSWERS),
    Row(f"{OPEN}/cases/{{health_case}}/returns/{{health_agency}}/", HEALTH_POST, method="post", data=ANSWERS),
    # Police are not involved in the health case: no return of theirs to make there.
    Row(f"{OPEN}/cases/{{health_case}}/returns/{{police}}/", NOT_THEIRS),
    Row(f"{OPEN}/cases/{{health_case}}/returns/{{police}}/", NOT_THEIRS, method="post", data=ANSWERS),
    # Closed: the case is moderated, or the round published.
    Row(f"{OPEN}/cases/{{moderated_case}}/returns/{{health_agency}}/", HEALTH_GET),
    Row(
        f"{OPEN}/cases/{{moderated_case}}/returns/{{health_agency}}/",
        CLOSED_POST,
        method="post",
        data=ANSWERS,
        unchanged=True,
    ),
    Row(f"{PUBLISHED}/cases/{{published_case}}/returns/{{health_agency}}/", HEALTH_GET),
    Row(
        f"{PUBLISHED}/cases/{{published_case}}/returns/{{health_agency}}/",
        CLOSED_POST,
        method="post",
        data=ANSWERS,
        unchanged=True,
    ),
    # Another round's case, another partnership's agency, round and return: 404.
    Row(f"{OPEN}/cases/{{published_case}}/returns/{{health_agency}}/", {"viewer": 403}, method="post", data=ANSWERS),
    Row(f"{OPEN}/cases/{{both_case}}/returns/{{their_agency}}/", {"viewer": 403}, method="post", data=ANSWERS),
    Row(f"{THEIRS_HERE}/cases/{{their_case}}/returns/{{their_agency}}/", {}, method="post", data=ANSWERS),
    Row(f"{THEIRS}/cases/{{their_case}}/returns/{{their_agency}}/", {"outsider": 403}),  # a manager makes none
    # Reopening: a scrutineer's, a submitted return on a moderated case of an unpublished round.
    Row(f"{OPEN}/cases/{{moderated_case}}/returns/{{health_agency}}/reopen/", REOPEN_GET),
    Row(f"{OPEN}/cases/{{moderated_case}}/returns/{{health_agency}}/reopen/", REOPEN_POST, method="post", data=REASON),
    Row(
        f"{OPEN}/cases/{{both_case}}/returns/{{health_agency}}/reopen/",
        REOPEN_REFUSED,
        method="post",
        data=REASON,
        unchanged=True,
    ),
    Row(
        f"{PUBLISHED}/cases/{{published_case}}/returns/{{health_agency}}/reopen/",
        REOPEN_REFUSED,
        method="post",
        data=REASON,
        unchanged=True,
    ),
    Row(f"{OPEN}/cases/{{both_case}}/returns/{{police}}/reopen/", SCRUTINEER_ONLY),  # no return made: 404
    Row(
        f"{OPEN}/cases/{{published_case}}/returns/{{health_agency}}/reopen/",
        SCRUTINEER_ONLY,
        method="post",
        data=REASON,
    ),
    Row(
        f"{THEIRS_HERE}/cases/{{their_case}}/returns/{{their_agency}}/reopen/",
        SCRUTINEER_ONLY,
        method="post",
        data=REASON,
    ),
    Row(
        f"{THEIRS}/cases/{{their_case}}/returns/{{their_agency}}/reopen/", {"outsider": 403}
    ),  # a manager, not a scrutineer
]


@pytest.fixture(scope="module")
def shared(shared):
    return audit_world.permission_world(shared)


@pytest.mark.parametrize(**cases(ROWS, WITH_POLICE))
def test_audit_returns(client, personas, world, row, persona):
    check(client, personas, world, row, persona)
