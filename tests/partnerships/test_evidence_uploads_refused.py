"""Attachments: refused by content, size or emptiness with nothing saved; accepted ones downloaded safely."""

import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.models import Attachment, Evidence
from tests.support.builders import MINIMAL_PDF, docx_bytes, evidence_form_data, png_bytes

NEW = "/partnerships/northmere/evidence/new/"
TITLE = "Multi-agency training needs assessment"


@pytest.fixture
def media(settings, tmp_path):
    """A MEDIA_ROOT of the test's own, to count what is left in it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_in(root: Path) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()] if Path(root).exists() else []


CSV_BYTES = "\ufeffagency,staff trained\r\nPolice,41\r\nHealth,63\r\n".encode()
EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "training-assessment.pdf",
            EXECUTABLE,
            "“training-assessment.pdf” must be a PDF, DOCX, XLSX, CSV, ODT, PNG or JPEG file",
        ),
        ("report.pdf", ELF, "“report.pdf” must be a PDF, DOCX, XLSX, CSV, ODT, PNG or JPEG file"),
        ("setup.pdf", b"#!/bin/sh\necho hello\n", "“setup.pdf” is a CSV but its name does not end in .csv"),
        ("chart.pdf", png_bytes(), "“chart.pdf” is a PNG image but its name does not end in .png"),
        ("notes.exe", MINIMAL_PDF, "“notes.exe” is a PDF but its name does not end in .pdf"),
        ("big.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024), "“big.pdf” must be smaller than 20 MB (it is 21.0"),
        ("empty.pdf", b"", "“empty.pdf” is empty"),
    ],
    ids=["executable-as-pdf", "elf-as-pdf", "script-as-pdf", "png-as-pdf", "pdf-as-exe", "21-mb", "empty"],
)
def test_bad_upload_is_refused_and_nothing_is_saved(client, personas, world, media, name, content, message):
    client.force_login(personas["lead"])
    evidence_before = Evidence.objects.count()
    attachments_before = Attachment.objects.count()
    response = client.post(NEW, evidence_form_data(title=TITLE, attachments=[upload(name, content)]))
    assert response.status_code == 200
    errors = [str(e) for e in response.context["form"].errors["attachments"]]
    assert any(e.startswith(message) for e in errors), errors
    html = response.content.decode()
    assert "There is a problem" in html
    assert message.replace("“", "").replace("”", "").split(" (")[0] in html.replace("“", "").replace("”", "")
    assert "govuk-file-upload--error" in html
    assert not Evidence.objects.filter(title=TITLE).exists()
    assert (Evidence.objects.count(), Attachment.objects.count()) == (evidence_before, attachments_before)
    assert files_in(media) == []


def test_one_bad_file_among_good_ones_saves_nothing(client, personas, world, media):
    client.force_login(personas["lead"])
    files = [upload("ok.pdf", MINIMAL_PDF), upload("virus.pdf", EXECUTABLE), upload("ok.png", png_bytes())]
    response = client.post(NEW, evidence_form_data(title=TITLE, attachments=files))
    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].errors["attachments"]] == [
        "“virus.pdf” must be a PDF, DOCX, XLSX, CSV, ODT, PNG or JPEG file"
    ]
    assert not Evidence.objects.filter(title=TITLE).exists()
    assert files_in(media) == []


def test_bad_file_on_edit_changes_nothing(client, personas, world, media):
    evidence = world["police_evidence"]
    client.force_login(personas["lead"])
    response = client.post(
        f"/partnerships/northmere/evidence/{evidence.pk}/edit/",
        evidence_form_data(title="Changed title", attachments=[upload("x.pdf", EXECUTABLE)]),
    )
    assert response.status_code == 200
    evidence.refresh_from_db()
    assert evidence.title == "Police strategy discussion audit"
    assert not evidence.attachments.exists()
    assert files_in(media) == []


def test_other_errors_ask_for_files_again(client, personas, world, media):
    client.force_login(personas["lead"])
    response = client.post(NEW, evidence_form_data(title="", attachments=[upload("ok.pdf", MINIMAL_PDF)]))
    assert response.status_code == 200
    assert "Select your files again" in response.content.decode()
    assert files_in(media) == []


def test_files_stored_before_a_failed_database_write_are_deleted(client, personas, world, media, monkeypatch):
    real_save = Attachment.save
    calls = []

    def failing_save(self, *args, **kwargs):
        calls.append(self.file.name)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Attachment, "save", failing_save)
    client.force_login(personas["lead"])
    client.raise_request_exception = True
    with pytest.raises(RuntimeError, match="database went away"):
        client.post(
            NEW,
            evidence_form_data(title=TITLE, attachments=[upload("a.pdf", MINIMAL_PDF), upload("b.png", png_bytes())]),
        )
    assert len(calls) == 2  # both files reached storage before the failure
    assert not Evidence.objects.filter(title=TITLE).exists()
    assert not Evidence.history.filter(title=TITLE).exists()
    assert files_in(media) == []


ACCEPTED = [
    ("protocol.pdf", MINIMAL_PDF, "application/pdf"),
    ("chart.PNG", png_bytes(), "image/png"),
    ("training needs.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("staff-trained.csv", CSV_BYTES, "text/csv"),
]


def test_accepted_files_are_stored_with_size_and_checksum_and_downloaded_as_attachments(client, personas, world, media):
    client.force_login(personas["contributor"])
    files = [upload(name, content, "application/octet-stream") for name, content, _ in ACCEPTED]
    response = client.post(NEW, evidence_form_data(title=TITLE, attachments=files))
    assert response.status_code == 302, response.context["form"].errors
    evidence = Evidence.objects.get(title=TITLE)
    attachments = list(evidence.attachments.order_by("pk"))
    assert [a.original_name for a in attachments] == [name for name, _, _ in ACCEPTED]
    stored = files_in(media)
    assert len(stored) == 4
    for attachment, (name, content, content_type) in zip(attachments, ACCEPTED, strict=True):
        assert attachment.content_type == content_type
        assert attachment.size == len(content)
        assert attachment.sha256 == hashlib.sha256(content).hexdigest()
        assert attachment.uploaded_by == personas["contributor"]
        # The server chose the stored name; the person's name is only shown and sent back on download.
        stored_name = Path(attachment.file.name).name
        assert name.split(".")[0] not in stored_name
        assert stored_name.endswith(Path(name).suffix.lower())
        assert Path(attachment.file.path).is_relative_to(media)

        url = f"/partnerships/northmere/evidence/{evidence.pk}/attachments/{attachment.pk}/"
        for persona in ("contributor", "scrutineer"):
            client.force_login(personas[persona])
            download = client.get(url)
            assert download.status_code == 200
            assert download["Content-Type"] == content_type
            assert download["Content-Disposition"].startswith("attachment; filename=")
            assert download["Cache-Control"] == "private, no-store"
            assert download["X-Content-Type-Options"] == "nosniff"
            assert b"".join(download.streaming_content) == content
    # The person's file name is sent back in the header, quoted safely.
    client.force_login(personas["lead"])
    docx = attachments[2]
    download = client.get(f"/partnerships/northmere/evidence/{evidence.pk}/attachments/{docx.pk}/")
    assert download["Content-Disposition"] == 'attachment; filename="training needs.docx"'
    page = client.get(f"/partnerships/northmere/evidence/{evidence.pk}/").content.decode()
    assert "training needs.docx" in page and "staff-trained.csv" in page


def test_attachments_can_be_added_when_changing_evidence(client, personas, world, media):
    evidence = world["health_evidence"]
    client.force_login(personas["contributor"])
    response = client.post(
        f"/partnerships/northmere/evidence/{evidence.pk}/edit/",
        evidence_form_data(title=evidence.title, attachments=[upload("update.pdf", MINIMAL_PDF)]),
    )
    assert response.status_code == 302
    assert [a.original_name for a in evidence.attachments.all()] == ["pathway.pdf", "update.pdf"]
