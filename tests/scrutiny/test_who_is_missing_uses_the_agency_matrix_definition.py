"""One definition of taking part everywhere: an agency that contributes to an action for a recommendation
takes part in it on the overview, the recommendation page, the agencies-by-recommendation page and in the
report, and each of them says what counts."""

import html

from django.utils import timezone

from recommendations.models import Recommendation
from scrutiny.models import Report
from scrutiny.report_build import render_html

DEFINITION = "owns or contributes to an action for it"


def police_contributes_to_an_r1_action(world):
    item = world["health_action"]
    item.recommendations.add(Recommendation.objects.get(code="R1"))
    item.contributing_agencies.add(world["police"])


def flat(page: str) -> str:
    return " ".join(html.unescape(page).split())


def test_a_contributing_agency_is_not_missing_anywhere(client, personas, world):
    police_contributes_to_an_r1_action(world)
    client.force_login(personas["lead"])

    matrix = client.get("/partnerships/northmere/agencies/").content.decode()
    police_row = matrix.split(">Northmere Police<br>")[1].split("</tr>")[0]
    assert "0 evidence, 1 action" in police_row.split("<td")[1]  # R1

    overview = flat(client.get("/partnerships/northmere/").content.decode())
    hint = overview.split('id="R1-hint"')[1].split("</div>")[0]
    assert "no evidence or action yet from Children's social care" in hint
    assert "Police" not in hint and "Health" not in hint

    page = flat(client.get("/partnerships/northmere/recommendations/R1/").content.decode())
    assert "No evidence or action yet from Children's social care, which this recommendation needs." in page

    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["scrutineer"])
    section = flat(render_html(report, timezone.now())).split('id="rec-r1"')[1].split("</section>")[0]
    assert "Who is missing" in section
    assert "No evidence or action yet from Children's social care, which this recommendation needs." in section


def test_every_place_states_the_definition(client, personas, world):
    client.force_login(personas["lead"])
    for url in [
        "/partnerships/northmere/",
        "/partnerships/northmere/recommendations/R1/",
        "/partnerships/northmere/agencies/",
    ]:
        assert DEFINITION in flat(client.get(url).content.decode()), url
    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["scrutineer"])
    assert DEFINITION in flat(render_html(report, timezone.now()))
