"""Withdrawing evidence: a reason, never a deletion, hidden from the register, and all of it in the history."""

import pytest

from partnerships import evidence as evidence_service
from partnerships.models import Evidence, Membership
from tests.support.builders import evidence_form_data

N = "/partnerships/northmere/evidence"


def withdraw(client, evidence, reason="Logged twice: see the March audit"):
    return client.post(f"{N}/{evidence.pk}/withdraw/", {"reason": reason})


def test_lead_withdraws_evidence_with_a_reason_and_it_is_kept(client, personas, world):
    evidence = world["police_evidence"]
    client.force_login(personas["lead"])
    form = client.get(f"{N}/{evidence.pk}/withdraw/").content.decode()
    assert "Why is this evidence being withdrawn?" in form
    assert "data-language-guidance" in form  # the reason gets the review's language guidance

    response = withdraw(client, evidence)
    assert response.status_code == 302
    assert response["Location"] == f"{N}/{evidence.pk}/"
    evidence.refresh_from_db()
    assert evidence.is_withdrawn
    assert evidence.withdrawn_by == personas["lead"]
    assert evidence.withdrawal_reason == "Logged twice: see the March audit"
    assert Evidence.objects.filter(pk=evidence.pk).exists()  # never deleted

    html = client.get(response["Location"]).content.decode()
    assert "Evidence withdrawn" in html  # the message after saving
    assert ">Withdrawn</strong>" in html
    assert "Withdrawn by lead on" in html
    assert "Logged twice: see the March audit" in html
    # No more changing it.
    assert f"{N}/{evidence.pk}/edit/" not in html and f"{N}/{evidence.pk}/withdraw/" not in html


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_a_reason_is_required(client, personas, world, reason):
    evidence = world["police_evidence"]
    client.force_login(personas["lead"])
    response = withdraw(client, evidence, reason)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "Enter why the evidence is being withdrawn" in html
    evidence.refresh_from_db()
    assert not evidence.is_withdrawn


def test_contributor_withdraws_their_own_agencys_evidence(client, personas, world):
    client.force_login(personas["contributor"])
    assert withdraw(client, world["health_evidence"]).status_code == 302
    assert withdraw(client, world["police_evidence"]).status_code == 403
    world["police_evidence"].refresh_from_db()
    assert not world["police_evidence"].is_withdrawn


def test_withdrawn_evidence_leaves_the_register_unless_asked_for(client, personas, world):
    client.force_login(personas["scrutineer"])
    withdraw(client, world["police_evidence"])
    client.get(f"{N}/{world['police_evidence'].pk}/")  # where the message "Evidence withdrawn: ..." is shown
    listed = client.get(f"{N}/").content.decode()
    assert "Health pathway audit" in listed
    assert "Police strategy discussion audit" not in listed
    shown = client.get(f"{N}/?show_withdrawn=on").content.decode()
    assert "Police strategy discussion audit" in shown
    assert ">Withdrawn</strong>" in shown
    assert world["police_evidence"] not in world["review"].evidence()


def test_withdrawn_evidence_cannot_be_changed_withdrawn_again_or_graded(client, personas, world):
    evidence = world["police_evidence"]
    client.force_login(personas["scrutineer"])
    withdraw(client, evidence)
    evidence.refresh_from_db()
    withdrawn_at = evidence.withdrawn_at
    records = evidence.history.count()
    for url, data in [
        (f"{N}/{evidence.pk}/edit/", evidence_form_data(title="Sneaky change")),
        (f"{N}/{evidence.pk}/withdraw/", {"reason": "Again"}),
        (f"{N}/{evidence.pk}/grade/", {"strength": "impact"}),
    ]:
        assert client.get(url).status_code == 302
        response = client.post(url, data, follow=True)
        assert "it can no longer be changed" in response.content.decode()
    evidence.refresh_from_db()
    assert (evidence.title, evidence.withdrawn_at, evidence.strength) == (
        "Police strategy discussion audit",
        withdrawn_at,
        "",
    )
    assert evidence.history.count() == records
    assert "Grade this evidence" not in client.get(f"{N}/{evidence.pk}/").content.decode()


