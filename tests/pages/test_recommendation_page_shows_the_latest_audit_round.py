"""The recommendation page summarises the latest round with moderated cases whose tool has a domain linked to the
recommendation: its grades for those domains, with a link to the round's results. Those who run audits see an
unpublished round, marked so; viewers and contributors published rounds only. Read in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support import audit_world
from tests.support.builders import in_days


@pytest.fixture
def rounds(partnership, personas, health_agency):
    lead = personas["lead"]
    published = audit_world.moderated_round(
        partnership,
        lead,
        [health_agency],
        [{"childs_voice": "inadequate"}, {}],
        title="Published <em>round</em>",
        period_start=in_days(-500),
        period_end=in_days(-400),
        published=True,
    )
    unpublished = audit_world.moderated_round(
        partnership, lead, [health_agency], [{"childs_voice": "good"}], title="Unpublished round"
    )
    return published, unpublished


def page(client, persona, code="R5"):
    response = client.get(f"/partnerships/northmere/recommendations/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_those_who_run_audits_see_the_latest_round_marked_unpublished(client, personas, rounds):
    client.force_login(personas["scrutineer"])
    html = page(client, "scrutineer")
    section = html[html.index('id="case-audit"') :]
    assert "Unpublished round" in section and "Not published yet" in section
    assert f"/partnerships/northmere/audits/{rounds[1].pk}/results/" in section
    # R5's domains: the child's voice, plans for every child, support; not the others.
    assert "The child&#x27;s voice" in section
    assert "Support and therapeutic help" in section
    assert "Recognising signs and indicators" not in section


@pytest.mark.parametrize("persona", ["viewer", "contributor"])
def test_others_see_the_latest_published_round(client, personas, rounds, persona):
    client.force_login(personas[persona])
    html = page(client, persona)
    section = html[html.index('id="case-audit"') :]
    assert "Unpublished round" not in html
    assert "Published &lt;em&gt;round&lt;/em&gt;" in section and "<em>round</em>" not in html
    assert "1 of 2" in section  # the child's voice, good or better
    assert f"/partnerships/northmere/audits/{rounds[0].pk}/results/" in section


def test_without_a_round(client, personas):
    client.force_login(personas["viewer"])
    assert "No published case audit round with moderated cases covers this recommendation yet." in page(
        client, "viewer"
    )


def test_queries_do_not_grow_with_cases(client, personas, partnership, health_agency):
    client.force_login(personas["scrutineer"])
    lead = personas["lead"]
    audit_world.moderated_round(partnership, lead, [health_agency], [{}] * 2)

    def count():
        with CaptureQueriesContext(connection) as queries:
            page(client, "scrutineer")
        return len(queries)

    small = count()
    audit_world.moderated_round(partnership, lead, [health_agency], [{}] * 20)
    assert count() == small
