"""Submitting a return with a domain ungraded is refused, naming that domain in the error summary; a graded
domain without its reason is refused too; nothing is saved."""

from case_audits.models import AgencyReturn
from tests.pages.test_audit_return_saved_as_draft_then_submitted import full_answers, return_url
from tests.support import audit_world
from tests.support.builders import errors_of


def test_the_ungraded_domain_is_named(client, personas, partnership, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    case = audit_world.case(audit_round, personas["lead"])
    client.force_login(personas["contributor"])
    response = client.post(
        return_url(case, health_agency),
        full_answers(case, grade_strategy_discussion=None, rationale_overall="", rationale_strategy_discussion=""),
    )
    assert response.status_code == 200
    errors = errors_of(response)
    assert errors["grade_strategy_discussion"] == ["Select a grade for “The strategy discussion”"]
    assert errors["rationale_overall"] == ["Give the reason for the grade of “Overall”"]
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Select a grade for “The strategy discussion”" in page
    assert not AgencyReturn.objects.exists()
