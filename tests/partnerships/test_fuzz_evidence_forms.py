"""Fuzzed evidence forms: any text, dates, choices and files posted to log or change evidence either save
exactly what was posted or show the form again with its errors, never a 500 and never half a save."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from partnerships.models import Attachment, Evidence
from tests.support.builders import MINIMAL_PDF, docx_bytes, evidence_form_data, png_bytes
from tests.support.fuzzing import (
    assert_storable,
    browser_text,
    choice,
    choices,
    cleaned_text,
    database_state,
    date_parts,
    files,
    files_under,
    fuzz_settings,
    post_form,
    posted_date,
    rolled_back,
    saved,
    sendable,
    texts,
    with_date,
)

NEW = "/partnerships/northmere/evidence/new/"
LINKS = [
    "https://example.org/audit",
    "http://example.org/a?b=c",
    "  https://example.org/x  ",
    "ftp://x",
    "javascript:x",
]

FIELDS = {
    "title": texts,
    "summary": texts,
    "type": choice(Evidence.Type.values),
    "source": choice(Evidence.Source.values),
    "agency": choice(["partnership"]),
    "date": date_parts(),
    "recommendations": choices(["R1", "R3", "R6", "r6"]),
    "questions": choices(["SQ1", "SQ4", "PQ1"]),
    "themes": choices(["prevention", "PI2"]),
    "links": st.one_of(texts, st.lists(st.sampled_from(LINKS) | texts, max_size=12).map("\n".join)),
    "confirmed_no_identifying_details": st.sampled_from(["on", "", "false", "0"]) | texts,
}
posts = st.fixed_dictionaries({}, optional=FIELDS)


def evidence_post(overrides: dict) -> dict:
    data = evidence_form_data()
    for name, value in overrides.items():
        data = with_date(data, name, value) if name == "date" else {**data, name: value}
    return data


def assert_saved_as_posted(evidence: Evidence, data: dict):
    assert_storable(evidence)
    assert evidence.title == cleaned_text(data["title"])
    assert evidence.summary == cleaned_text(data["summary"])
    assert (evidence.type, evidence.source) == (data["type"], data["source"])
    assert evidence.date == posted_date(data, "date")
    posted_codes = {browser_text(code).casefold() for code in data["recommendations"]}
    assert {r.code.casefold() for r in evidence.recommendations.all()} == posted_codes
    lines = [line.strip() for line in browser_text(data["links"]).splitlines() if line.strip()]
    assert evidence.links == list(dict.fromkeys(lines))
    assert evidence.confirmed_no_identifying_details is True


@pytest.fixture
def lead_client(client, personas):
    client.force_login(personas["lead"])
    return client


@fuzz_settings(examples=60)
@given(overrides=posts)
def test_logging_evidence_saves_what_was_posted_or_shows_errors(lead_client, world, overrides):
    data = evidence_post(overrides)
    with rolled_back():
        before = database_state()
        response = post_form(lead_client, NEW, data)
        if saved(response, before):
            evidence = Evidence.objects.latest("pk")
            assert response["Location"] == f"/partnerships/northmere/evidence/{evidence.pk}/"
            assert_saved_as_posted(evidence, data)
            assert evidence.agency is None and evidence.created_by.username == "lead"


@fuzz_settings(examples=40)
@given(overrides=posts)
def test_changing_evidence_saves_what_was_posted_or_shows_errors(client, personas, world, overrides):
    client.force_login(personas["contributor"])
    evidence = world["health_evidence"]
    data = evidence_post({name: value for name, value in overrides.items() if name != "agency"})
    with rolled_back():
        before, records = database_state(), evidence.history.count()
        response = post_form(client, f"/partnerships/northmere/evidence/{evidence.pk}/edit/", data)
        if saved(response, before):
            changed = Evidence.objects.get(pk=evidence.pk)
            assert_saved_as_posted(changed, data)
            assert changed.agency == world["health_evidence"].agency  # a contributor's evidence stays their agency's
            assert changed.history.count() == records + 1  # one record for the whole change


GOOD_FILES = [
    ("pathway.pdf", MINIMAL_PDF),
    ("chart.PNG", png_bytes()),
    ("minutes.docx", docx_bytes()),
    ("figures.csv", b"a,b\r\n1,2\r\n"),
    ("voices 😀.csv", "Zoë,😀\n".encode()),
]
uploads = st.lists(files(GOOD_FILES), min_size=1, max_size=3)


def survives_upload(name: str) -> bool:
    """Whether Django's upload parser keeps a file of this name (it drops names that are only dots or paths)."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(char for char in last if char.isprintable()) not in {"", ".", ".."}


def kept_files(media) -> list:
    """Files stored for good: the identifier check holds uploads under pending/ while it asks its question
    (partnerships/held_uploads.py)."""
    return [path for path in files_under(media) if path.relative_to(media).parts[0] != "pending"]


@fuzz_settings(examples=50)
@given(uploaded=uploads, title=st.sampled_from(["Pathway audit", "Pathway audit", "Audit\x00", ""]))
def test_attachments_are_stored_byte_for_byte_or_refused_with_nothing_stored(
    lead_client, world, settings, tmp_path_factory, uploaded, title
):
    settings.MEDIA_ROOT = media = tmp_path_factory.mktemp("media")
    data = sendable(evidence_form_data(title=title))
    data["attachments"] = [SimpleUploadedFile(name, content) for name, content in uploaded]
    with rolled_back():
        before = database_state()
        response = lead_client.post(NEW, data)
        if saved(response, before):
            evidence = Evidence.objects.latest("pk")
            kept = [content for name, content in uploaded if survives_upload(name)]
            stored = list(evidence.attachments.all())
            assert sorted(a.sha256 for a in stored) == sorted(hashlib.sha256(c).hexdigest() for c in kept)
            for attachment in stored:
                assert_storable(attachment)
                with attachment.file.open("rb") as handle:
                    assert hashlib.sha256(handle.read()).hexdigest() == attachment.sha256
            assert len(kept_files(media)) == len(stored)
        else:
            assert kept_files(media) == [], "a refused upload leaves no file behind"
            assert Attachment.objects.count() == len(before["partnerships.Attachment"])
