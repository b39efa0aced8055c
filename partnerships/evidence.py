"""Writing evidence: the only code that creates, changes, withdraws or grades it.

Each function is keyword-only, checks the caller's membership, and makes its writes
in one transaction. Attachments are written to storage inside that transaction; if
the database write then fails, the stored files are deleted again, so a failed save
leaves neither rows nor files behind.

No lost updates (common/versioning.py): changes and withdrawals re-read the evidence under
a row lock. `update_evidence` takes the version the person's form was opened at and raises
StaleEdit, writing nothing, if the evidence has moved on; a change and a withdrawal move it
on. A grade does not: the edit form does not show the strength, and a change keeps it.
"""

import hashlib
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from common.history import one_history_record
from common.limits import length_errors, too_long
from common.versioning import bump, check_version, lock
from partnerships import filetypes
from partnerships.models import REASON_LIMIT, Agency, Attachment, Evidence, Membership
from partnerships.permissions import require

logger = logging.getLogger(__name__)

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # 20 MB
ACCEPTED_LABEL = "PDF, DOCX, XLSX, CSV, ODT, PNG or JPEG"


@dataclass(frozen=True)
class Upload:
    """An uploaded file that passed `check_upload`, with the type its content showed."""

    file: UploadedFile
    name: str
    kind: filetypes.FileType


def check_upload(file: UploadedFile) -> Upload:
    """The upload, if it is an accepted type by content and by name and within the size limit.

    Raises ValidationError with a message naming the file otherwise.
    """
    name = file.name or "The selected file"
    if not file.size:
        raise ValidationError("“%(name)s” is empty", code="empty", params={"name": name})
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            "“%(name)s” must be smaller than 20 MB (it is %(size)s)",
            code="too_large",
            params={"name": name, "size": filesizeformat(file.size)},
        )
    kind = filetypes.detect(file)
    if kind is None:
        raise ValidationError(
            "“%(name)s” must be a %(accepted)s file",
            code="wrong_type",
            params={"name": name, "accepted": ACCEPTED_LABEL},
        )
    if filetypes.from_name(name) != kind:
        raise ValidationError(
            "“%(name)s” is a %(kind)s but its name does not end in %(extension)s: rename it and select it again",
            code="wrong_extension",
            params={"name": name, "kind": kind.label, "extension": kind.extensions[0]},
        )
    return Upload(file=file, name=name, kind=kind)


def log_evidence(*, membership: Membership, agency: Agency | None = None, **values) -> Evidence:
    """Log new evidence for the membership's partnership, `values` as write_new_evidence takes them but the
    strength (a scrutineer grades evidence: grade_evidence). A contributor's agency is always their own.

    `change_reason`, if given, is recorded in the history (e.g. the identifier check's confirmation).
    """
    if "strength" in values:
        raise TypeError("log_evidence sets no strength: a scrutineer grades evidence with grade_evidence")
    require(membership, "can_log_evidence")
    if membership.is_contributor:
        agency = membership.agency
    return write_new_evidence(partnership=membership.partnership, by=membership.user, agency=agency, **values)


def write_new_evidence(
    *,
    partnership,
    by,
    title: str,
    summary: str,
    type: str,
    source: str,
    date: date,
    recommendations,
    agency: Agency | None = None,
    questions=(),
    themes=(),
    links: list[str] | tuple = (),
    confirmed_no_identifying_details: bool,
    uploads: list[Upload] | tuple = (),
    strength: str = "",
    change_reason: str = "",
) -> Evidence:
    """The writing of new evidence, checked as all evidence is, with no permission checked: log_evidence's, and
    that of code which checked its own permission first (case_audits.findings: a case audit's finding becomes
    evidence "tested in practice", its `strength` given by the audit rather than by a scrutineer's grade).
    Attributed to `by`."""
    if strength and strength not in Evidence.Strength.values:
        raise ValidationError("Select how strong the evidence is")
    evidence = Evidence(
        partnership=partnership,
        title=title,
        summary=summary,
        type=type,
        source=source,
        strength=strength,
        agency=agency,
        date=date,
        links=list(links),
        confirmed_no_identifying_details=confirmed_no_identifying_details,
        created_by=by,
    )
    _check_belongs(evidence, recommendations, questions, themes)
    if change_reason:
        evidence._change_reason = change_reason  # e.g. the identifier check's confirmation
    stored: list[str] = []
    with (
        _files_removed_on_failure(stored),
        transaction.atomic(),
        one_history_record(evidence, by=by, created=True),
    ):
        _save_changed(evidence, recommendations, questions, themes, uploads, by, stored)
    return evidence


