"""A contributor completes their agency's return on a case: saved as a draft with only some domains graded, then
submitted once every domain has a grade and a reason. Each save is recorded in the return's history, by them."""

from case_audits.models import AgencyReturn, ReturnGrade
from tests.support import audit_world


def return_url(case, agency):
    return f"/partnerships/northmere/audits/{case.round_id}/cases/{case.pk}/returns/{agency.pk}/"


def full_answers(case, **changes) -> dict:
    data = {}
    for domain in case.round.tool.domains.all():
        data[f"grade_{domain.code}"] = "good"
        data[f"rationale_{domain.code}"] = "Seen in the records."
    data |= {"strengths": "Prompt referral.", "concerns": "", "learning": "Hear the child.", "version": "0"}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_draft_then_a_submission(client, personas, partnership, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    case = audit_world.case(audit_round, personas["lead"])
    client.force_login(personas["contributor"])
    page = client.get(return_url(case, health_agency)).content.decode()
    assert "The strategy discussion" in page and "Save and come back later" in page and "Submit return" in page
    assert "Did an appropriate health representative take part" in page  # the domain's guidance

    draft = {"grade_recognition": "good", "rationale_recognition": "Signs seen early.", "version": "0"}
    response = client.post(return_url(case, health_agency), draft | {"save_draft": ""})
    assert response.status_code == 302
    made = AgencyReturn.objects.get()
    assert made.status == AgencyReturn.Status.DRAFT
    assert made.grades.exclude(grade=None).count() == 1
    assert made.grades.count() == case.round.tool.domains.count()

    response = client.post(return_url(case, health_agency), full_answers(case, version=str(made.version)))
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.is_submitted
    assert made.submitted_by == personas["contributor"]
    assert not ReturnGrade.objects.filter(agency_return=made, grade=None).exists()
    assert [record.history_change_reason for record in made.history.order_by("history_id")] == ["Created", "Submitted"]
    assert {record.history_user for record in made.history.all()} == {personas["contributor"]}
    assert ReturnGrade.history.filter(history_user=personas["contributor"]).exists()
