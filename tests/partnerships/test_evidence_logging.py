"""Logging evidence in the browser's forms: every field, the contributor's agency, the review period, links."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.models import Evidence
from tests.support.builders import MINIMAL_PDF, errors_of, evidence_form_data

NEW = "/partnerships/northmere/evidence/new/"


def test_scrutineer_logs_evidence_with_every_field(client, personas, world):
    client.force_login(personas["scrutineer"])
    pdf = SimpleUploadedFile("pathway audit.pdf", MINIMAL_PDF, content_type="application/octet-stream")
    response = client.post(
        NEW,
        evidence_form_data(
            agency=str(world["police"].pk),
            type="data",
            source="voices",
            recommendations=["R3"],
            questions=["SQ1", "SQ4"],
            themes=["prevention", "PI2"],
            links="https://example.org/audit\n\n  http://example.org/data.csv  \n",
            attachments=[pdf],
        ),
    )
    assert response.status_code == 302, errors_of(response)
    evidence = Evidence.objects.get(title="Audit of strategy discussions for health representation")
    assert response["Location"] == f"/partnerships/northmere/evidence/{evidence.pk}/"
    assert evidence.partnership.slug == "northmere"
    assert evidence.agency == world["police"]
    assert (evidence.type, evidence.source) == ("data", "voices")
    assert evidence.date == datetime.date(2026, 3, 3)
    assert [r.code for r in evidence.recommendations.all()] == ["R3"]
    assert sorted(q.code for q in evidence.questions.all()) == ["SQ1", "SQ4"]
    assert sorted(t.code for t in evidence.themes.all()) == ["PI2", "prevention"]
    assert evidence.links == ["https://example.org/audit", "http://example.org/data.csv"]
    assert evidence.confirmed_no_identifying_details is True
    assert evidence.created_by == personas["scrutineer"]
    assert evidence.strength == ""
    (attachment,) = evidence.attachments.all()
    assert attachment.original_name == "pathway audit.pdf"
    assert attachment.content_type == "application/pdf"  # from the content, not the browser's claim
    assert attachment.size == len(MINIMAL_PDF)
    assert attachment.uploaded_by == personas["scrutineer"]
    # One history record for the whole creation, by the person, with the links in it.
    (record,) = evidence.history.all()
    assert record.history_type == "+" and record.history_user == personas["scrutineer"]
    assert [r.recommendation.code for r in record.recommendations.all()] == ["R3"]

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Evidence logged" in html
    assert "Northmere Police" in html and "SQ4" in html and "https://example.org/audit" in html
    assert "pathway audit.pdf" in html


def test_lead_logs_partnership_wide_evidence(client, personas, world):
    client.force_login(personas["lead"])
    response = client.post(NEW, evidence_form_data())
    assert response.status_code == 302
    evidence = Evidence.objects.get(title__startswith="Audit of strategy")
    assert evidence.agency is None
    assert "The partnership as a whole" in client.get(response["Location"]).content.decode()


def test_contributor_agency_is_forced_to_their_own(client, personas, world, health_agency):
    client.force_login(personas["contributor"])
    form_page = client.get(NEW).content.decode()
    assert 'name="agency"' not in form_page  # nothing to choose
    assert "Northmere Health" in form_page
    # A hand-made post naming another agency changes nothing: the agency is theirs.
    response = client.post(NEW, evidence_form_data(agency=str(world["police"].pk)))
    assert response.status_code == 302
    assert Evidence.objects.get(title__startswith="Audit of strategy").agency == health_agency


def test_scrutineer_cannot_choose_another_partnerships_agency(client, personas, world):
    other_agency = world["other_evidence"].agency
    client.force_login(personas["scrutineer"])
    response = client.post(NEW, evidence_form_data(agency=str(other_agency.pk)))
    assert response.status_code == 200
    assert "agency" in errors_of(response)
    assert not Evidence.objects.filter(title__startswith="Audit of strategy").exists()


def test_date_outside_the_review_period_saves_with_a_warning(client, personas, world):
    client.force_login(personas["lead"])
    response = client.post(NEW, evidence_form_data(date_0="15", date_1="6", date_2="2025"), follow=True)
    evidence = Evidence.objects.get(title__startswith="Audit of strategy")
    assert evidence.date == datetime.date(2025, 6, 15)
    html = response.content.decode()
    assert "Evidence logged" in html
    # The message after saving, and the warning text that stays on the page.
    assert html.count("outside the period of “Review 2026”") == 2
    assert "govuk-warning-text" in html
    again = client.get(f"/partnerships/northmere/evidence/{evidence.pk}/").content.decode()
    assert again.count("outside the period of “Review 2026”") == 1


def test_date_inside_the_period_gives_no_warning(client, personas, world):
    client.force_login(personas["lead"])
    response = client.post(NEW, evidence_form_data(), follow=True)
    assert "outside the period" not in response.content.decode()


def test_no_review_no_warning(client, personas, partnership):
    client.force_login(personas["lead"])
    response = client.post(NEW, evidence_form_data(date_2="2019"), follow=True)
    assert Evidence.objects.get(title__startswith="Audit of strategy").date.year == 2019
    assert "outside the period" not in response.content.decode()


@pytest.mark.parametrize(
    ("links", "message"),
    [
        ("ftp://example.org/file", "Web link on line 1 (“ftp://example.org/file”) must start with http:// or https://"),
        ("https://example.org\njavascript:alert(1)", "Web link on line 2 (“javascript:alert(1)”) must start with"),
        ("https://example.org\n\nhttps://exa mple.org", "Web link on line 3 (“https://exa mple.org”) is not a valid"),
        ("www.example.org", "Web link on line 1 (“www.example.org”) must start with http:// or https://"),
        ("https://", "Web link on line 1 (“https://”) is not a valid web address"),
        ("\n".join(f"https://example.org/{n}" for n in range(11)), "Enter up to 10 web links (you entered 11)"),
    ],
)
def test_bad_links_are_refused_naming_the_line(client, personas, world, links, message):
    client.force_login(personas["lead"])
    response = client.post(NEW, evidence_form_data(links=links))
    assert response.status_code == 200
    assert any(error.startswith(message) for error in errors_of(response)["links"]), errors_of(response)
    assert message.split("(")[0] in response.content.decode()
    assert not Evidence.objects.filter(title__startswith="Audit of strategy").exists()


def test_ten_links_are_accepted(client, personas, world):
    client.force_login(personas["lead"])
    links = "\n".join(f"https://example.org/{n}" for n in range(10))
    assert client.post(NEW, evidence_form_data(links=links)).status_code == 302
    assert len(Evidence.objects.get(title__startswith="Audit of strategy").links) == 10


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Enter a title"),
        ({"summary": " "}, "summary", "Enter a summary"),
        ({"type": None}, "type", "Select what kind of document it is"),
        ({"source": None}, "source", "Select whose knowledge it rests on"),
        ({"agency": None}, "agency", "Select the agency, or the partnership as a whole"),
        ({"recommendations": None}, "recommendations", "Select at least one recommendation"),
        ({"recommendations": ["R9"]}, "recommendations", "Select a valid choice. R9 is not one of the available"),
        ({"questions": ["PQ1"]}, "questions", "Select a valid choice. PQ1 is not one of the available choices."),
        ({"date_0": "", "date_1": "", "date_2": ""}, "date", "Enter the date of the evidence"),
        ({"date_1": ""}, "date", "Date of the evidence must include a month"),
        ({"date_0": "31", "date_1": "2"}, "date", "Date of the evidence must be a real date"),
        ({"date_0": "x"}, "date", "Date of the evidence must be a real date"),
        ({"date_0": "99999999999999999999"}, "date", "Date of the evidence must be a real date"),
        ({"date_2": "26"}, "date", "Date of the evidence: the year must include 4 numbers"),
        ({"date_2": "2999"}, "date", "Date of the evidence must be today or in the past"),
        (
            {"confirmed_no_identifying_details": None},
            "confirmed_no_identifying_details",
            "Confirm that the evidence does not identify any child or family",
        ),
    ],
)
def test_missing_or_wrong_fields_are_refused_with_a_message(client, personas, world, overrides, field, message):
    client.force_login(personas["lead"])
    response = client.post(NEW, evidence_form_data(**overrides))
    assert response.status_code == 200
    assert any(e.startswith(message) for e in errors_of(response)[field]), errors_of(response)
    html = response.content.decode()
    assert "There is a problem" in html and "govuk-error-summary" in html
    assert html.count(message.split(". ")[0].replace("'", "&#x27;")) >= 2  # in the summary and by the field
    assert "<title>Error: " in html
    assert not Evidence.objects.filter(partnership__slug="northmere", title__startswith="Audit of strategy").exists()


def test_form_offers_only_the_frameworks_scrutineer_questions_by_code_and_text(client, personas, world):
    client.force_login(personas["lead"])
    html = client.get(NEW).content.decode()
    assert 'value="SQ1"' in html and 'value="SQ10"' in html
    assert 'value="PQ1"' not in html
    assert "SQ1:" in html
    assert "Records here are shared across agencies and with board members" in html
    assert 'enctype="multipart/form-data"' in html
    assert 'id="language-guidance-rules"' in html  # the language script's rules


def test_markup_in_text_fields_shows_as_text(client, personas, world):
    client.force_login(personas["lead"])
    script = "<script>alert('x')</script><b>bold</b>"
    response = client.post(NEW, evidence_form_data(title=f"Audit {script}", summary=f"Summary {script}"), follow=True)
    html = response.content.decode()
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html


def test_language_guidance_beside_the_summary(client, personas, world):
    client.force_login(personas["lead"])
    response = client.post(
        NEW, evidence_form_data(summary="Where the outcome was no further action, the family was told."), follow=True
    )
    html = response.content.decode()
    assert "Language guidance" in html
    assert "no further police action at this time" in html


def test_lead_changes_evidence_and_history_records_old_and_new(client, personas, world):
    evidence = world["police_evidence"]
    client.force_login(personas["lead"])
    url = f"/partnerships/northmere/evidence/{evidence.pk}/edit/"
    page = client.get(url).content.decode()
    assert "Police strategy discussion audit" in page and 'value="R6"' in page
    response = client.post(
        url,
        evidence_form_data(
            title="Police strategy discussion audit, second cut",
            agency=str(world["police"].pk),
            recommendations=["R3", "R6"],
            links="https://example.org/second",
        ),
    )
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.title == "Police strategy discussion audit, second cut"
    assert sorted(r.code for r in evidence.recommendations.all()) == ["R3", "R6"]
    latest = evidence.history.latest()
    assert latest.history_user == personas["lead"]
    html = client.get(f"/partnerships/northmere/evidence/{evidence.pk}/").content.decode()
    assert "Police strategy discussion audit, second cut" in html
    assert "https://example.org/second" in html


def test_contributor_cannot_move_their_evidence_to_another_agency(client, personas, world, health_agency):
    evidence = world["health_evidence"]
    client.force_login(personas["contributor"])
    url = f"/partnerships/northmere/evidence/{evidence.pk}/edit/"
    response = client.post(url, evidence_form_data(title="Changed", agency=str(world["police"].pk)))
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.title == "Changed" and evidence.agency == health_agency


def test_the_edit_form_asks_for_the_confirmation_again(client, personas, world):
    evidence = world["health_evidence"]
    client.force_login(personas["lead"])
    url = f"/partnerships/northmere/evidence/{evidence.pk}/edit/"
    response = client.post(url, evidence_form_data(title="Changed", confirmed_no_identifying_details=None))
    assert response.status_code == 200
    assert "confirmed_no_identifying_details" in errors_of(response)
    evidence.refresh_from_db()
    assert evidence.title == "Health pathway audit"


def test_every_error_summary_link_points_at_an_input(client, personas, world):
    client.force_login(personas["lead"])
    html = client.post(NEW, {"date_1": "3", "links": "ftp://x"}).content.decode()
    summary = html[html.index("govuk-error-summary") : html.index("<h1")]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert len(targets) >= 8
    for target in targets:
        assert re.search(rf'<(input|textarea|select)[^>]*\sid="{target}"', html), target


def test_a_recommendation_in_the_address_starts_ticked(client, personas, world):
    client.force_login(personas["contributor"])
    html = client.get(NEW + "?recommendation=R3").content.decode()
    checked = re.findall(r'value="(R\d)"\s+checked', html)
    assert checked == ["R3"]
