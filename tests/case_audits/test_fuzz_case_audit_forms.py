"""Fuzzed case audit forms: adding a case (any reference, age band, agencies and recommendations) and an agency's
return (any grades, rationales and narrative, saved or submitted), posted with hostile text and choices, either save
exactly what was posted or show the form again with its errors, never a 500 and never half a save."""

from hypothesis import given
from hypothesis import strategies as st

from case_audits.models import AgencyReturn, AuditCase
from case_audits.rounds import reference_problem
from tests.support import audit_world
from tests.support.fuzzing import (
    assert_storable,
    choice,
    choices,
    cleaned_text,
    database_state,
    fuzz_settings,
    post_form,
    rolled_back,
    saved,
    texts,
)

GRADES = ["outstanding", "good", "requires_improvement", "inadequate"]


def _round(partnership, personas, health_agency):
    audit_round = audit_world.audit_round(
        partnership, personas["lead"], [health_agency], tool_code=audit_world.SHORT_TOOL
    )
    return audit_round, f"/partnerships/northmere/audits/{audit_round.pk}/"


@fuzz_settings(examples=40)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "reference": st.one_of(texts, st.sampled_from(["NM-01", "MACA-2026/03", "12/03/2015", "943 476 5919"])),
            "age_band": choice(["under_5", "5_to_9", "10_to_13", "14_to_17"]),
            "agencies": choices(["health"]),
            "recommendations": choices(["R3", "R5"]),
        },
    )
)
def test_adding_a_case_saves_what_was_posted_or_shows_errors(client, personas, partnership, health_agency, data):
    client.force_login(personas["lead"])
    ids = {"health": str(health_agency.pk)} | {
        r.code: str(r.pk) for r in partnership.framework.recommendations.filter(code__in=["R3", "R5"])
    }
    data = {key: [ids.get(v, v) for v in value] if isinstance(value, list) else value for key, value in data.items()}
    with rolled_back():
        _, base = _round(partnership, personas, health_agency)
        before = database_state()
        response = post_form(client, f"{base}cases/new/", data)
        if saved(response, before):
            case = AuditCase.objects.latest("pk")
            assert_storable(case)
            assert case.reference == cleaned_text(data["reference"])
            assert reference_problem(case.reference) is None
            assert case.age_band == data["age_band"].strip()


@fuzz_settings(examples=40)
@given(
    grades=st.lists(choice(GRADES), min_size=4, max_size=4),
    rationales=st.lists(st.one_of(st.just(""), texts), min_size=4, max_size=4),
    narrative=st.fixed_dictionaries({}, optional={"strengths": texts, "concerns": texts, "learning": texts}),
    submitting=st.booleans(),
)
def test_a_return_saves_what_was_posted_or_shows_errors(
    client, personas, partnership, health_agency, grades, rationales, narrative, submitting
):
    client.force_login(personas["contributor"])
    with rolled_back():
        audit_round, base = _round(partnership, personas, health_agency)
        case = audit_world.case(audit_round, personas["lead"])
        domains = list(audit_round.tool.domains.all())
        data = {"version": "0", **narrative} | ({} if submitting else {"save_draft": ""})
        for domain, grade, rationale in zip(domains, grades, rationales, strict=True):
            data[f"grade_{domain.code}"] = grade
            data[f"rationale_{domain.code}"] = rationale
        before = database_state()
        response = post_form(client, f"{base}cases/{case.pk}/returns/{health_agency.pk}/", data)
        if saved(response, before):
            made = AgencyReturn.objects.get(case=case)
            assert_storable(made)
            assert made.is_submitted == submitting
            for name, value in narrative.items():
                assert getattr(made, name) == cleaned_text(value)
            for row in made.grades.select_related("grade", "domain"):
                posted = data[f"grade_{row.domain.code}"].strip()
                assert (row.grade.code if row.grade else "") == (posted if posted in GRADES else "")
                assert_storable(row)
