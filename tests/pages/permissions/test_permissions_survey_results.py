"""A survey round's results, their CSV export, making them evidence and feeding indicators, against every persona
(see tests/support/permission_table.py; the world is survey_world.permission_world).

Results and the export are read by those who run surveys (scrutineers and partnership managers) whatever the
round's state, and by every member once it is published (Membership.can_see_survey_results); before, contributors
and viewers get 403, as on the round's own page. Making the results evidence and the indicators' page are for
those who run surveys; recording the shares as indicator values is the partnership manager's (who may enter
values): a scrutineer sees the page, and is refused the post (403). A closed round's results become evidence
once; an open round's cannot, nor be recorded, and nothing is written. Another partnership's round under
Northmere's slug is 404; the outsider reads and uses their own partnership's. Refused posts change nothing.
"""

import pytest

from tests.pages.permissions.test_permissions_survey_rounds import (
    CLOSED,
    MEMBERS,
    NOT_TO_RUN,
    OPEN,
    POSTED_TO_READ_ONLY,
    PUBLISHED,
    RUN_GET,
    RUN_POST,
    THEIRS,
    THEIRS_HERE,
)
from tests.support import survey_world
from tests.support.permission_table import Row, cases, check

EVIDENCE_REFUSED = RUN_GET | {"scrutineer": 400, "lead": 400}  # the page again, saying why
RECORDED = RUN_GET | {"scrutineer": 403, "lead": 302}  # only those who may enter the indicators' values
PERIOD = {"period": "2026-27"}

ROWS = [
    # The results page and its export: the same rule.
    *(
        row
        for page in ("results/", "results.csv")
        for row in (
            Row(f"{PUBLISHED}/{page}", MEMBERS),
            Row(f"{CLOSED}/{page}", RUN_GET),
            Row(f"{OPEN}/{page}", RUN_GET),
            Row(f"{PUBLISHED}/{page}", POSTED_TO_READ_ONLY, method="post"),
            Row(f"{CLOSED}/{page}", POSTED_TO_READ_ONLY, method="post"),
            Row(f"{THEIRS_HERE}/{page}", {}),
            Row(f"{THEIRS}/{page}", {"outsider": 200}),
            Row(f"{THEIRS}/{page}", {"outsider": 405}, method="post"),
        )
    ),
    # Making the results evidence: a closed round's, once; an open round's is refused.
    Row(f"{CLOSED}/evidence/", RUN_GET),
    Row(f"{CLOSED}/evidence/", RUN_POST, method="post"),
    Row(f"{PUBLISHED}/evidence/", RUN_GET),  # published: every member reads the results, but only these act
    Row(f"{PUBLISHED}/evidence/", RUN_POST, method="post"),
    Row(f"{OPEN}/evidence/", RUN_GET),
    Row(f"{OPEN}/evidence/", EVIDENCE_REFUSED, method="post", unchanged=True),
    Row(f"{THEIRS_HERE}/evidence/", NOT_TO_RUN),
    Row(f"{THEIRS_HERE}/evidence/", NOT_TO_RUN, method="post"),
    Row(f"{THEIRS}/evidence/", {"outsider": 200}),
    Row(f"{THEIRS}/evidence/", {"outsider": 302}, method="post"),
    # Feeding the indicators (R5's confident share): recorded by partnership managers.
    Row(f"{CLOSED}/indicators/", RUN_GET),
    Row(f"{CLOSED}/indicators/", RECORDED, method="post", data=PERIOD),
    Row(f"{PUBLISHED}/indicators/", RUN_GET),
    Row(f"{PUBLISHED}/indicators/", RECORDED, method="post", data=PERIOD),
    Row(f"{OPEN}/indicators/", RUN_GET, method="post", data=PERIOD, unchanged=True),  # nothing to record yet
    Row(f"{CLOSED}/indicators/", RECORDED | {"lead": 200}, method="post", data={"period": ""}, unchanged=True),
    Row(f"{THEIRS_HERE}/indicators/", NOT_TO_RUN),
    Row(f"{THEIRS_HERE}/indicators/", NOT_TO_RUN, method="post", data=PERIOD),
    Row(f"{THEIRS}/indicators/", {"outsider": 200}),
    Row(f"{THEIRS}/indicators/", {"outsider": 302}, method="post", data=PERIOD),
]


@pytest.fixture(scope="module")
def shared(shared):
    return survey_world.permission_world(shared)


@pytest.mark.parametrize(**cases(ROWS))
def test_survey_results(client, personas, world, row, persona):
    check(client, personas, world, row, persona)
