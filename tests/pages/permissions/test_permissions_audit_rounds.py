"""Audit rounds, their cases and results against every persona, and a contributor of Northmere Police beside
Northmere Health's (see tests/support/permission_table.py; the world is audit_world.permission_world).

Scrutineers and partnership managers run audits: they start and change rounds and cases and read everything.
Contributors see the rounds their agency takes part in (403 for another unpublished round) and the cases their
agency is involved in (404 for another agency's case, which they may not know is there). Viewers see a round
only once it is published, and no case (403). A round's results are read by those who run audits, by every
member once it is published, and by no one else before (403, as the round's own page). A published round's
cases cannot be added or changed, nor the round itself: the page goes back to the round with a message and
nothing is written. Members of another partnership, and every round of theirs under Northmere's slug, 404.
Refused posts change nothing.
"""

import pytest

from tests.pages.test_audit_round_created_and_refused import round_data
from tests.support import audit_world
from tests.support.permission_table import PERSONAS, Row, cases, check

N = "/partnerships/northmere/audits"
C = "/partnerships/castlebrook/audits"
OPEN, READY, PUBLISHED = f"{N}/{{open_round}}", f"{N}/{{ready_round}}", f"{N}/{{published_round}}"
THEIRS_HERE, THEIRS = f"{N}/{{their_round}}", f"{C}/{{their_round}}"
WITH_POLICE = [*PERSONAS, "police_contributor"]

MEMBERS = {"scrutineer": 200, "lead": 200, "contributor": 200, "police_contributor": 200, "viewer": 200}
POSTED_TO_READ_ONLY = dict.fromkeys(MEMBERS, 405)
NOT_THE_VIEWER = MEMBERS | {"viewer": 403}
HEALTH_ONLY = NOT_THE_VIEWER | {"police_contributor": 403}
HEALTH_CASE = NOT_THE_VIEWER | {"police_contributor": 404}
RUN_GET = {"scrutineer": 200, "lead": 200, "contributor": 403, "police_contributor": 403, "viewer": 403}
RUN_POST = RUN_GET | {"scrutineer": 302, "lead": 302}
NOT_TO_RUN = {"contributor": 403, "police_contributor": 403, "viewer": 403}  # refused by role before the round
RESULTS_BEFORE_PUBLISHED = {"scrutineer": 200, "lead": 200, "contributor": 403, "police_contributor": 403}

BOTH = ["{health_agency}", "{police}"]
ROUND = round_data([], agencies=BOTH)
ROUND_EDIT = round_data([], agencies=BOTH, title="Intrafamilial sexual abuse audit, changed", version="0")
CASE = {"reference": "MACA-09", "age_band": "under_5", "recommendations": ["R3"], "agencies": BOTH}
CASE_EDIT = CASE | {"reference": "MACA-11", "version": "0"}

ROWS = [
    Row(f"{N}/", MEMBERS),
    Row(f"{N}/", POSTED_TO_READ_ONLY, method="post"),
    Row(f"{C}/", {"outsider": 200}),
    Row(f"{C}/", {"outsider": 405}, method="post"),
    Row(f"{N}/new/", RUN_GET),
    Row(f"{N}/new/", RUN_POST, method="post", data=ROUND),
    Row(f"{C}/new/", {"outsider": 200}),
    # A round's page: a contributor's only if their agency takes part (the ready round is Northmere Health's).
    Row(f"{OPEN}/", NOT_THE_VIEWER),
    Row(f"{READY}/", HEALTH_ONLY),
    Row(f"{PUBLISHED}/", MEMBERS),
    Row(f"{OPEN}/", POSTED_TO_READ_ONLY, method="post"),
    Row(f"{THEIRS_HERE}/", {}),
    Row(f"{THEIRS}/", {"outsider": 200}),
    Row(f"{OPEN}/edit/", RUN_GET),
    Row(f"{OPEN}/edit/", RUN_POST, method="post", data=ROUND_EDIT),
    Row(f"{PUBLISHED}/edit/", RUN_POST, method="post", data=ROUND_EDIT, unchanged=True),
    Row(f"{THEIRS_HERE}/edit/", NOT_TO_RUN),
    Row(f"{THEIRS_HERE}/edit/", NOT_TO_RUN, method="post", data=ROUND_EDIT),
    Row(f"{THEIRS}/edit/", {"outsider": 200}),
    # Cases.
    Row(f"{OPEN}/cases/new/", RUN_GET),
    Row(f"{OPEN}/cases/new/", RUN_POST, method="post", data=CASE),
    Row(f"{PUBLISHED}/cases/new/", RUN_POST),  # back to the round: its cases are fixed
    Row(f"{PUBLISHED}/cases/new/", RUN_POST, method="post", data=CASE, unchanged=True),
    Row(f"{THEIRS_HERE}/cases/new/", NOT_TO_RUN, method="post", data=CASE),
    Row(f"{OPEN}/cases/{{both_case}}/", NOT_THE_VIEWER),
    Row(f"{OPEN}/cases/{{health_case}}/", HEALTH_CASE),
    Row(f"{PUBLISHED}/cases/{{published_case}}/", NOT_THE_VIEWER),
    Row(f"{OPEN}/cases/{{both_case}}/", POSTED_TO_READ_ONLY, method="post"),
    Row(f"{OPEN}/cases/{{published_case}}/", {"viewer": 403}),  # another round's case under this round
    Row(f"{THEIRS_HERE}/cases/{{their_case}}/", {}),
    Row(f"{THEIRS}/cases/{{their_case}}/", {"outsider": 200}),
    Row(f"{OPEN}/cases/{{both_case}}/edit/", RUN_GET),
    Row(f"{OPEN}/cases/{{both_case}}/edit/", RUN_POST, method="post", data=CASE_EDIT),
    Row(f"{OPEN}/cases/{{health_case}}/edit/", RUN_GET),
    Row(f"{PUBLISHED}/cases/{{published_case}}/edit/", RUN_POST, method="post", data=CASE_EDIT, unchanged=True),
    Row(f"{OPEN}/cases/{{published_case}}/edit/", NOT_TO_RUN, method="post", data=CASE_EDIT),
    Row(f"{THEIRS_HERE}/cases/{{their_case}}/edit/", NOT_TO_RUN, method="post", data=CASE_EDIT),
    Row(f"{THEIRS}/cases/{{their_case}}/edit/", {"outsider": 200}),
    # Results: every member's once published; before, those who run audits only (403, as the round's page).
    Row(f"{PUBLISHED}/results/", MEMBERS),
    Row(f"{OPEN}/results/", RESULTS_BEFORE_PUBLISHED | {"viewer": 403}),
    Row(f"{READY}/results/", RESULTS_BEFORE_PUBLISHED | {"viewer": 403}),
    Row(f"{PUBLISHED}/results/", POSTED_TO_READ_ONLY, method="post"),
    Row(f"{THEIRS_HERE}/results/", {}),
    Row(f"{THEIRS}/results/", {"outsider": 200}),
]


@pytest.fixture(scope="module")
def shared(shared):
    return audit_world.permission_world(shared)


@pytest.mark.parametrize(**cases(ROWS, WITH_POLICE))
def test_audit_rounds(client, personas, world, row, persona):
    check(client, personas, world, row, persona)
