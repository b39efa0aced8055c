"""Once its case is moderated, a submitted return cannot be changed: the page says so and a POST saves nothing.
A scrutineer reopens it with a reason (kept in its history); then its contributor can change and submit it.
Only a scrutineer may reopen (the partnership manager gets 403), and only a submitted return on a moderated case."""

from case_audits.models import AgencyReturn
from tests.pages.test_audit_return_saved_as_draft_then_submitted import full_answers, return_url
from tests.support import audit_world


def test_refused_then_reopened(client, personas, partnership, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    case = audit_world.case(audit_round, personas["lead"])
    made = audit_world.agency_return(case, health_agency, personas["contributor"])
    audit_world.agree(case, personas["scrutineer"])
    client.force_login(personas["contributor"])
    page = client.get(return_url(case, health_agency)).content.decode()
    assert "This case has been moderated" in page and "Submit return" not in page
    response = client.post(return_url(case, health_agency), full_answers(case, strengths="Changed", version="0"))
    assert response.status_code == 200
    made.refresh_from_db()
    assert made.strengths == "Prompt strategy discussion." and made.is_submitted

    reopen = return_url(case, health_agency) + "reopen/"
    assert client.get(reopen).status_code == 403
    client.force_login(personas["lead"])
    assert client.post(reopen, {"reason": "Wrong case read."}).status_code == 403
    client.force_login(personas["scrutineer"])
    assert "Why is the return being reopened?" in client.get(reopen).content.decode()
    assert client.post(reopen, {"reason": ""}).status_code == 200  # a reason is required
    assert client.post(reopen, {"reason": "The agency read the wrong file."}).status_code == 302
    made.refresh_from_db()
    assert made.status == AgencyReturn.Status.DRAFT
    latest = made.history.latest()
    assert latest.history_change_reason == "Reopened: The agency read the wrong file."
    assert latest.history_user == personas["scrutineer"]
    assert client.post(reopen, {"reason": "Again."}).status_code == 200  # a draft cannot be reopened

    client.force_login(personas["contributor"])
    response = client.post(
        return_url(case, health_agency), full_answers(case, strengths="Read again.", version=str(made.version))
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.is_submitted and made.strengths == "Read again."
