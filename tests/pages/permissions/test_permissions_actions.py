"""The action plan's URLs against every persona (see tests/support/permission_table.py).

Everyone with a role in Northmere reads the plan and its items, viewers included. Leads
create and change every item. Contributors (Northmere Health) post progress updates,
with or without a change of status, on Northmere Health's items only. Scrutineers
comment on any item and verify a complete one, but change no status. Viewers post
nothing. Anyone without a role in Northmere, and every URL of an item under the wrong
partnership's slug, gets 404. Refused posts change nothing.
"""

import datetime

import pytest

from partnerships.models import ActionItem, ProgressUpdate
from tests.support.permission_table import READ_ONLY_POSTED, Row, cases, check

N = "/partnerships/northmere/actions"
C = "/partnerships/castlebrook/actions"

READ = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 200}
LEAD_GET = {"scrutineer": 403, "lead": 200, "contributor": 403, "viewer": 403}
LEAD_POST = {"scrutineer": 403, "lead": 302, "contributor": 403, "viewer": 403}
POST_ONLY = {"scrutineer": 405, "lead": 405, "contributor": 405, "viewer": 405}
# Progress updates: a note alone, and a note with a new status.
COMMENT_HEALTH = {"scrutineer": 302, "lead": 302, "contributor": 302, "viewer": 403}
STATUS_HEALTH = {"scrutineer": 403, "lead": 302, "contributor": 302, "viewer": 403}
COMMENT_POLICE = {"scrutineer": 302, "lead": 302, "contributor": 403, "viewer": 403}
STATUS_POLICE = {"scrutineer": 403, "lead": 302, "contributor": 403, "viewer": 403}
VERIFY = {"scrutineer": 302, "lead": 403, "contributor": 403, "viewer": 403}
# The verification page: the evidence of completion and the note (a scrutineer sent back from an item not complete).
VERIFY_PAGE = {"scrutineer": 200, "lead": 403, "contributor": 403, "viewer": 403}

ITEM = {
    "description": "Information-sharing protocol, probation and police",
    "recommendations": ["R1", "R6"],
    "owner_agency": "{police}",
    "lead_name": "DCI Patel",
    "start_date_0": "1",
    "start_date_1": "4",
    "start_date_2": "2026",
    "due_date_0": "30",
    "due_date_1": "9",
    "due_date_2": "2026",
    "status": "on_track",
    "completion_evidence": "{police_evidence}",
    "version": "0",  # the version the edit form was opened at
}
COMMENT = {"note": "Rota agreed with the ICB."}
STATUS = {"status": "at_risk", "note": "Two gaps in May."}
VERIFICATION = {"note": "Pathway seen in the SARC's referral records.", "version": "0"}  # as created


@pytest.fixture(scope="module")
def shared(shared):
    """The module's world (conftest.py) plus a complete (not yet verified) Northmere Health item."""
    partnership, personas, health_agency = shared["partnership"], shared["personas"], shared["health_agency"]
    item = ActionItem.objects.create(
        partnership=partnership,
        description="Health pathway to the sexual assault referral centre",
        owner_agency=health_agency,
        lead_name="Designated Nurse",
        start_date=datetime.date(2026, 1, 1),
        due_date=datetime.date(2026, 6, 30),
        status=ActionItem.Status.COMPLETE,
        created_by=personas["lead"],
    )
    item.recommendations.add(partnership.framework.recommendations.get(code="R6"))
    ProgressUpdate.objects.create(item=item, author=personas["lead"], note="Pathway agreed", status_to="complete")
    return {**shared, "world": {**shared["world"], "complete_action": item}}


