"""A return saved by a colleague after the form was opened is not overwritten: the save is refused, the person's
text is kept and the colleague's save named. A first save made meanwhile counts too (the form opened at 0)."""

from case_audits.models import AgencyReturn
from tests.pages.test_audit_return_saved_as_draft_then_submitted import full_answers, return_url
from tests.support import audit_world
from tests.support.builders import make_member


def test_refused(client, personas, partnership, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    case = audit_world.case(audit_round, personas["lead"])
    colleague = make_member("colleague", partnership, "contributor", health_agency)
    client.force_login(colleague)
    assert (
        client.post(
            return_url(case, health_agency), {"strengths": "Mine.", "version": "0", "save_draft": ""}
        ).status_code
        == 302
    )

    client.force_login(personas["contributor"])
    response = client.post(return_url(case, health_agency), full_answers(case, strengths="Theirs.", version="0"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "after you opened it" in page and "Theirs." in page
    assert AgencyReturn.objects.get().strengths == "Mine."
