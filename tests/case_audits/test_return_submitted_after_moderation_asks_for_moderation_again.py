"""A return submitted after its case was moderated (reopened by a scrutineer and submitted again) has not been weighed
against the agreed grades: the case is to be moderated again and counts in no result until it is; the agreed grades
are kept for the moderators, and the history says why."""

from case_audits import results, returns
from case_audits.models import AgreedGrade
from tests.support import audit_world
from tests.support.builders import as_member


def test_the_case_is_moderated_again(partnership, personas, health_agency):
    lead, contributor = personas["lead"], personas["contributor"]
    audit_round = audit_world.audit_round(partnership, lead, [health_agency])
    case = audit_world.case(audit_round, lead)
    agency_return = audit_world.agency_return(case, health_agency, contributor)
    audit_world.agree(case, personas["scrutineer"])
    returns.reopen_return(
        membership=as_member(personas["scrutineer"]), agency_return=agency_return, reason="The wrong file was read."
    )
    agency_return.refresh_from_db()
    case.refresh_from_db()
    tool = audit_round.tool
    inadequate = tool.grades.get(code="inadequate")
    answers = dict.fromkeys(tool.domains.all(), (inadequate, "Read again from the right file."))

    returns.save_return(
        membership=as_member(contributor),
        case=case,
        agency=health_agency,
        seen_version=agency_return.version,
        answers=answers,
        submit=True,
    )

    case.refresh_from_db()
    assert not case.is_moderated
    assert AgreedGrade.objects.filter(case=case).count() == tool.domains.count()
    assert case.history.first().history_change_reason == returns.MODERATE_AGAIN
    found = results.results_of([audit_round])[audit_round.pk]
    assert (found.cases, found.moderated_cases) == (1, 0)