def test_markup_in_the_reason_shows_as_text(client, personas, world):
    evidence = world["police_evidence"]
    client.force_login(personas["lead"])
    withdraw(client, evidence, "<img src=x onerror=alert(1)>")
    html = client.get(f"{N}/{evidence.pk}/").content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_history_shows_creation_changes_with_old_and_new_values_and_withdrawal(client, personas, world):
    client.force_login(personas["contributor"])
    created = client.post(f"{N}/new/", evidence_form_data(title="Youth forum feedback", recommendations=["R5"]))
    evidence = Evidence.objects.get(title="Youth forum feedback")
    assert created.status_code == 302

    client.force_login(personas["lead"])
    changed = client.post(
        f"{N}/{evidence.pk}/edit/",
        evidence_form_data(
            title="Youth forum feedback, spring",
            recommendations=["R5", "R6"],
            links="https://example.org/forum",
            type="voices",
        ),
    )
    assert changed.status_code == 302
    client.force_login(personas["scrutineer"])
    client.post(f"{N}/{evidence.pk}/grade/", {"strength": "tested"})
    client.force_login(personas["lead"])
    withdraw(client, evidence, "Replaced by the summer feedback")

    # One record each: creation, change, grade, withdrawal; each by its person.
    records = list(evidence.history.order_by("history_id"))
    assert [r.history_type for r in records] == ["+", "~", "~", "~"]
    assert [r.history_user.username for r in records] == ["contributor", "lead", "scrutineer", "lead"]

    html = client.get(f"{N}/{evidence.pk}/").content.decode()
    history = html[html.index('id="history"') :]
    assert history.count("app-timeline__item") == 4
    assert "<strong>Created</strong> by contributor" in history
    assert "Youth forum feedback</del>" in history and "Youth forum feedback, spring</ins>" in history
    assert "R5: Talking to children</del>" in history
    assert "R6: Health</ins>" in history
    assert "https://example.org/forum</ins>" in history
    assert "Minutes" not in history and "Feedback or consultation record</ins>" in history
    assert "Tested in practice</ins>" in history
    assert "Replaced by the summer feedback</ins>" in history
    # Newest first: the withdrawal above the creation.
    assert history.index("Replaced by the summer feedback") < history.index("<strong>Created</strong>")


def test_service_refuses_a_blank_reason_and_another_partnerships_evidence(personas, world):
    from django.core.exceptions import PermissionDenied, ValidationError

    lead = Membership.objects.get(user=personas["lead"])
    with pytest.raises(ValidationError):
        evidence_service.withdraw_evidence(membership=lead, evidence=world["police_evidence"], reason="  ")
    with pytest.raises(PermissionDenied):
        evidence_service.withdraw_evidence(membership=lead, evidence=world["other_evidence"], reason="Not ours")
    world["other_evidence"].refresh_from_db()
    assert not world["other_evidence"].is_withdrawn


def test_admin_shows_evidence_history_and_never_deletes_it(client, world, django_user_model):
    admin_user = django_user_model.objects.create_superuser("siteadmin", "admin@example.org", "x" * 16)
    client.force_login(admin_user)
    evidence = world["health_evidence"]
    assert client.get("/admin/partnerships/evidence/").status_code == 200
    change = client.get(f"/admin/partnerships/evidence/{evidence.pk}/change/")
    assert change.status_code == 200
    assert "pathway.pdf" in change.content.decode()  # its attachments, read-only
    assert client.get(f"/admin/partnerships/evidence/{evidence.pk}/history/").status_code == 200
    assert client.get(f"/admin/partnerships/evidence/{evidence.pk}/delete/").status_code == 403
    assert client.get("/admin/partnerships/evidence/add/").status_code == 403
    assert client.get("/admin/partnerships/attachment/").status_code == 200


def test_admin_deleting_an_attachment_removes_its_file(
    client, world, django_user_model, django_capture_on_commit_callbacks
):
    from pathlib import Path

    admin_user = django_user_model.objects.create_superuser("siteadmin", "admin@example.org", "x" * 16)
    client.force_login(admin_user)
    attachment = world["attachment"]
    path = Path(attachment.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/partnerships/attachment/{attachment.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not path.exists()
