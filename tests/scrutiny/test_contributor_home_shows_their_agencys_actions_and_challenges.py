"""An agency contributor's home shows their agency's work: its actions due in the next two weeks or overdue,
and the open challenges addressed to it. Other agencies' actions and challenges, and other partnerships',
are not there."""

from partnerships.models import ActionItem
from scrutiny.models import Challenge
from tests.support.builders import in_days


def home_of(client, persona):
    client.force_login(persona)
    page = client.get("/").content.decode()
    assert 'id="agency-work"' in page
    return page


def test_contributor_sees_their_agencys_actions_due_soon_or_overdue(client, personas, world):
    ActionItem.objects.filter(pk=world["health_action"].pk).update(due_date=in_days(-3))
    ActionItem.objects.filter(pk=world["police_action"].pk).update(due_date=in_days(5))  # not their agency's
    page = home_of(client, personas["contributor"])
    actions = page.split('id="agency-actions"')[1].split("<h2")[0]
    assert "Health rota for strategy discussions" in actions and "Overdue" in actions
    assert f"/partnerships/northmere/actions/{world['health_action'].pk}/" in actions
    assert "Police single point of contact" not in actions and "Castlebrook action" not in actions

    # Due in ten days: listed, not overdue. Due in forty, or complete: not listed.
    ActionItem.objects.filter(pk=world["health_action"].pk).update(due_date=in_days(10))
    actions = home_of(client, personas["contributor"]).split('id="agency-actions"')[1].split("<h2")[0]
    assert "Health rota for strategy discussions" in actions and "Overdue" not in actions
    ActionItem.objects.filter(pk=world["health_action"].pk).update(due_date=in_days(40))
    actions = home_of(client, personas["contributor"]).split('id="agency-actions"')[1].split("<h2")[0]
    assert "Health rota" not in actions
    assert "None of your agency's actions is due in the next two weeks, and none is overdue." in actions


def test_contributor_sees_the_open_challenges_addressed_to_their_agency(client, personas, world):
    Challenge.objects.filter(pk=world["health_challenge"].pk).update(response_due=in_days(-1))
    page = home_of(client, personas["contributor"])
    challenges = page.split('id="agency-challenges"')[1]
    assert "Where is health?" in challenges and "Overdue" in challenges
    assert f"/partnerships/northmere/challenges/{world['health_challenge'].pk}/" in challenges
    assert "Where is police?" not in challenges and "Castlebrook challenge" not in challenges

    Challenge.objects.filter(pk=world["health_challenge"].pk).update(status=Challenge.Status.ACCEPTED)
    challenges = home_of(client, personas["contributor"]).split('id="agency-challenges"')[1]
    assert "Where is health?" not in challenges
    assert "No open challenge is addressed to your agency." in challenges


def test_other_roles_do_not_get_the_contributors_lists(client, personas, world):
    for persona in ("scrutineer", "lead", "viewer", "outsider"):
        client.force_login(personas[persona])
        assert 'id="agency-work"' not in client.get("/").content.decode()
