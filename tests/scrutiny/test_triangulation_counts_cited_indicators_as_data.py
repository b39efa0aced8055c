"""A cited indicator is data: the triangulation counts it under "Data", so evidence from children and families
and from practitioners plus a cited indicator rests on three kinds of source."""

import datetime

from partnerships.models import Evidence
from scrutiny.judgements import triangulate
from tests.support.indicator_values import suggested

URL = "/partnerships/northmere/reviews/{}/judgements/R6/"


def item(source):
    return Evidence(source=source, date=datetime.date(2026, 1, 1))


def test_a_cited_indicator_is_a_third_kind_of_source(framework):
    health = suggested(framework, "I-R6-HEALTH-PRESENT")
    evidence = [item("voices"), item("practitioners")]
    without = triangulate("reasonable", evidence)
    assert without.kinds == 2 and any("rests on 2 kinds" in warning for warning in without.warnings)

    cited = triangulate("reasonable", evidence, [health])
    assert cited.kinds == 3
    assert cited.warnings == []
    data = next(row for row in cited.rows if row.source == "data")
    assert data.indicators == [health] and data.items == []
    assert data.cited == ["indicator I-R6-HEALTH-PRESENT"]


def test_an_indicator_beside_data_evidence_is_still_one_kind(framework):
    result = triangulate("substantial", [item("voices"), item("data")], [suggested(framework, "I-R6-THERAPY-WAIT")])
    assert result.kinds == 2


def test_the_judgement_page_counts_the_cited_indicator(client, world, personas, partnership):
    voices = Evidence.objects.create(
        partnership=partnership,
        title="What young people said about the health pathway",
        summary="Their words",
        type=Evidence.Type.AUDIT,
        source=Evidence.Source.VOICES,
        date=datetime.date(2026, 3, 2),
        confirmed_no_identifying_details=True,
        created_by=personas["lead"],
    )
    voices.recommendations.add(partnership.framework.recommendations.get(code="R6"))
    health = suggested(partnership.framework, "I-R6-HEALTH-PRESENT")
    client.force_login(personas["scrutineer"])
    url = URL.format(world["review"].pk)
    data = {"version": "0", "level": "reasonable", "rationale": "Health now attends most strategy discussions."}
    data["evidence"] = [voices.pk, world["health_evidence"].pk]  # voices, and an audit of case files
    assert client.post(url, {**data, "indicators": [health.pk]}).status_code == 302

    page = client.get(url).content.decode()
    panel = page.split("Sources behind this judgement")[1].split("</table>")[0]
    assert "3 of 5 kinds of source" in panel
    assert "indicator I-R6-HEALTH-PRESENT" in panel
    assert "rests on" not in panel  # no warning: three kinds, children and families among them
