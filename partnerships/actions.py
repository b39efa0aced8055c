"""Writing the action plan: the code that creates, changes, updates or verifies an action item.

Each function is keyword-only, takes the acting `membership` and checks it by the permission's name,
the one the view declares (partnerships/permissions.py: PermissionDenied when the role lacks it, or
when the item is of another partnership), checks the input (ValidationError, with a message for
people), and makes its writes in one transaction under a row lock, leaving one history record per
change, attributed to the membership's user. An item's values are checked by the rules of
partnerships/action_rules.py, which the form and the spreadsheet import keep too; the import
writes its items in bulk (partnerships/action_import.py, create_items) after checking every row
by the same rules, the one other code that creates items apart from `write_new_action`'s callers
(create_action, and case_audits.findings, which checks can_run_audits itself).

Verification is the scrutineer's agreement that a complete item is complete, with a note of
why: what they checked in the evidence of completion, or, when there is none, why they accept
the action as done without it. It stands only while nothing changes: any change to a verified
item through `update_action`, or a progress update that moves its status away from complete,
clears it (note included), and the history records that it was cleared and by whom.

Impact on children is marked evidenced only with evidence that shows it: at least one current
item of the evidence of impact graded "Impact on children shown" by a scrutineer.

No lost updates (common/versioning.py): `update_action` takes the version of the item the
lead's form was opened at and raises StaleEdit, writing nothing, if the item has moved on.
What the edit form shows moves it on: a change through `update_action`, a change of status
in a progress update and a verification (which the lead's save would otherwise clear
unseen). A progress note alone changes nothing on the form and does not. `verify_completion`
takes the version the scrutineer's page was opened at too: what they read there (the evidence of
completion above all) is what they verify, or nothing is saved.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from common.history import one_history_record
from common.limits import too_long
from common.versioning import bump, check_version, lock
from partnerships import action_rules
from partnerships.models import (
    NOTE_LIMIT,
    VERIFICATION_NOTE_LIMIT,
    ActionItem,
    Agency,
    Evidence,
    Membership,
    Partnership,
    ProgressUpdate,
)
from partnerships.permissions import require

Status = ActionItem.Status
CLEARED_REASON = "Changed: verification cleared"
VERIFIED_REASON = "Completion verified"
VERIFICATION_NOTE_REQUIRED = "Enter what you checked in the evidence of completion"
VERIFICATION_NOTE_WITHOUT_EVIDENCE = "Enter why you accept the action as done: it has no evidence of completion"


def _check_same_partnership(membership: Membership, item: ActionItem) -> None:
    if item.partnership_id != membership.partnership_id:
        raise PermissionDenied("An action item of another partnership.")


def may_verify(membership: Membership, item: ActionItem) -> bool:
    """Whether the Verify completion button applies now: a scrutineer, a complete item, not yet verified."""
    return membership.can_verify_actions and item.status == Status.COMPLETE and not item.is_verified


@dataclass(frozen=True)
class Outcome:
    """What a change did, for the message after it."""

    item: ActionItem
    changed: bool = True
    verification_cleared: bool = False
    update: ProgressUpdate | None = None


def create_action(*, membership: Membership, **values) -> ActionItem:
    """A new item of the membership's partnership's action plan, `values` as write_new_action takes them.
    Leads only."""
    require(membership, "can_create_actions")
    return write_new_action(partnership=membership.partnership, by=membership.user, **values)


def write_new_action(
    *,
    partnership: Partnership,
    by,
    recommendations,
    description: str,
    owner_agency: Agency,
    lead_name: str,
    start_date: date,
    due_date: date,
    status: str = Status.NOT_STARTED,
    contributing_agencies=(),
    completion_evidence=(),
    impact_evidenced: bool = False,
    impact_evidence=(),
    change_reason: str = "",
) -> ActionItem:
    """The writing of a new item, its values checked by the rules, with no permission checked: create_action's,
    and that of code which checked its own permission first (case_audits.findings: a case audit's finding becomes
    an action at the hands of those who run audits). Attributed to `by`."""
    item = ActionItem(partnership=partnership, created_by=by)
    values = _checked(
        item,
        recommendations=recommendations,
        description=description,
        owner_agency=owner_agency,
        lead_name=lead_name,
        start_date=start_date,
        due_date=due_date,
        status=status,
        contributing_agencies=contributing_agencies,
        completion_evidence=completion_evidence,
        impact_evidenced=impact_evidenced,
        impact_evidence=impact_evidence,
        already_cited=set(),
    )
    with transaction.atomic(), _reason(item, change_reason), one_history_record(item, by=by, created=True):
        _assign(item, values)
        item.save()
        _set_links(item, values)
    return item


def update_action(
    *,
    item: ActionItem,
    membership: Membership,
    seen_version: int,
    recommendations,
    description: str,
    owner_agency: Agency,
    lead_name: str,
    start_date: date,
    due_date: date,
    status: str,
    contributing_agencies=(),
    completion_evidence=(),
    impact_evidenced: bool = False,
    impact_evidence=(),
    change_reason: str = "",
) -> Outcome:
    """Change every field of an item. Leads only. Any change to a verified item clears its verification.

    `seen_version` is the item's version when the lead's form was opened: StaleEdit if it has moved on.
    Nothing is written (and no history recorded) when nothing differs.
    """
    _check_same_partnership(membership, item)
    require(membership, "can_edit_action", item)
    by = membership.user
    with transaction.atomic():
        lock(item)
        check_version(item, seen_version)
        before = _snapshot(item)
        values = _checked(
            item,
            recommendations=recommendations,
            description=description,
            owner_agency=owner_agency,
            lead_name=lead_name,
            start_date=start_date,
            due_date=due_date,
            status=status,
            contributing_agencies=contributing_agencies,
            completion_evidence=completion_evidence,
            impact_evidenced=impact_evidenced,
            impact_evidence=impact_evidence,
            already_cited=before["completion_evidence"] | before["impact_evidence"],
        )
        if _snapshot_of_values(values) == before:
            return Outcome(item=item, changed=False)
        cleared = item.is_verified
        reason = _joined(CLEARED_REASON if cleared else "", change_reason)
        with _reason(item, reason), one_history_record(item, by=by, created=False):
            _assign(item, values)
            if cleared:
                _clear_verification(item)
            bump(item)
            _set_links(item, values)
    return Outcome(item=item, verification_cleared=cleared)


def add_progress_update(
    *, item: ActionItem, membership: Membership, note: str, status: str | None = None, change_reason: str = ""
) -> Outcome:
    """A dated note on the item's timeline, perhaps changing its status.

    Changing the status: leads and the owner agency's contributors. A note alone: those,
    and scrutineers. A status the item already has is no change. Moving a verified item
    away from complete clears the verification. Progress updates keep no history of their own:
    a `change_reason` (the identifier check's confirmation) goes into the item's history.
    """
    _check_same_partnership(membership, item)
    require(membership, "can_comment_on_action", item)
    by = membership.user
    note = (note or "").strip()
    if not note:
        raise ValidationError("Enter a progress note", code="required")
    if len(note) > NOTE_LIMIT:
        raise ValidationError(too_long("Progress note", NOTE_LIMIT), code="max_length")
    if status and status not in Status.values:
        raise ValidationError("Select the new status, or no change", code="invalid_choice")
    with transaction.atomic():
        lock(item)
        changing = bool(status) and status != item.status
        # As the item stands now, under the lock: its owner agency may have changed meanwhile.
        require(membership, "can_update_action" if changing else "can_comment_on_action", item)
        cleared = False
        status_from = status_to = ""
        if changing:
            status_from, status_to = item.status, status
            cleared = item.is_verified and status != Status.COMPLETE
            item.status = status
            if cleared:
                _clear_verification(item)
            bump(item)  # a lead's form opened before it would put the old status back
            item._history_user = by
            reason = _joined(CLEARED_REASON if cleared else "Status changed in a progress update", change_reason)
            with _reason(item, reason):
                item.save(
                    update_fields=["status", "verified_by", "verified_at", "verification_note", "version", "updated_at"]
                )
        elif change_reason:
            item._history_user = by
            with _reason(item, f"Progress update: {change_reason}"):
                item.save(update_fields=["updated_at"])
        update = ProgressUpdate.objects.create(
            item=item,
            date=timezone.localdate(),
            author=by,
            note=note,
            status_from=status_from,
            status_to=status_to,
        )
    return Outcome(item=item, changed=changing, verification_cleared=cleared, update=update)


shows_impact = action_rules.shows_impact  # for the item's page: is what it cites as evidence of impact enough?


def has_completion_evidence(item: ActionItem) -> bool:
    """Whether the item cites current evidence of completion (withdrawn evidence shows nothing)."""
    return item.completion_evidence.current().exists()


def verify_completion(
    *, item: ActionItem, membership: Membership, note: str, seen_version: int, change_reason: str = ""
) -> ActionItem:
    """The scrutineer agrees a complete item is complete: records who, when and why. Scrutineers only.

    `note` says what they checked in the evidence of completion or, when the item has none, why they
    accept it as done without. `seen_version` is the item's version when their page was opened:
    StaleEdit if it has moved on (its evidence changed, say), and nothing is saved.
    """
    _check_same_partnership(membership, item)
    require(membership, "can_verify_actions")
    by = membership.user
    note = (note or "").strip()
    if len(note) > VERIFICATION_NOTE_LIMIT:
        raise ValidationError(too_long("Verification note", VERIFICATION_NOTE_LIMIT), code="max_length")
    with transaction.atomic():
        lock(item)
        if item.status != Status.COMPLETE:
            raise ValidationError(
                "Only a complete item can be verified: its status is now “%(status)s”",
                code="not_complete",
                params={"status": item.get_status_display()},
            )
        if item.is_verified:
            raise ValidationError("This item's completion has already been verified", code="already_verified")
        check_version(item, seen_version)
        if not note:
            if has_completion_evidence(item):
                raise ValidationError(VERIFICATION_NOTE_REQUIRED, code="required")
            raise ValidationError(VERIFICATION_NOTE_WITHOUT_EVIDENCE, code="required")
        item.verified_by = by
        item.verified_at = timezone.now()
        item.verification_note = note
        bump(item)  # a lead's form opened before it would clear the verification unseen
        item._history_user = by
        with _reason(item, _joined(VERIFIED_REASON, change_reason)):
            item.save(update_fields=["verified_by", "verified_at", "verification_note", "version", "updated_at"])
    return item


# Checking and writing.

SCALARS = ("description", "owner_agency", "lead_name", "start_date", "due_date", "status", "impact_evidenced")
LINKS = action_rules.LINKS


def _snapshot(item) -> dict:
    snapshot = {name: getattr(item, f"{name}_id" if name == "owner_agency" else name) for name in SCALARS}
    for name in LINKS:
        snapshot[name] = frozenset(getattr(item, name).values_list("pk", flat=True))
    return snapshot


def _snapshot_of_values(values) -> dict:
    snapshot = {name: values[name].pk if name == "owner_agency" else values[name] for name in SCALARS}
    for name in LINKS:
        snapshot[name] = frozenset(obj.pk for obj in values[name])
    return snapshot


def _checked(item, *, already_cited, **values) -> dict:
    """The values, cleaned, if they keep every rule for the item's partnership (partnerships/action_rules.py);
    ValidationError with every message otherwise."""
    values = action_rules.cleaned(values)
    _read_evidence_now(values, already_cited)
    breaches = action_rules.check(values, partnership=item.partnership, already_cited=already_cited)
    if breaches:
        raise ValidationError([ValidationError(breach.message, code=breach.code) for breach in breaches])
    return values


def _read_evidence_now(values, already_cited):
    """Put in `values`, for the rules, the evidence whose state they judge as the database has it now, not as
    the caller's copy says: what is newly cited (withdrawn?) and, when impact is marked evidenced, the evidence
    of impact (graded so, and current?). One query at most."""
    wanted = {e.pk for name in action_rules.EVIDENCE for e in values[name]} - set(already_cited)
    if values["impact_evidenced"]:
        wanted |= {e.pk for e in values["impact_evidence"]}
    if not wanted:
        return
    now = Evidence.objects.in_bulk(wanted)
    for name in action_rules.EVIDENCE:
        values[name] = [now.get(evidence.pk, evidence) for evidence in values[name]]


def _assign(item, values):
    for name in SCALARS:
        setattr(item, name, values[name])


def _set_links(item, values):
    for name in LINKS:
        getattr(item, name).set(values[name])


def _clear_verification(item):
    item.verified_by = None
    item.verified_at = None
    item.verification_note = ""


def _joined(*reasons: str) -> str:
    """Reasons for one history record (its change reason is a text column: nothing is cut)."""
    return "; ".join(reason for reason in reasons if reason)


@contextmanager
def _reason(item, reason: str):
    """The history record written in the block says `reason` ("Changed" when empty)."""
    if reason:
        item._change_reason = reason
    try:
        yield
    finally:
        item.__dict__.pop("_change_reason", None)


def evidence_for_choice(partnership: Partnership, item: ActionItem | None = None):
    """Evidence an item may cite: the partnership's current evidence, and any the item already cites.

    Evidence withdrawn after an item cited it stays selectable on that item, so that saving
    the item does not drop it unseen; it cannot be newly cited.
    """
    current = Q(withdrawn_at__isnull=True)
    if item is not None and item.pk is not None:
        current |= Q(completed_actions=item) | Q(impact_of_actions=item)
    return Evidence.objects.filter(current, partnership=partnership).distinct()
