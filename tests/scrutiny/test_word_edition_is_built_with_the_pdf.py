"""The build task makes the Word edition beside the PDF, from the same reading of the records: one
report_context per build, both files saved with their checksums, a file left by a dead attempt replaced,
and nothing left behind when saving fails."""

import hashlib
import io

import docx
import pytest
from django.core.files.storage import default_storage

from scrutiny import report_build
from scrutiny.models import Report
from tests.support.pdf import flat, pdf_of, text_of

pytestmark = pytest.mark.django_db


def request(world, personas):
    return Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["lead"])


def word_text(report) -> str:
    with report.docx_file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    return "\n".join(node.text or "" for node in document.element.body.iter(docx.oxml.ns.qn("w:t")))


def test_one_build_saves_both_editions_from_one_reading_of_the_records(world, personas, monkeypatch):
    contexts = []
    real = report_build.report_context
    monkeypatch.setattr(report_build, "report_context", lambda *a: contexts.append(real(*a)) or contexts[-1])
    report = request(world, personas)
    report_build.build_report(report.pk)
    report.refresh_from_db()
    assert len(contexts) == 1
    assert report.status == Report.Status.READY
    with report.docx_file.open("rb") as handle:
        content = handle.read()
    assert report.docx_file.name == f"reports/{world['review'].partnership_id}/{report.pk}.docx"
    assert report.docx_sha256 == hashlib.sha256(content).hexdigest()
    assert report.docx_size == len(content)
    # The same records in both: the evidence of the review, and the minute they were read.
    pdf, word = flat(text_of(pdf_of(report))), flat(word_text(report))
    for title in ("Health pathway audit", "Police strategy discussion audit"):
        assert flat(title) in pdf and flat(title) in word
    built = flat(contexts[0]["built_at"].strftime("%H:%M"))
    assert built in pdf and built in word


def test_a_word_file_left_by_a_dead_attempt_is_replaced(world, personas):
    report = request(world, personas)
    name = report.docx_file.field.generate_filename(report, "report.docx")
    default_storage.save(name, io.BytesIO(b"half a file"))
    report_build.build_report(report.pk)
    report.refresh_from_db()
    assert report.docx_file.name == name
    with report.docx_file.open("rb") as handle:
        assert handle.read(2) == b"PK"


def test_when_saving_fails_neither_file_is_left(world, personas, monkeypatch):
    report = request(world, personas)
    saved = []
    real_save = report_build._save_file

    def save_then_note(stored, filename, content, written):
        real_save(stored, filename, content, written)
        saved.append(stored.name)

    def refuse(self, *args, **kwargs):
        if self.status == Report.Status.READY:
            raise RuntimeError("the database went away")
        return original_save(self, *args, **kwargs)

    original_save = Report.save
    monkeypatch.setattr(report_build, "_save_file", save_then_note)
    monkeypatch.setattr(Report, "save", refuse)
    with pytest.raises(RuntimeError):
        report_build.build_report(report.pk)
    assert len(saved) == 2 and saved[1].endswith(".docx")
    assert not any(default_storage.exists(name) for name in saved)