ROWS = [
    # The plan and the form.
    Row(f"{N}/", READ),
    Row(f"{N}/?recommendation=R6&owner={{police}}&status=on_track&overdue=on&page=2", READ),
    Row(f"{N}/new/", LEAD_GET),
    Row(f"{N}/new/", LEAD_POST, method="post", data=ITEM),
    # Items: Northmere Health's (the contributor's agency), Northmere Police's (not theirs), a complete one.
    Row(f"{N}/{{health_action}}/", READ),
    Row(f"{N}/{{police_action}}/", READ),
    Row(f"{N}/{{complete_action}}/", READ),
    Row(f"{N}/", READ_ONLY_POSTED, method="post", data=ITEM),
    Row(f"{N}/{{health_action}}/", READ_ONLY_POSTED, method="post", data=COMMENT),
    Row(f"{N}/{{health_action}}/edit/", LEAD_GET),
    Row(f"{N}/{{police_action}}/edit/", LEAD_GET),
    Row(f"{N}/{{health_action}}/edit/", LEAD_POST, method="post", data=ITEM),
    Row(f"{N}/{{police_action}}/edit/", LEAD_POST, method="post", data=ITEM),
    # Progress updates (POST only).
    Row(f"{N}/{{health_action}}/updates/", POST_ONLY),
    Row(f"{N}/{{health_action}}/updates/", COMMENT_HEALTH, method="post", data=COMMENT),
    Row(f"{N}/{{health_action}}/updates/", STATUS_HEALTH, method="post", data=STATUS),
    Row(f"{N}/{{police_action}}/updates/", COMMENT_POLICE, method="post", data=COMMENT),
    Row(f"{N}/{{police_action}}/updates/", STATUS_POLICE, method="post", data=STATUS),
    # Verification: its page, a complete item's, and one not complete (refused with a message, nothing saved).
    Row(f"{N}/{{complete_action}}/verify/", VERIFY_PAGE),
    Row(f"{N}/{{health_action}}/verify/", VERIFY),
    Row(f"{N}/{{complete_action}}/verify/", VERIFY, method="post", data=VERIFICATION),
    Row(f"{N}/{{health_action}}/verify/", VERIFY, method="post", data=VERIFICATION),
    # Nothing that is not there.
    Row(f"{N}/999999/", {}, default=404),
    Row(f"{N}/999999/edit/", {}),
    Row(f"{N}/999999/updates/", {}, method="post", data=COMMENT),
    Row(f"{N}/999999/verify/", {}),
    Row(f"{N}/999999/verify/", {}, method="post", data=VERIFICATION),
    # Castlebrook's item under Northmere's slug: 404 for everyone, posts included.
    Row(f"{N}/{{other_action}}/", {}),
    Row(f"{N}/{{other_action}}/edit/", {}),
    Row(f"{N}/{{other_action}}/edit/", {}, method="post", data=ITEM),
    Row(f"{N}/{{other_action}}/updates/", {}, method="post", data=STATUS),
    Row(f"{N}/{{other_action}}/verify/", {}),
    Row(f"{N}/{{other_action}}/verify/", {}, method="post", data=VERIFICATION),
    # Castlebrook's own plan: only the outsider (its lead) is in; Northmere's items under its slug are 404.
    Row(f"{C}/", {"outsider": 200}),
    Row(f"{C}/new/", {"outsider": 200}),
    Row(f"{C}/{{other_action}}/", {"outsider": 200}),
    Row(f"{C}/{{other_action}}/edit/", {"outsider": 200}),
    Row(f"{C}/{{other_action}}/updates/", {"outsider": 302}, method="post", data=STATUS),
    Row(f"{C}/{{health_action}}/", {}),
    Row(f"{C}/{{health_action}}/edit/", {}),
    Row(f"{C}/{{health_action}}/edit/", {}, method="post", data=ITEM),
    Row(f"{C}/{{health_action}}/updates/", {}, method="post", data=COMMENT),
    Row(f"{C}/{{complete_action}}/verify/", {}),
    Row(f"{C}/{{complete_action}}/verify/", {}, method="post", data=VERIFICATION),
]


@pytest.mark.parametrize(**cases(ROWS))
def test_action_urls(client, personas, world, row, persona):
    check(client, personas, world, row, persona)


def test_refused_verification_of_an_item_not_complete_changes_nothing(client, personas, world):
    client.force_login(personas["scrutineer"])
    client.post(f"{N}/{world['health_action'].pk}/verify/", VERIFICATION)
    world["health_action"].refresh_from_db()
    assert not world["health_action"].is_verified


def test_posts_that_succeed_did_what_they_say(client, personas, world):
    """The 302s above are real changes: the contributor's status change, the scrutineer's verification."""
    client.force_login(personas["contributor"])
    client.post(f"{N}/{world['health_action'].pk}/updates/", STATUS)
    client.force_login(personas["scrutineer"])
    client.post(f"{N}/{world['complete_action'].pk}/verify/", VERIFICATION)
    for name in ("health_action", "complete_action"):
        world[name].refresh_from_db()
    assert world["health_action"].status == "at_risk"
    assert world["complete_action"].verified_by == personas["scrutineer"]
