"""With four answers from an agency type, neither its figures nor its free text appear anywhere: the results page,
the CSV export, the recommendation page, the report, the evidence the results become. With five they do."""

import pytest

from partnerships.models import Evidence
from recommendations.models import AgencyType
from scrutiny.models import Report
from scrutiny.report_build import render_html
from surveys.evidence import make_evidence
from tests.support import survey_world
from tests.support.builders import as_member

pytestmark = pytest.mark.django_db

POLICE_TEXT = "Only the police said this"


def everywhere(client, personas, world, survey_round) -> dict:
    client.force_login(personas["scrutineer"])
    base = f"/partnerships/northmere/surveys/{survey_round.pk}"
    make_evidence(membership=as_member(personas["scrutineer"]), survey_round=survey_round)
    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["lead"])
    return {
        "page": client.get(f"{base}/results/").content.decode(),
        "export": client.get(f"{base}/results.csv").content.decode("utf-8-sig"),
        "recommendation": client.get("/partnerships/northmere/recommendations/R5/").content.decode(),
        "report": render_html(report),
        "evidence": Evidence.objects.get(pk=survey_round.evidence_id).summary,
    }


def built(partnership, personas, health_agency, police):
    survey_round = survey_world.survey_round(
        partnership, personas["lead"], [health_agency], closes_in_days=-1, published=True
    )
    survey_world.answers(survey_round, 5, agency_type=AgencyType.HEALTH, confidence=5, trained=True,
                         texts={"PQ1": "Health said this"})  # fmt: skip
    survey_world.answers(survey_round, police, agency_type=AgencyType.POLICE, confidence=1, trained=False,
                         texts={"PQ1": POLICE_TEXT})  # fmt: skip
    return survey_round


def test_four_police_answers_appear_nowhere(client, world, personas, partnership, health_agency):
    found = everywhere(client, personas, world, built(partnership, personas, health_agency, police=4))
    for where, text in found.items():
        assert POLICE_TEXT not in text, where
        assert "0 of 4" not in text, where
        assert "Police: confident" not in text, where
        if where != "export":
            assert "5 of 9 (56%)" in text, where  # everyone who answered: shown
    assert "Everyone who answered,9,4,0,0,0,5,5,5,56,56" in found["export"]
    assert "Health said this" in found["page"]  # the health team's five answers
    assert "Health 5" not in found["evidence"]  # health alone would give police by difference
    police_rows = [line for line in found["export"].splitlines() if ",Police," in line]
    assert police_rows == ['Answers,Police,"Fewer than 5 answers: not shown, to protect anonymity",,,,,,,,,']
    assert "Fewer than 5 answers" in found["page"]


def test_five_police_answers_appear_everywhere(client, world, personas, partnership, health_agency):
    found = everywhere(client, personas, world, built(partnership, personas, health_agency, police=5))
    for where, text in found.items():
        if where != "export":
            assert "0 of 5 (0%)" in text, where
    assert found["page"].count(POLICE_TEXT) == 5
    assert "Police: confident 0 of 5 (0%)" in found["evidence"]
    assert any(line.startswith('"Talking to children') and ",Police,5,5,0,0,0,0,0,0,0,0" in line
               for line in found["export"].splitlines())  # fmt: skip
    assert POLICE_TEXT not in found["export"] and POLICE_TEXT not in found["report"]
