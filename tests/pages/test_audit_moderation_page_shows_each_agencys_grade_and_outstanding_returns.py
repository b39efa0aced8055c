"""The moderation page: per domain, each involved agency's own grade and rationale from its submitted return ("In
progress" for a draft, "No return" for none), the agreed grade's radios from the tool's scale and a reason box; a
warning names the returns outstanding. Saving records every domain and goes back to the round."""

from case_audits.models import AgreedGrade, AuditCase
from tests.case_audits.moderation_support import agreed, moderation_post
from tests.support import audit_world


def _case(partnership, personas, health_agency):
    police = audit_world.police_agency(partnership)
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency, police])
    audit_case = audit_world.case(audit_round, personas["lead"])
    audit_world.agency_return(
        audit_case,
        health_agency,
        personas["contributor"],
        {"recognition": "inadequate"},
        rationale="Seen late <b>x</b>",
    )
    return audit_round, audit_case


def test_the_page_shows_agencies_grades_and_what_is_outstanding(client, partnership, personas, health_agency):
    audit_round, audit_case = _case(partnership, personas, health_agency)
    client.force_login(personas["lead"])

    response = client.get(f"/partnerships/northmere/audits/{audit_round.pk}/cases/{audit_case.pk}/moderate/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Recognising signs and indicators of sexual abuse" in html
    assert "Inadequate" in html and "Seen late &lt;b&gt;x&lt;/b&gt;" in html
    assert "No return" in html
    assert 'id="outstanding-returns"' in html and "Northmere Police: no return" in html
    for grade in audit_round.tool.grades.all():
        assert f'value="{grade.code}"' in html
    assert 'name="reason_recognition"' in html


def test_saving_moderates_the_case(client, partnership, personas, health_agency):
    audit_round, audit_case = _case(partnership, personas, health_agency)
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/cases/{audit_case.pk}/moderate/"

    refused = client.post(url, moderation_post(audit_case, agreed(audit_case)))
    saved = client.post(
        url, moderation_post(audit_case, agreed(audit_case), {"recognition": "Health recognised the signs late."})
    )

    assert refused.status_code == 200
    assert "differs from Northmere Health" in refused.content.decode()
    assert saved.status_code == 302 and saved["Location"] == audit_round.get_absolute_url()
    assert AgreedGrade.objects.filter(case=audit_case).count() == audit_round.tool.domains.count()
    assert AuditCase.objects.get(pk=audit_case.pk).moderated_by == personas["scrutineer"]
