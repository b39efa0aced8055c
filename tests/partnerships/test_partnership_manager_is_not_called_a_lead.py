"""The role that keeps the partnership's records (the membership role `lead`) is shown as "partnership
manager" in the pages, the emails and the report, so that nobody takes it for one of the lead safeguarding
partners, to whom escalated challenges go."""

import pytest

from partnerships.models import Membership
from scrutiny.models import Report


def test_the_role_is_named_partnership_manager_and_keeps_its_value():
    assert Membership.Role.LEAD.value == "lead"
    assert Membership.Role.LEAD.label == "Partnership manager"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/partnerships/northmere/challenges/{police_challenge}/",
        "/partnerships/northmere/reviews/{review}/",
    ],
)
def test_a_manager_reads_partnership_manager_on_the_pages(client, personas, world, url):
    client.force_login(personas["lead"])
    html = client.get(url.format(**{name: obj.pk for name, obj in world.items()})).content.decode()
    assert "Partnership manager" in html or "partnership manager" in html
    assert "partnership lead" not in html.lower()


def test_the_challenge_page_tells_others_a_partnership_manager_may_respond(client, personas, world):
    client.force_login(personas["contributor"])  # health: not the challenged agency
    html = client.get(world["police_challenge"].get_absolute_url()).content.decode()
    assert "A response is awaited from Northmere Police or a partnership manager." in html


def test_the_draft_report_says_who_reads_it_with_the_managers_name(personas, world):
    from scrutiny.report_build import render_html

    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["lead"])
    html = render_html(report)
    assert "scrutineers and partnership managers only" in html
    assert "partnership lead" not in html.lower()
