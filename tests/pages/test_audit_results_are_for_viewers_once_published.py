"""A round's results: those who run audits read them always; viewers and contributors only once the round is
published (an unpublished round's results answer 403 to them, like the round page); outsiders 404. The gap
between agencies' own grades and the agreed ones is shown to those who run audits only."""

import pytest

from tests.support import audit_world

GAP = "Agencies' own grades against the agreed ones"


@pytest.fixture
def rounds(partnership, personas, health_agency):
    lead = personas["lead"]
    return {
        published: audit_world.moderated_round(
            partnership, lead, [health_agency], [{"childs_voice": "inadequate"}], published=published
        )
        for published in (True, False)
    }


def url(audit_round):
    return f"/partnerships/northmere/audits/{audit_round.pk}/results/"


@pytest.mark.parametrize(
    ("persona", "published", "status", "gap"),
    [
        ("scrutineer", False, 200, True),
        ("lead", False, 200, True),
        ("lead", True, 200, True),
        ("contributor", False, 403, False),  # Northmere Health takes part, yet sees results once published
        ("contributor", True, 200, False),
        ("viewer", False, 403, False),
        ("viewer", True, 200, False),
        ("outsider", True, 404, False),
    ],
)
def test_who_reads_the_results(client, personas, rounds, persona, published, status, gap):
    client.force_login(personas[persona])
    response = client.get(url(rounds[published]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Agreed grades by domain" in page
        assert (GAP in page) is gap


def test_anonymous_is_sent_to_sign_in(client, rounds):
    response = client.get(url(rounds[True]))
    assert response.status_code == 302


def test_another_partnerships_round_is_404(client, personas, other_partnership):
    outsider = personas["outsider"]
    agency = other_partnership.agencies.create(name="Castlebrook Police", type="police")
    theirs = audit_world.moderated_round(other_partnership, outsider, [agency], [{}], published=True)
    client.force_login(personas["lead"])
    assert client.get(url(theirs)).status_code == 404


def test_only_get_and_head(client, personas, rounds):
    client.force_login(personas["scrutineer"])
    assert client.post(url(rounds[True])).status_code == 405
