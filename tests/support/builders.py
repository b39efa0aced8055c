"""What the tests build, in one place: the personas and their partnerships, the shared `world`, reports,
form posts, evidence in bulk, and the files tests upload.

Plain functions and constants, no fixtures: tests/conftest.py (and a folder's conftest.py) make fixtures of
the ones most tests need; a test module imports the rest from here, never from another test module.

Personas, as in the demo: a scrutineer, a lead, a contributor (health agency), a viewer, all of Northmere;
and an outsider who leads another partnership.
"""

import csv
import datetime
import hashlib
import io
import struct
import zipfile
import zlib

import openpyxl
import yaml
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from case_audits.models import AuditTool, Domain, Grade
from indicators.models import Indicator
from partnerships.action_import import COLUMNS
from partnerships.models import (
    ActionItem,
    Agency,
    Attachment,
    Evidence,
    LeadSafeguardingPartner,
    Membership,
    Partnership,
    ProgressUpdate,
)
from recommendations.loader import FRAMEWORKS_DIR, framework_files, load_framework
from recommendations.models import (
    AgencyType,
    Framework,
    LanguageGuidance,
    NationalRecommendation,
    QuestionLink,
    Recommendation,
    ReflectiveQuestion,
    Theme,
)
from scrutiny.models import Challenge, ChallengeStep, Judgement, Report, Review, of_subject
from surveys.models import SurveyArea, SurveyTemplate

PASSWORD = "correct-horse-battery-staple"
BUNDLED_FRAMEWORK_CODE = "csa-family-environment-2024"

# Northmere's pages that several test modules post to.
NEW_EVIDENCE = "/partnerships/northmere/evidence/new/"
NEW_ACTION = "/partnerships/northmere/actions/new/"
ACTION_IMPORT = "/partnerships/northmere/actions/import/"
JUDGEMENT_R6 = "/partnerships/northmere/reviews/{}/judgements/R6/"  # formatted with the review's key


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=72, height=72)
    writer.write(out)
    return out.getvalue()


# A real one-page PDF with no text: the identifier scan reads it and finds nothing.
MINIMAL_PDF = _blank_pdf()
# Starts like a PDF but has no cross-reference table: nothing can read it (a damaged file).
UNREADABLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def in_days(days: int) -> datetime.date:
    """A date this many days from today (before it, if negative): what the code compares with today
    (due dates, overdue) is set this way in tests, never as a fixed date, so the suite passes every year."""
    return timezone.localdate() + datetime.timedelta(days=days)


# The framework, partnerships and people.


def bundled_framework() -> Framework:
    """The bundled framework: loaded once per run, but a transactional test (the browser tests) empties the
    database after it, so it is loaded again then."""
    found = Framework.objects.filter(code=BUNDLED_FRAMEWORK_CODE).first()
    return found or load_framework(framework_files()[0]).framework


def build_partnership(framework) -> Partnership:
    return Partnership.objects.create(
        name="Northmere Partnership", slug="northmere", area="Northmere", framework=framework
    )


def build_other_partnership(framework) -> Partnership:
    return Partnership.objects.create(
        name="Castlebrook Partnership", slug="castlebrook", area="Castlebrook", framework=framework
    )


def build_health_agency(partnership) -> Agency:
    return Agency.objects.create(partnership=partnership, name="Northmere Health", type=AgencyType.HEALTH)


