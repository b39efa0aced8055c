"""A form to change evidence opened before a colleague saved it is refused, never saved over their work.

The person is told who saved what and when, keeps their own text (and the files they chose)
on the form, and may then save again, deliberately.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from common.versioning import StaleEdit
from partnerships import evidence as service
from partnerships.models import Evidence, Membership
from tests.support.builders import MINIMAL_PDF, evidence_form_data

BASE = "/partnerships/northmere/evidence/"
ORIGINAL_SUMMARY = "Summary of Health pathway audit"
LEADS_SUMMARY = "Fourteen of twenty strategy discussions had health present, counted by the lead"
CONTRIBUTORS_SUMMARY = "Health attended fourteen strategy discussions, as the designated nurse recorded them"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_edit_form(client, evidence) -> str:
    """The version the browser holds once the edit form is open."""
    html = client.get(f"{BASE}{evidence.pk}/edit/").content.decode()
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def edit(evidence, version, **changes) -> dict:
    """The form as sent: the evidence as it was opened, with `changes`."""
    day = evidence.date
    fields = {"title": evidence.title, "agency": str(evidence.agency_id), "recommendations": ["R6"], "version": version}
    fields |= {"date_0": str(day.day), "date_1": str(day.month), "date_2": str(day.year)}
    return evidence_form_data(**{**fields, **changes})


def when(record) -> str:
    return date_format(timezone.localtime(record.history_date), r"j F Y \a\t H:i")


@pytest.fixture
def contributor_client(client, personas):
    client.force_login(personas["contributor"])
    return client


def test_form_opened_before_a_colleague_changed_the_summary_is_refused(contributor_client, personas, world):
    evidence = world["health_evidence"]
    version = open_edit_form(contributor_client, evidence)
    response = client_for(personas["lead"]).post(
        f"{BASE}{evidence.pk}/edit/", edit(evidence, version, summary=LEADS_SUMMARY)
    )
    assert response.status_code == 302

    response = contributor_client.post(
        f"{BASE}{evidence.pk}/edit/", edit(evidence, version, summary=CONTRIBUTORS_SUMMARY)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(f"lead changed summary on {when(evidence.history.first())}, after you opened it") in html
    assert "nothing was saved" in html and 'class="govuk-error-summary"' in html
    assert CONTRIBUTORS_SUMMARY in html  # their own text is still on the form
    saved_since = html.split('id="saved-since"')[1].split("<form")[0]
    assert ORIGINAL_SUMMARY in saved_since and LEADS_SUMMARY in saved_since
    evidence.refresh_from_db()
    assert evidence.summary == LEADS_SUMMARY  # the colleague's summary stands


def test_saving_again_after_the_refusal_saves_the_text_and_the_files_chosen(contributor_client, personas, world):
    evidence = world["health_evidence"]
    version = open_edit_form(contributor_client, evidence)
    client_for(personas["lead"]).post(f"{BASE}{evidence.pk}/edit/", edit(evidence, version, summary=LEADS_SUMMARY))

    pdf = SimpleUploadedFile("rota.pdf", MINIMAL_PDF, content_type="application/pdf")
    refused = contributor_client.post(
        f"{BASE}{evidence.pk}/edit/", {**edit(evidence, version, summary=CONTRIBUTORS_SUMMARY), "attachments": pdf}
    )
    assert refused.status_code == 200
    form = refused.context["form"]
    assert "Kept from your last attempt: “rota.pdf”" in form["attachments"].help_text
    assert evidence.attachments.count() == 1  # only the world's own attachment: nothing stored yet

    # Sent again as the page now holds it: the newer version and the files kept.
    again = edit(evidence, form.data["version"], summary=CONTRIBUTORS_SUMMARY, held_uploads=form.data["held_uploads"])
    assert int(again["version"]) > int(version)
    response = contributor_client.post(f"{BASE}{evidence.pk}/edit/", again)
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.summary == CONTRIBUTORS_SUMMARY
    assert sorted(evidence.attachments.values_list("original_name", flat=True)) == ["pathway.pdf", "rota.pdf"]


def test_the_service_refuses_an_old_version_and_writes_nothing(personas, world):
    evidence = world["health_evidence"]
    lead = Membership.objects.get(user=personas["lead"])
    arguments = {
        "title": evidence.title,
        "type": evidence.type,
        "source": evidence.source,
        "date": evidence.date,
        "recommendations": list(evidence.recommendations.all()),
        "agency": evidence.agency,
        "confirmed_no_identifying_details": True,
    }
    service.update_evidence(membership=lead, evidence=evidence, seen_version=0, summary=LEADS_SUMMARY, **arguments)
    records = evidence.history.count()
    stale = Evidence.objects.get(pk=evidence.pk)
    stale.version = 0  # as the contributor's form saw it
    contributor = Membership.objects.get(user=personas["contributor"])
    with pytest.raises(StaleEdit):
        service.update_evidence(
            membership=contributor, evidence=stale, seen_version=0, summary=CONTRIBUTORS_SUMMARY, **arguments
        )
    evidence.refresh_from_db()
    assert evidence.summary == LEADS_SUMMARY and evidence.history.count() == records
