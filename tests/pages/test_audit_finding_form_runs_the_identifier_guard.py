"""A finding is written and changed through a form that runs the identifier check on its text: an NHS number
blocks the save until removed or confirmed with a reason, which goes into the finding's history; a change from a
form opened before another is refused."""

import re

from case_audits.models import Finding
from tests.support import audit_world

NHS = "943 476 5919"


def _post(**changes):
    return {
        "kind": "learning",
        "text": "The child's own words were rarely recorded.",
        "recommendations": ["R5"],
    } | changes


def _digest(html):
    return re.search(r'name="identifier_checked" value="([0-9a-f]+)"', html).group(1)


def test_created_only_once_the_identifier_is_confirmed(client, partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/findings/new/"
    text = f"One referral quoted NHS number {NHS}."

    first = client.post(url, _post(text=text))
    assert first.status_code == 200 and not Finding.objects.exists()
    confirmed = client.post(
        url,
        _post(
            text=text,
            identifier_checked=_digest(first.content.decode()),
            identifier_confirmed="on",
            identifier_reason="It is the front door team's number.",
        ),
    )

    assert confirmed.status_code == 302
    finding = Finding.objects.get()
    assert finding.created_by == personas["scrutineer"]
    created = finding.history.get()
    assert created.history_user == personas["scrutineer"]
    assert "front door team" in created.history_change_reason


def test_a_finding_needs_a_recommendation(client, partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    client.force_login(personas["lead"])

    response = client.post(f"/partnerships/northmere/audits/{audit_round.pk}/findings/new/", _post(recommendations=[]))

    assert "Select at least one recommendation the finding bears on" in response.content.decode()
    assert not Finding.objects.exists()


def test_edited_with_the_check_and_refused_when_stale(client, partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    finding = audit_world.finding(audit_round, personas["lead"])
    client.force_login(personas["lead"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/findings/{finding.pk}/edit/"

    guarded = client.post(url, _post(text=f"Now with {NHS}", version=0))
    changed = client.post(
        url, _post(text="Children's words were recorded in two cases of six.", kind="theme", version=0)
    )
    stale = client.post(url, _post(text="An older page's text.", version=0))

    assert guarded.status_code == 200
    assert changed.status_code == 302
    finding.refresh_from_db()
    assert (finding.kind, finding.text, finding.version) == (
        "theme",
        "Children's words were recorded in two cases of six.",
        1,
    )
    assert finding.history.latest("history_id").history_user == personas["lead"]
    assert stale.status_code == 200 and "after you opened it" in stale.content.decode()
