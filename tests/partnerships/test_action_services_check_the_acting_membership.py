"""Each service that writes the action plan takes the acting membership and checks it by the permission the
view declares (partnerships/permissions.py), whoever calls it: a role without the permission, or a member of
another partnership (with a role that has it there), is refused with PermissionDenied and nothing is written."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships import actions as service
from partnerships.models import ActionItem, Membership, ProgressUpdate
from tests.support.builders import as_member, make_member

Status = ActionItem.Status


@pytest.fixture
def people(personas, other_partnership):
    """The personas, and a scrutineer of the outsider's partnership (the outsider is its manager)."""
    scrutineer = make_member("castlebrook-scrutineer", other_partnership, Membership.Role.SCRUTINEER)
    return {**personas, "castlebrook_scrutineer": scrutineer}


@pytest.fixture
def items(world):
    """The police's item, on track, and the health item, complete and not yet verified."""
    ActionItem.objects.filter(pk=world["health_action"].pk).update(status=Status.COMPLETE)
    world["health_action"].refresh_from_db()
    return {"on_track": world["police_action"], "complete": world["health_action"]}


def values(item, **changes):
    return {
        "recommendations": list(item.recommendations.all()),
        "description": item.description,
        "owner_agency": item.owner_agency,
        "lead_name": item.lead_name,
        "start_date": item.start_date,
        "due_date": item.due_date,
        "status": item.status,
        **changes,
    }


CALLS = {
    "create_action": lambda member, items: service.create_action(
        membership=member, **values(items["on_track"], description="A new action")
    ),
    "update_action": lambda member, items: service.update_action(
        item=items["on_track"],
        membership=member,
        seen_version=items["on_track"].version,
        **values(items["on_track"], lead_name="Another lead"),
    ),
    "add_progress_update, a note": lambda member, items: service.add_progress_update(
        item=items["on_track"], membership=member, note="Seen the rota."
    ),
    "add_progress_update, a status": lambda member, items: service.add_progress_update(
        item=items["on_track"], membership=member, note="At risk now.", status=Status.AT_RISK
    ),
    "verify_completion": lambda member, items: service.verify_completion(
        item=items["complete"], membership=member, note="Rota checked.", seen_version=items["complete"].version
    ),
}
# Who has the permission the view declares, and who (of Northmere) does not. The contributor is the
# health agency's: the item on track is the police's.
PERMITTED = {
    "create_action": "lead",
    "update_action": "lead",
    "add_progress_update, a note": "scrutineer",
    "add_progress_update, a status": "lead",
    "verify_completion": "scrutineer",
}
WITHOUT = {
    "create_action": ["scrutineer", "contributor", "viewer"],
    "update_action": ["scrutineer", "contributor", "viewer"],
    "add_progress_update, a note": ["contributor", "viewer"],
    "add_progress_update, a status": ["scrutineer", "contributor", "viewer"],
    "verify_completion": ["lead", "contributor", "viewer"],
}
# A member of another partnership whose role there has the permission.
ELSEWHERE = {
    "update_action": "outsider",
    "add_progress_update, a note": "outsider",
    "add_progress_update, a status": "outsider",
    "verify_completion": "castlebrook_scrutineer",
}


def written():
    """What the action services write: the items (with their links), their history, progress updates."""
    return (
        list(ActionItem.objects.order_by("pk").values()),
        sorted(ActionItem.recommendations.through.objects.values_list("actionitem_id", "recommendation_id")),
        ActionItem.history.count(),
        list(ProgressUpdate.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize(
    "call, who", [(call, who) for call, roles in WITHOUT.items() for who in roles], ids=lambda value: str(value)
)
def test_a_role_without_the_permission_is_refused_and_nothing_is_written(people, items, call, who):
    before = written()
    with pytest.raises(PermissionDenied):
        CALLS[call](as_member(people[who]), items)
    assert written() == before


@pytest.mark.parametrize("call", list(ELSEWHERE))
def test_a_member_of_another_partnership_is_refused_and_nothing_is_written(people, items, call):
    before = written()
    with pytest.raises(PermissionDenied):
        CALLS[call](as_member(people[ELSEWHERE[call]]), items)
    assert written() == before


@pytest.mark.parametrize("call", list(PERMITTED))
def test_the_role_with_the_permission_writes(people, items, call):
    before = written()
    CALLS[call](as_member(people[PERMITTED[call]]), items)
    assert written() != before


def test_a_member_of_another_partnership_adds_only_to_their_own_plan(people, items, partnership, other_partnership):
    """Creating takes no partnership: the item is the acting membership's partnership's, so another
    partnership's manager cannot reach Northmere's plan, and Northmere's agencies are not theirs to name."""
    outsider = as_member(people["outsider"])
    before = written()
    with pytest.raises(ValidationError, match="Select an owner agency of this partnership"):
        CALLS["create_action"](outsider, items)
    assert written() == before
    castlebrook = other_partnership.agencies.get()
    item = service.create_action(membership=outsider, **values(items["on_track"], owner_agency=castlebrook))
    assert item.partnership == other_partnership and item.created_by == people["outsider"]
    assert not partnership.actions.filter(pk=item.pk).exists()
