"""Moderating audit cases, a round's findings, making a finding an action and evidence, and publishing, against
every persona and a contributor of Northmere Police beside Northmere Health's (see
tests/support/permission_table.py; the world is audit_world.permission_world).

All of it is for those who run audits (scrutineers and partnership managers): every other member gets 403, on
any round, before the round is looked up; anyone without a role in Northmere, and a case, finding or round of
another partnership (or another round's, under this round) 404. What the round's state refuses changes
nothing: agreed grades of a published round, a finding acted on already, publishing a round with unmoderated
cases or one published already. Refused posts change nothing.
"""

import pytest

from tests.support import audit_world
from tests.support.builders import in_days
from tests.support.permission_table import PERSONAS, Row, cases, check

N = "/partnerships/northmere/audits"
C = "/partnerships/castlebrook/audits"
OPEN, READY, PUBLISHED = f"{N}/{{open_round}}", f"{N}/{{ready_round}}", f"{N}/{{published_round}}"
THEIRS_HERE, THEIRS = f"{N}/{{their_round}}", f"{C}/{{their_round}}"
WITH_POLICE = [*PERSONAS, "police_contributor"]

RUN_GET = {"scrutineer": 200, "lead": 200, "contributor": 403, "police_contributor": 403, "viewer": 403}
RUN_POST = RUN_GET | {"scrutineer": 302, "lead": 302}
NOT_TO_RUN = {"contributor": 403, "police_contributor": 403, "viewer": 403}  # refused by role before the round

AGREED = {f"grade_{code}": "good" for code in audit_world.domain_codes()} | {"version": "0"}
AGREED_AGAIN = AGREED | {f"reason_{code}": audit_world.AGREED_REASON for code in audit_world.domain_codes()}
AGREED_OTHERWISE = AGREED | {"grade_overall": "inadequate", "reason_overall": "Drift after the strategy discussion."}
FINDING = {"kind": "learning", "text": "The child's own words were rarely recorded.", "recommendations": ["R5"]}
FINDING_EDIT = FINDING | {"kind": "theme", "version": "0"}
START, DUE = in_days(0), in_days(60)
ACT = {
    "description": "Record the child's own words in every strategy discussion.",
    "owner_agency": "{health_agency}",
    "lead_name": "Jo Smith, Designated Nurse",
    "title": "Case audit: learning",
    "version": "0",
    **{f"start_date_{n}": str(part) for n, part in enumerate((START.day, START.month, START.year))},
    **{f"due_date_{n}": str(part) for n, part in enumerate((DUE.day, DUE.month, DUE.year))},
}

ROWS = [
    # Moderation: the agreed grade per domain; an identical save writes nothing.
    Row(f"{OPEN}/cases/{{both_case}}/moderate/", RUN_GET),
    Row(f"{OPEN}/cases/{{both_case}}/moderate/", RUN_POST, method="post", data=AGREED),
    Row(f"{OPEN}/cases/{{moderated_case}}/moderate/", RUN_POST, method="post", data=AGREED_AGAIN, unchanged=True),
    # A published round's agreed grades and findings are its published results: back to the round, nothing saved.
    Row(f"{PUBLISHED}/cases/{{published_case}}/moderate/", RUN_POST),
    Row(
        f"{PUBLISHED}/cases/{{published_case}}/moderate/",
        RUN_POST,
        method="post",
        data=AGREED_OTHERWISE,
        unchanged=True,
    ),
    Row(f"{PUBLISHED}/findings/new/", RUN_POST),
    Row(f"{PUBLISHED}/findings/new/", RUN_POST, method="post", data=FINDING, unchanged=True),
    Row(f"{PUBLISHED}/findings/{{published_finding}}/edit/", RUN_POST),
    Row(
        f"{PUBLISHED}/findings/{{published_finding}}/edit/", RUN_POST, method="post", data=FINDING_EDIT, unchanged=True
    ),
    Row(f"{OPEN}/cases/{{published_case}}/moderate/", NOT_TO_RUN, method="post", data=AGREED),
    Row(f"{THEIRS_HERE}/cases/{{their_case}}/moderate/", NOT_TO_RUN),
    Row(f"{THEIRS_HERE}/cases/{{their_case}}/moderate/", NOT_TO_RUN, method="post", data=AGREED),
    Row(f"{THEIRS}/cases/{{their_case}}/moderate/", {"outsider": 200}),
    # Findings.
    Row(f"{OPEN}/findings/new/", RUN_GET),
    Row(f"{OPEN}/findings/new/", RUN_POST, method="post", data=FINDING),
    Row(f"{THEIRS_HERE}/findings/new/", NOT_TO_RUN, method="post", data=FINDING),
    Row(f"{THEIRS}/findings/new/", {"outsider": 200}),
    Row(f"{OPEN}/findings/{{open_finding}}/edit/", RUN_GET),
    Row(f"{OPEN}/findings/{{open_finding}}/edit/", RUN_POST, method="post", data=FINDING_EDIT),
    Row(f"{PUBLISHED}/findings/{{open_finding}}/edit/", NOT_TO_RUN, method="post", data=FINDING_EDIT),
    Row(f"{THEIRS_HERE}/findings/{{their_finding}}/edit/", NOT_TO_RUN),
    Row(f"{THEIRS_HERE}/findings/{{their_finding}}/edit/", NOT_TO_RUN, method="post", data=FINDING_EDIT),
    Row(f"{THEIRS}/findings/{{their_finding}}/edit/", {"outsider": 200}),
    # A finding made an action and evidence, once: a second post goes back to its page and makes nothing.
    Row(f"{OPEN}/findings/{{open_finding}}/act/", RUN_GET),
    Row(f"{OPEN}/findings/{{open_finding}}/act/", RUN_POST, method="post", data=ACT),
    Row(f"{OPEN}/findings/{{acted_finding}}/act/", RUN_GET),
    Row(f"{OPEN}/findings/{{acted_finding}}/act/", RUN_POST, method="post", data=ACT, unchanged=True),
    Row(f"{PUBLISHED}/findings/{{published_finding}}/act/", RUN_GET),
    Row(f"{PUBLISHED}/findings/{{open_finding}}/act/", NOT_TO_RUN, method="post", data=ACT),
    Row(f"{THEIRS_HERE}/findings/{{their_finding}}/act/", NOT_TO_RUN, method="post", data=ACT),
    Row(f"{THEIRS}/findings/{{their_finding}}/act/", {"outsider": 200}),
    # Publishing: once every case is moderated and a finding written; never twice.
    Row(f"{READY}/publish/", RUN_GET),
    Row(f"{READY}/publish/", RUN_POST, method="post"),
    Row(f"{OPEN}/publish/", RUN_GET, method="post", unchanged=True),
    Row(f"{PUBLISHED}/publish/", RUN_GET),
    Row(f"{PUBLISHED}/publish/", RUN_GET, method="post", unchanged=True),
    Row(f"{THEIRS_HERE}/publish/", NOT_TO_RUN),
    Row(f"{THEIRS_HERE}/publish/", NOT_TO_RUN, method="post"),
    Row(f"{THEIRS}/publish/", {"outsider": 200}),
]


@pytest.fixture(scope="module")
def shared(shared):
    return audit_world.permission_world(shared)


@pytest.mark.parametrize(**cases(ROWS, WITH_POLICE))
def test_audit_moderation(client, personas, world, row, persona):
    check(client, personas, world, row, persona)
