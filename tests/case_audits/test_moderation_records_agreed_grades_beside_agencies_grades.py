"""Moderation records an agreed grade per domain beside, never over, each agency's own grade; the sheet shows
both, and the agreed grades' history names the moderator."""

from case_audits.models import AgreedGrade, ReturnGrade
from case_audits.moderation import moderate_case, moderation_sheet
from tests.case_audits.moderation_support import agreed, round_with_a_case
from tests.support.builders import as_member


def test_agreed_grades_are_kept_apart_from_the_agencies_grades(partnership, personas, health_agency):
    _, audit_case = round_with_a_case(partnership, personas, health_agency, police_grades={"recognition": "inadequate"})
    grades = agreed(audit_case, recognition="requires_improvement")
    reasons = {"recognition": "Police recognised the signs late; health did not share the disclosure."}

    changed = moderate_case(
        membership=as_member(personas["scrutineer"]),
        audit_case=audit_case,
        seen_version=audit_case.version,
        grades=grades,
        reasons=reasons,
    )

    assert changed is True
    recorded = {a.domain.code: a for a in AgreedGrade.objects.filter(case=audit_case).select_related("grade", "domain")}
    assert {code: a.grade.code for code, a in recorded.items()} == grades
    assert recorded["recognition"].reason == reasons["recognition"]
    assert recorded["recognition"].recorded_by == personas["scrutineer"]
    # the agencies' own grades are untouched
    police_own = ReturnGrade.objects.get(
        agency_return__case=audit_case, agency_return__agency__name="Northmere Police", domain__code="recognition"
    )
    assert police_own.grade.code == "inadequate"
    history = recorded["recognition"].history.get()
    assert history.history_user == personas["scrutineer"]

    sheet = moderation_sheet(audit_case)
    recognition = next(row for row in sheet.rows if row.domain.code == "recognition")
    assert {own.agency.name: own.grade.code for own in recognition.agencies} == {
        "Northmere Health": "good",
        "Northmere Police": "inadequate",
    }
    assert recognition.agreed.grade.code == "requires_improvement"
    assert sheet.outstanding == []


def test_saving_again_updates_the_agreed_grades_in_place(partnership, personas, health_agency):
    _, audit_case = round_with_a_case(partnership, personas, health_agency)
    lead = as_member(personas["lead"])
    moderate_case(membership=lead, audit_case=audit_case, seen_version=0, grades=agreed(audit_case), reasons={})
    audit_case.refresh_from_db()

    moderate_case(
        membership=lead,
        audit_case=audit_case,
        seen_version=audit_case.version,
        grades=agreed(audit_case, overall="outstanding"),
        reasons={"overall": "The meeting agreed practice was exemplary."},
    )

    assert AgreedGrade.objects.filter(case=audit_case).count() == audit_case.round.tool.domains.count()
    overall = AgreedGrade.objects.get(case=audit_case, domain__code="overall")
    assert overall.grade.code == "outstanding"
    assert overall.history.count() == 2


def test_nothing_is_written_when_nothing_changed(partnership, personas, health_agency):
    _, audit_case = round_with_a_case(partnership, personas, health_agency)
    lead = as_member(personas["lead"])
    moderate_case(membership=lead, audit_case=audit_case, seen_version=0, grades=agreed(audit_case), reasons={})
    audit_case.refresh_from_db()
    before = (audit_case.history.count(), AgreedGrade.history.count(), audit_case.version)

    changed = moderate_case(
        membership=lead, audit_case=audit_case, seen_version=audit_case.version, grades=agreed(audit_case), reasons={}
    )

    audit_case.refresh_from_db()
    assert changed is False
    assert (audit_case.history.count(), AgreedGrade.history.count(), audit_case.version) == before
