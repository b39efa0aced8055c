"""Sign-off of final reports (see tests/support/permission_table.py): a scrutineer offers a ready final to
the lead safeguarding partners; the member recorded for one of the three partners (a viewer's membership
here, persona "partner") opens the decision page and signs off or returns it. Nobody else does either: other
roles get 403, anyone without a role in Northmere and every report under the wrong slug 404. Refused posts
change nothing."""

import datetime

import pytest
from django.utils import timezone

from scrutiny.models import Report, Review
from tests.support import builders
from tests.support.permission_table import Row, cases, check

N = "/partnerships/northmere/reports"
C = "/partnerships/castlebrook/reports"

ROLES_403 = {"scrutineer": 403, "lead": 403, "contributor": 403, "viewer": 403, "partner": 403}
# Offering: the scrutineer is sent back to the report, offered or told why not (a draft, a report offered already).
OFFER = {"scrutineer": 302, "lead": 403, "contributor": 403, "viewer": 403, "partner": 403}
OFFER_GET = {"scrutineer": 405, "lead": 403, "contributor": 403, "viewer": 403, "partner": 403}
# The decision page of an offered report: the partner only.
DECIDE_PAGE = ROLES_403 | {"partner": 200}
DECIDE = ROLES_403 | {"partner": 302}
# Of a final not offered: the partner is sent back to the report with a message.
NOT_OFFERED = ROLES_403 | {"partner": 302}

SIGNED = {"decision": "signed", "comment": ""}
RETURNED_WITHOUT_COMMENT = {"decision": "returned", "comment": ""}

ROWS = [
    Row(f"{N}/{{published_final}}/sign-off/offer/", OFFER, method="post"),
    Row(f"{N}/{{published_final}}/sign-off/offer/", OFFER_GET),
    Row(f"{N}/{{offered_final}}/sign-off/offer/", OFFER, method="post"),
    Row(f"{N}/{{published_draft}}/sign-off/offer/", OFFER, method="post"),
    # A final of a review not published: only scrutineers and managers read it; the offer is refused.
    Row(f"{N}/{{final_report}}/sign-off/offer/", OFFER, method="post"),
    Row(f"{N}/{{offered_final}}/sign-off/", DECIDE_PAGE),
    Row(f"{N}/{{offered_final}}/sign-off/", DECIDE, method="post", data=SIGNED),
    # Returned without a comment: the page again, with the error.
    Row(f"{N}/{{offered_final}}/sign-off/", ROLES_403 | {"partner": 200}, method="post", data=RETURNED_WITHOUT_COMMENT),
    Row(f"{N}/{{published_final}}/sign-off/", NOT_OFFERED),
    Row(f"{N}/{{published_final}}/sign-off/", NOT_OFFERED, method="post", data=SIGNED),
    # A draft, and a final of a review not published: the partner (a viewer) may not read them.
    Row(f"{N}/{{published_draft}}/sign-off/", ROLES_403),
    Row(f"{N}/{{final_report}}/sign-off/", ROLES_403, method="post", data=SIGNED),
    # Another partnership's report under this partnership's slug: 404 (the offer's role check comes first).
    Row(f"{N}/{{other_report}}/sign-off/offer/", OFFER_GET | {"scrutineer": 404}, method="post"),
    Row(f"{N}/{{other_report}}/sign-off/", {}),
    Row(f"{N}/{{other_report}}/sign-off/", {}, method="post", data=SIGNED),
    # This partnership's report under the outsider's own slug: 404, and 403 to offer (they manage Castlebrook).
    Row(f"{C}/{{offered_final}}/sign-off/", {}),
    Row(f"{C}/{{offered_final}}/sign-off/", {}, method="post", data=SIGNED),
    Row(f"{C}/{{published_final}}/sign-off/offer/", {"outsider": 403}, method="post"),
]


@pytest.fixture(scope="module")
def shared(shared):
    """The module's world plus the reports of every kind and status (builders.build_report_world), the three
    lead safeguarding partners with their memberships, and a second published review whose ready final is
    offered for sign-off."""
    world, personas = shared["world"], shared["personas"]
    world = builders.build_report_world(world, personas)
    partners = builders.lead_safeguarding_partners(shared["partnership"])
    review = Review.objects.create(
        partnership=shared["partnership"],
        title="Review 2024",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        status=Review.Status.PUBLISHED,
    )
    offered = builders.report(review, Report.Kind.FINAL, personas["scrutineer"], Report.Status.READY)
    Report.objects.filter(pk=offered.pk).update(
        sign_off_requested_at=timezone.now(), sign_off_requested_by=personas["scrutineer"]
    )
    world |= {f"{organisation}_partner": partner for organisation, partner in partners.items()}
    return shared | {"world": world | {"offered_final": offered}}


def with_partner(personas, world):
    return personas | {"partner": world["police_partner"].membership.user}


@pytest.mark.parametrize(**cases(ROWS))
def test_sign_off(client, personas, world, row, persona):
    check(client, with_partner(personas, world), world, row, persona)


@pytest.mark.parametrize("row", ROWS, ids=[row.id("partner") for row in ROWS])
def test_sign_off_as_the_partner(client, personas, world, row):
    check(client, with_partner(personas, world), world, row, "partner")