def make_member(username, partnership, role, agency=None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org")
    Membership.objects.create(user=user, partnership=partnership, role=role, agency=agency)
    return user


def as_member(user) -> Membership:
    """The user's one membership (each persona holds one): the acting membership services take."""
    return user.memberships.select_related("partnership", "agency").get()


def build_personas(partnership, other_partnership, health_agency) -> dict:
    """Every kind of signed-in visitor, by name. `anonymous` is None."""
    return {
        "scrutineer": make_member("scrutineer", partnership, Membership.Role.SCRUTINEER),
        "lead": make_member("lead", partnership, Membership.Role.LEAD),
        "contributor": make_member("contributor", partnership, Membership.Role.CONTRIBUTOR, health_agency),
        "viewer": make_member("viewer", partnership, Membership.Role.VIEWER),
        "outsider": make_member("outsider", other_partnership, Membership.Role.LEAD),
        "anonymous": None,
    }


# The world: one of everything.


def _r6(partnership) -> Recommendation:
    return Recommendation.objects.get(framework=partnership.framework, code="R6")


def _evidence(partnership, agency, by, title) -> Evidence:
    item = Evidence.objects.create(
        partnership=partnership,
        title=title,
        summary=f"Summary of {title}",
        type=Evidence.Type.AUDIT,
        source=Evidence.Source.AUDIT,
        agency=agency,
        date=datetime.date(2026, 3, 1),
        confirmed_no_identifying_details=True,
        created_by=by,
    )
    item.recommendations.add(_r6(partnership))
    return item


def _attachment(evidence, by) -> Attachment:
    attachment = Attachment(
        evidence=evidence,
        original_name="pathway.pdf",
        content_type="application/pdf",
        size=len(MINIMAL_PDF),
        sha256="0" * 64,
        uploaded_by=by,
    )
    attachment.file.save("pathway.pdf", ContentFile(MINIMAL_PDF), save=True)
    return attachment


def _challenge(partnership, agency, by, text) -> Challenge:
    item = Challenge.objects.create(
        partnership=partnership, agency=agency, text=text, response_due=in_days(30), raised_by=by
    )
    item.recommendations.add(_r6(partnership))
    ChallengeStep.objects.create(challenge=item, kind=ChallengeStep.Kind.RAISED, text=text, by=by)
    return item


def _action(partnership, owner, by, description) -> ActionItem:
    item = ActionItem.objects.create(
        partnership=partnership,
        description=description,
        owner_agency=owner,
        lead_name="A. Named Lead",
        start_date=datetime.date(2026, 4, 1),
        due_date=in_days(60),
        status=ActionItem.Status.ON_TRACK,
        created_by=by,
    )
    item.recommendations.add(_r6(partnership))
    ProgressUpdate.objects.create(item=item, author=by, note="Started", status_to=ActionItem.Status.ON_TRACK)
    return item


def _reviews(personas, partnership, other_partnership) -> tuple[Review, Review]:
    review = Review.objects.create(
        partnership=partnership,
        title="Review 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        status=Review.Status.JUDGING,
    )
    review.scrutineers.add(personas["scrutineer"])
    other_review = Review.objects.create(
        partnership=other_partnership,
        title="Castlebrook review 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    return review, other_review


def build_world(personas, partnership, other_partnership, health_agency) -> dict:
    """One of everything, in Northmere and in the outsider's partnership, for URL and permission tables.

    Keys name the objects; URL templates in the permission tables use them, e.g. "{health_evidence}".
    The review's period and the evidence dates are history and fixed; due dates are relative to today.
    The attachment's file is saved to storage.
    """
    police = Agency.objects.create(partnership=partnership, name="Northmere Police", type=AgencyType.POLICE)
    other_agency = Agency.objects.create(
        partnership=other_partnership, name="Castlebrook Health", type=AgencyType.HEALTH
    )
    review, other_review = _reviews(personas, partnership, other_partnership)
    health_evidence = _evidence(partnership, health_agency, personas["contributor"], "Health pathway audit")
    police_evidence = _evidence(partnership, police, personas["lead"], "Police strategy discussion audit")
    other_evidence = _evidence(other_partnership, other_agency, personas["outsider"], "Castlebrook audit")
    attachment = _attachment(health_evidence, personas["contributor"])
    judgement = Judgement.objects.create(review=review, recommendation=_r6(partnership))
    lead, scrutineer, outsider = personas["lead"], personas["scrutineer"], personas["outsider"]
    return {
        "health_action": _action(partnership, health_agency, lead, "Health rota for strategy discussions"),
        "police_action": _action(partnership, police, lead, "Police single point of contact"),
        "other_action": _action(other_partnership, other_agency, outsider, "Castlebrook action"),
        "review": review,
        "other_review": other_review,
        "police": police,
        "health_evidence": health_evidence,
        "police_evidence": police_evidence,
        "other_evidence": other_evidence,
        "attachment": attachment,
        "judgement": judgement,
        "health_challenge": _challenge(partnership, health_agency, scrutineer, "Where is health?"),
        "police_challenge": _challenge(partnership, police, scrutineer, "Where is police?"),
        "other_challenge": _challenge(other_partnership, None, outsider, "Castlebrook challenge"),
    }


# Reports.


def report(subject, kind, by, status) -> Report:
    """A report record of a review or a yearly statement; a ready one has MINIMAL_PDF as its file and a small
    DOCX as its Word edition, a failed one its reason."""
    made = Report(**of_subject(subject), kind=kind, requested_by=by, status=status)
    if status == Report.Status.READY:
        made.file.save("report.pdf", ContentFile(MINIMAL_PDF), save=False)
        made.sha256 = hashlib.sha256(MINIMAL_PDF).hexdigest()
        made.size = len(MINIMAL_PDF)
        word = docx_bytes()
        made.docx_file.save("report.docx", ContentFile(word), save=False)
        made.docx_sha256 = hashlib.sha256(word).hexdigest()
        made.docx_size = len(word)
    elif status == Report.Status.FAILED:
        made.failure_reason = "The report could not be built."
    made.save()
    return made


def build_report_world(world, personas) -> dict:
    """The world plus a published review and reports of each kind and status, drafts and finals, of both
    reviews, and one of the outsider's partnership. Nothing is sent to a broker: the records are made here."""
    scrutineer, outsider = personas["scrutineer"], personas["outsider"]
    review = world["review"]
    published = Review.objects.create(
        partnership=review.partnership,
        title="Review 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        status=Review.Status.PUBLISHED,
    )
    ready, failed = Report.Status.READY, Report.Status.FAILED
    return world | {
        "draft_report": report(review, "draft", scrutineer, ready),
        "final_report": report(review, "final", scrutineer, ready),
        "failed_draft": report(review, "draft", scrutineer, failed),
        "failed_final": report(review, "final", scrutineer, failed),
        "published_review": published,
        "published_final": report(published, "final", scrutineer, ready),
        "published_draft": report(published, "draft", scrutineer, ready),
        "published_failed_final": report(published, "final", scrutineer, failed),
        "other_report": report(world["other_review"], "final", outsider, ready),
    }


def lead_safeguarding_partners(partnership) -> dict:
    """The partnership's three lead safeguarding partners, each signing in through a viewer's membership of
    their own (users "council-partner", "icb-partner", "constabulary-partner"; the police's a delegate), by
    organisation value. Each row's `membership.user` is the person who signs off."""
    organisation = LeadSafeguardingPartner.Organisation
    people = [
        (organisation.LOCAL_AUTHORITY, "council-partner", "Dana Okafor", "Chief Executive, Northmere Council", False),
        (organisation.INTEGRATED_CARE_BOARD, "icb-partner", "Sam Whitfield", "Chief Executive, Northmere ICB", False),
        (organisation.POLICE, "constabulary-partner", "Alex Moreno", "Assistant Chief Constable, Northmere", True),
    ]
    partners = {}
    for value, username, name, job_title, is_delegate in people:
        user = make_member(username, partnership, Membership.Role.VIEWER)
        partners[value.value] = LeadSafeguardingPartner.objects.create(
            partnership=partnership,
            organisation=value,
            name=name,
            job_title=job_title,
            email=user.email,
            is_delegate=is_delegate,
            membership=user.memberships.get(partnership=partnership),
        )
    return partners


# Form posts.


def _post(data: dict, overrides: dict) -> dict:
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def evidence_form_data(**overrides) -> dict:
    """A valid evidence form post; keyword arguments replace or add fields (None removes one)."""
    data = {
        "title": "Audit of strategy discussions for health representation",
        "summary": "Twenty strategy discussions audited: health attended fourteen.",
        "type": "audit",
        "source": "audit",
        "agency": "partnership",
        "date_0": "3",
        "date_1": "3",
        "date_2": "2026",
        "recommendations": ["R1", "R6"],
        "links": "",
        "confirmed_no_identifying_details": "on",
        "version": "0",  # changing evidence: the version the form was opened at (the new form has no such field)
    }
    return _post(data, overrides)


def action_form_data(**overrides) -> dict:
    """A valid action form post; keyword arguments replace or add fields (None removes one)."""
    data = {
        "description": "Audit strategy discussions for health representation, quarterly",
        "recommendations": ["R1", "R6"],
        "owner_agency": "",
        "contributing_agencies": [],
        "lead_name": "Jo Smith, Designated Nurse",
        "start_date_0": "1",
        "start_date_1": "4",
        "start_date_2": "2026",
        "due_date_0": "31",
        "due_date_1": "3",
        "due_date_2": "2027",
        "status": "on_track",
        "completion_evidence": [],
        "impact_evidence": [],
        "version": "0",  # changing an item: the version the form was opened at (the new form has no such field)
    }
    return _post(data, overrides)


def errors_of(response, name="form") -> dict:
    """The errors of the form a page was drawn with, field by field, as text."""
    form = response.context[name]
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


# Records in bulk.


def add_evidence(world, personas, count, *, title="Chooser item", code="R6", agency="health", days_ago=10):
    """`count` items of Northmere's evidence, the first the newest, one day apart."""
    partnership = world["review"].partnership
    recommendation = Recommendation.objects.get(framework=partnership.framework, code=code)
    agencies = {"health": world["health_evidence"].agency, "police": world["police"], "partnership": None}
    today = timezone.localdate()
    items = Evidence.objects.bulk_create(
        Evidence(
            partnership=partnership,
            title=f"{title} {n}",
            summary=f"What {title.lower()} {n} shows.",
            type=Evidence.Type.DATA,
            source=Evidence.Source.DATA,
            agency=agencies[agency],
            date=today - datetime.timedelta(days=days_ago + n),
            confirmed_no_identifying_details=True,
            created_by=personas["lead"],
        )
        for n in range(count)
    )
    Evidence.recommendations.through.objects.bulk_create(
        Evidence.recommendations.through(evidence_id=item.pk, recommendation_id=recommendation.pk) for item in items
    )
    return items


# Files to upload.

WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(*paragraphs, header=None, document_xml=None) -> io.BytesIO:
    """A DOCX holding these paragraphs (and a header, or a document.xml of the caller's), as an open file."""
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            document_xml or f'<?xml version="1.0"?><w:document xmlns:w="{WORD}"><w:body>{body}</w:body></w:document>',
        )
        if header:
            archive.writestr(
                "word/header1.xml", f'<w:hdr xmlns:w="{WORD}"><w:p><w:r><w:t>{header}</w:t></w:r></w:p></w:hdr>'
            )
    buffer.seek(0)
    return buffer


def docx_bytes() -> bytes:
    """A small DOCX with its content types declared, as a word processor saves one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{WORD}">'
            "<w:body><w:p><w:r><w:t>Training needs assessment</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def png_bytes() -> bytes:
    """A one-pixel PNG."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


# Action plans to import.


def good_row(i: int, **changes) -> dict:
    """Row `i` of a plan for Northmere (its Health and Police agencies): varied recommendations, owners,
    contributors, statuses, date forms and ways of saying No; keyword arguments replace columns by name.
    Impact evidenced is never Yes: it is marked on the action's page, with the evidence that shows it."""
    row = {
        "Description": f"Action {i}: audit strategy discussions for health representation",
        "Recommendations": ["R1", "R1; R3", "r6 ;R2", "R4,R5"][i % 4],
        "Owner agency": ["Northmere Health", "Northmere Police", "northmere  police"][i % 3],
        "Contributing agencies": ["", "Northmere Health", "Northmere Health; Northmere Police"][i % 3],
        "Named lead": f"Lead {i}",
        "Start date": "2026-04-01" if i % 2 else "01/04/2026",
        "Due date": (datetime.date(2026, 5, 1) + datetime.timedelta(days=i)).strftime("%d/%m/%Y"),
        "Status": ["Not started", "on track", "AT RISK", "Off track", "Complete"][i % 5],
        "Impact evidenced": ["No", "", "no"][i % 3],
    }
    row.update(changes)
    return row


def rows(n: int, **changes) -> list[dict]:
    """Good rows 1 to n."""
    return [good_row(i, **changes) for i in range(1, n + 1)]


def _cells(row: dict, header) -> list:
    return [row.get(name, "") for name in header]


def csv_upload(data_rows, *, header=COLUMNS, name="plan.csv") -> SimpleUploadedFile:
    """The rows (dicts by column name, or lists of cells) as a CSV file with a byte-order mark."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in data_rows:
        writer.writerow(_cells(row, header) if isinstance(row, dict) else row)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")


def xlsx_upload(data_rows, *, header=COLUMNS, name="plan.xlsx") -> SimpleUploadedFile:
    """The rows (dicts by column name, or lists of cells) as an XLSX workbook of one sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in data_rows:
        sheet.append(_cells(row, header) if isinstance(row, dict) else row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def post_import(client, upload):
    """Post the file to Northmere's action plan import."""
    return client.post(ACTION_IMPORT, {"file": upload})


# ---------------------------------------------------------------- the framework tables, for loader tests

BUNDLED_FRAMEWORK_FILE = FRAMEWORKS_DIR / "csa-family-environment-2024.yaml"


def framework_variant(tmp_path, change):
    """A copy of the bundled framework file with `change` (a function of its data) made to it, written in `tmp_path`."""
    data = yaml.safe_load(BUNDLED_FRAMEWORK_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "variant.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


FRAMEWORK_MODELS = [
    Framework,
    Indicator,
    Indicator.recommendations.through,
    AuditTool,
    Grade,
    Domain,
    Domain.recommendations.through,
    SurveyTemplate,
    SurveyTemplate.questions.through,
    SurveyArea,
    SurveyArea.recommendations.through,
    Theme,
    Recommendation,
    ReflectiveQuestion,
    QuestionLink,
    NationalRecommendation,
    LanguageGuidance,
    Recommendation.themes.through,
    ReflectiveQuestion.themes.through,
]


def framework_snapshot() -> dict:
    """Every row of every framework table, to show a load changed (or did not change) nothing."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in FRAMEWORK_MODELS}