def update_evidence(
    *,
    membership: Membership,
    evidence: Evidence,
    seen_version: int,
    title: str,
    summary: str,
    type: str,
    source: str,
    date: date,
    recommendations,
    agency: Agency | None = None,
    questions=(),
    themes=(),
    links: list[str] | tuple = (),
    confirmed_no_identifying_details: bool,
    uploads: list[Upload] | tuple = (),
    change_reason: str = "",
) -> Evidence:
    """Change evidence and add any new attachments; one history record for the whole change.

    `seen_version` is the evidence's version when the person's form was opened: StaleEdit if it has moved on.
    """
    _check_editable(membership, evidence)
    stored: list[str] = []
    with _files_removed_on_failure(stored), transaction.atomic():
        lock(evidence)
        _check_editable(membership, evidence)  # as it stands now: withdrawn or moved to another agency meanwhile
        check_version(evidence, seen_version)
        if membership.is_contributor:
            agency = evidence.agency  # contributors cannot move evidence to another agency
        evidence.title = title
        evidence.summary = summary
        evidence.type = type
        evidence.source = source
        evidence.agency = agency
        evidence.date = date
        evidence.links = list(links)
        evidence.confirmed_no_identifying_details = confirmed_no_identifying_details
        _check_belongs(evidence, recommendations, questions, themes)
        bump(evidence)
        if change_reason:
            evidence._change_reason = change_reason  # e.g. the identifier check's confirmation
        with one_history_record(evidence, by=membership.user, created=False):
            _save_changed(evidence, recommendations, questions, themes, uploads, membership.user, stored)
    return evidence


def _save_changed(evidence, recommendations, questions, themes, uploads, user, stored):
    """The writes of log_evidence and update_evidence, inside their transaction and history record."""
    evidence.save()
    evidence.recommendations.set(recommendations)
    evidence.questions.set(questions)
    evidence.themes.set(themes)
    _store_attachments(evidence, uploads, user, stored)


def withdraw_evidence(*, membership: Membership, evidence: Evidence, reason: str) -> Evidence:
    """Withdraw evidence with a reason. It is kept, with its history, and hidden from the register."""
    _check_editable(membership, evidence)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Enter why the evidence is being withdrawn")
    if len(reason) > REASON_LIMIT:
        raise ValidationError(too_long("Reason", REASON_LIMIT))
    with transaction.atomic():
        lock(evidence)
        _check_editable(membership, evidence)  # withdrawn by someone else meanwhile
        evidence.withdrawn_at = timezone.now()
        evidence.withdrawn_by = membership.user
        evidence.withdrawal_reason = reason
        bump(evidence)  # a form opened before it is refused, not saved over a withdrawal
        evidence._change_reason = "Withdrawn"
        evidence._history_user = membership.user
        evidence.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "version", "updated_at"])
    return evidence


def grade_evidence(*, membership: Membership, evidence: Evidence, strength: str) -> Evidence:
    """The scrutineer's grade of how far the evidence shows practice has changed."""
    require(membership, "can_grade_evidence")
    _check_same_partnership(membership, evidence)
    if evidence.is_withdrawn:
        raise ValidationError("Withdrawn evidence cannot be graded")
    if strength not in Evidence.Strength.values:
        raise ValidationError("Select how strong the evidence is")
    with transaction.atomic():
        lock(evidence)  # the history record copies the whole row: as it stands, not as this request read it
        evidence.strength = strength
        evidence._change_reason = "Graded"
        evidence._history_user = membership.user
        evidence.save(update_fields=["strength", "updated_at"])
    return evidence


def _check_same_partnership(membership, evidence):
    if evidence.partnership_id != membership.partnership_id:
        raise PermissionDenied("Evidence of another partnership.")


def _check_editable(membership, evidence):
    _check_same_partnership(membership, evidence)
    require(membership, "can_edit_evidence", evidence)
    if evidence.is_withdrawn:
        raise ValidationError("Withdrawn evidence cannot be changed")


def _check_belongs(evidence, recommendations, questions, themes):
    """Everything linked must belong to the evidence's partnership and its framework."""
    partnership = evidence.partnership
    if evidence.agency is not None and evidence.agency.partnership_id != partnership.pk:
        raise ValidationError("Choose an agency of this partnership")
    if not recommendations:
        raise ValidationError("Select at least one recommendation")
    framework_id = partnership.framework_id
    for item in [*recommendations, *questions, *themes]:
        if item.framework_id != framework_id:
            raise ValidationError(f"“{item}” is not part of this partnership's framework")
    if evidence.confirmed_no_identifying_details is not True:
        raise ValidationError("Confirm that the evidence does not identify any child or family")
    if errors := length_errors(evidence, ["title", "summary"]):
        raise ValidationError(errors)


@contextmanager
def _files_removed_on_failure(stored: list[str]):
    """If the block fails, delete every file stored in it: the transaction cannot take them back."""
    try:
        yield
    except BaseException:
        storage = Attachment._meta.get_field("file").storage
        for name in stored:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Could not delete %s after a failed save", name)
        raise


def _store_attachments(evidence, uploads, user, stored: list[str]):
    for upload in uploads:
        digest = hashlib.sha256()
        for chunk in upload.file.chunks():
            digest.update(chunk)
        attachment = Attachment(
            evidence=evidence,
            original_name=upload.name[:255],
            content_type=upload.kind.content_type,
            size=upload.file.size,
            sha256=digest.hexdigest(),
            uploaded_by=user,
        )
        attachment.file.save(upload.name, upload.file, save=False)
        stored.append(attachment.file.name)
        attachment.save()
