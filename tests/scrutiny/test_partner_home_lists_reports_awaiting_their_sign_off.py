"""A lead safeguarding partner's home page lists the reports offered to them that their organisation has not
decided on yet, and no other member's does."""

import pytest

from partnerships.models import Membership
from scrutiny import sign_off
from tests.support import builders

pytestmark = pytest.mark.usefixtures("sign_off_notices_in_process")


def test_the_partner_sees_what_awaits_their_decision_until_they_decide(client, personas, report_world, partnership):
    partners = builders.lead_safeguarding_partners(partnership)
    report = report_world["published_final"]
    police = partners["police"].membership
    client.force_login(police.user)
    assert "Reports awaiting your sign-off" not in client.get("/").content.decode()
    scrutineer = Membership.objects.get(user=personas["scrutineer"])
    sign_off.offer_for_sign_off(membership=scrutineer, report=report)
    html = client.get("/").content.decode()
    assert "Reports awaiting your sign-off" in html and f"/reports/{report.pk}/sign-off/" in html
    assert "0 of 3 signed so far" in html
    sign_off.decide(membership=police, report=report, decision="signed")
    assert "Reports awaiting your sign-off" not in client.get("/").content.decode()
    client.force_login(partners["local_authority"].membership.user)
    html = client.get("/").content.decode()
    assert f"/reports/{report.pk}/sign-off/" in html and "1 of 3 signed so far" in html
    for persona in ("scrutineer", "lead", "contributor", "viewer"):
        client.force_login(personas[persona])
        assert "Reports awaiting your sign-off" not in client.get("/").content.decode()
