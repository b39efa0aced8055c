"""Opening a round makes one live link per agency taking part, each with its own unguessable token
(secrets.token_urlsafe(32): 43 URL-safe characters, 256 random bits), recorded in the round's history."""

import re

from surveys import rounds
from surveys.models import SurveyLink
from tests.support import survey_world
from tests.support.audit_world import police_agency
from tests.support.builders import as_member, in_days


def test_one_link_per_agency(personas, partnership, health_agency):
    police = police_agency(partnership)
    made = rounds.create_round(
        membership=as_member(personas["lead"]),
        title="Practitioners' voice: spring",
        template=survey_world.template(partnership),
        opens_on=in_days(0),
        closes_on=in_days(28),
        agencies=[health_agency, police],
    )
    links = list(SurveyLink.objects.filter(round=made))
    assert sorted(link.agency_id for link in links) == sorted([health_agency.pk, police.pk])
    assert len({link.token for link in links}) == 2
    for link in links:
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", link.token)
        assert not link.is_revoked
        assert link.created_by == personas["lead"]
    assert made.history.count() == 1
    assert made.history.get().history_user == personas["lead"]
    assert set(made.agencies.all()) == {health_agency, police}


def test_tokens_do_not_repeat(personas, partnership, health_agency):
    membership = as_member(personas["scrutineer"])
    tokens = set()
    for number in range(20):
        made = rounds.create_round(
            membership=membership,
            title=f"Round {number}",
            template=survey_world.template(partnership),
            opens_on=in_days(0),
            closes_on=in_days(1),
            agencies=[health_agency],
        )
        tokens.add(made.links.get().token)
    assert len(tokens) == 20
