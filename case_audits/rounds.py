"""Audit rounds and their cases: what each member may list, and the writes the round's forms call.

Each write is keyword-only, takes the acting `membership` and checks it by the permission's name
(partnerships/permissions.py): `can_run_audits` for rounds and cases. Input is checked here (ValidationError, each
message keyed by the form field it is about) and written in one transaction with one history record per change,
attributed to the membership's user; a change to a round or case opened at an older version is refused (StaleEdit).

A case is known only by the partnership's own reference: a short code of letters, digits, hyphens and slashes
with at least one digit, which the identifier scanner finds nothing in. Such a reference is refused outright,
never confirmed, since it is shown on every page of the round. Cases are added and changed while the round is
unpublished only: once its findings and results are published, its sample is fixed.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.text import get_text_list

from case_audits.models import REFERENCE_LIMIT, AgencyReturn, AuditCase, AuditRound, AuditTool
from common.history import one_history_record
from common.identifiers import find_identifiers
from common.versioning import bump, check_version, lock
from partnerships.permissions import require

REFERENCE_PATTERN = re.compile(r"[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*")
REFERENCE_ADVICE = "Use your own case reference, like MACA-2026-03, never a name, date of birth, NHS number or address"
REFERENCE_REQUIRED = "Enter your own case reference, like MACA-2026-03"
AGENCY_REQUIRED = "Select at least one agency taking part"
CASE_AGENCY_REQUIRED = "Select at least one agency involved in the case"
RECOMMENDATION_REQUIRED = "Select at least one recommendation the case bears on"
PUBLISHED_ROUND = (
    "This round is published: its cases, agreed grades and findings are fixed, as its readers have seen them"
)


# ---------------------------------------------------------------- reading


def _count_of(queryset, group_by: str):
    """A subquery: how many rows of `queryset` (already filtered on the outer round) there are, 0 if none."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_return_counts(rounds):
    """Rounds annotated with `case_count`, `returns_expected` (each case's involved agencies taking part in the
    round) and `returns_submitted`: subqueries, so a list of rounds is one query however long."""
    involved = AuditCase.agencies.through.objects.filter(
        auditcase__round=OuterRef("pk"), agency__audit_rounds=OuterRef("pk")
    )
    submitted = AgencyReturn.objects.filter(case__round=OuterRef("pk"), status=AgencyReturn.Status.SUBMITTED)
    return rounds.annotate(
        case_count=_count_of(AuditCase.objects.filter(round=OuterRef("pk")), "round"),
        returns_expected=_count_of(involved, "auditcase__round"),
        returns_submitted=_count_of(submitted, "case__round"),
    )


def rounds_for(membership):
    """The partnership's rounds `membership` may see: all for those who run audits; for a contributor those
    their agency takes part in and the published ones; for anyone else the published ones."""
    rounds = AuditRound.objects.filter(partnership=membership.partnership).select_related("tool")
    if membership.can_run_audits:
        return rounds
    visible = Q(published_at__isnull=False)
    if membership.is_contributor:
        taking_part = AuditRound.agencies.through.objects.filter(agency=membership.agency_id)
        visible |= Q(pk__in=taking_part.values("auditround"))
    return rounds.filter(visible)


def tools_for(partnership):
    return AuditTool.objects.filter(framework=partnership.framework_id).order_by("position", "code")


RETURN_NOT_STARTED = "Not started"


@dataclass
class ReturnCell:
    """One involved agency's return on one case, as the round's table shows it."""

    agency: object
    status: str  # Not started, In progress, Submitted
    late: bool = False

    @property
    def is_submitted(self) -> bool:
        return self.status == AgencyReturn.Status.SUBMITTED.label


@dataclass
class CaseRow:
    case: AuditCase
    cells: list  # ReturnCell per involved agency taking part, by agency name

    @property
    def outstanding(self) -> list:
        return [cell.agency for cell in self.cells if not cell.is_submitted]


def case_rows(audit_round, membership) -> list[CaseRow]:
    """The round's cases `membership` may see (a contributor: those their agency is involved in), each with the
    status of every involved agency's return (a contributor: their own agency's only). Three queries."""
    taking_part = {agency.pk for agency in audit_round.agencies.all()}
    cases = audit_round.cases.prefetch_related("agencies")
    own_only = not membership.can_run_audits
    if own_only:
        cases = cases.filter(agencies=membership.agency_id)
    returns = {
        (row["case"], row["agency"]): row
        for row in AgencyReturn.objects.filter(case__round=audit_round).values(
            "case", "agency", "status", "submitted_at"
        )
    }
    rows = []
    for case in cases:
        cells = []
        for agency in sorted(case.agencies.all(), key=lambda a: a.name):
            if agency.pk not in taking_part or (own_only and agency.pk != membership.agency_id):
                continue
            made = returns.get((case.pk, agency.pk))
            if made is None:
                cells.append(ReturnCell(agency, RETURN_NOT_STARTED))
                continue
            late = bool(made["submitted_at"]) and made["submitted_at"].date() > audit_round.due_date
            cells.append(ReturnCell(agency, AgencyReturn.Status(made["status"]).label, late))
        rows.append(CaseRow(case, cells))
    return rows


def outstanding_by_agency(rows: list[CaseRow]) -> list[tuple]:
    """(agency, [case, ...]) for each agency that owes a return, by agency name."""
    owed = {}
    for row in rows:
        for agency in row.outstanding:
            owed.setdefault(agency, []).append(row.case)
    return sorted(owed.items(), key=lambda pair: pair[0].name)


# ---------------------------------------------------------------- rounds


def _text_problems(title: str, theme: str) -> dict:
    problems = {}
    if not title:
        problems["title"] = "Enter a title for the round"
    if not theme:
        problems["theme"] = "Enter the theme: what the round looks at, and why now"
    return problems


def _checked_round(membership, *, title, theme, tool, period_start, period_end, due_date, agencies) -> dict:
    partnership = membership.partnership
    fields = {"title": (title or "").strip(), "theme": (theme or "").strip()}
    problems = _text_problems(fields["title"], fields["theme"])
    if tool is None or tool.framework_id != partnership.framework_id:
        problems["tool"] = "Select one of the audit tools listed"
    if period_start and period_end and period_end < period_start:
        problems["period_end"] = "The end of the period must be the same as or after its start"
    if due_date and period_end and due_date < period_end:
        problems["due_date"] = "The date returns are due must be the same as or after the end of the period"
    agencies = sorted(set(agencies or ()), key=lambda a: a.pk)
    if not agencies:
        problems["agencies"] = AGENCY_REQUIRED
    elif any(agency.partnership_id != partnership.pk for agency in agencies):
        problems["agencies"] = "Select only this partnership's agencies"
    for name, value in (("period_start", period_start), ("period_end", period_end), ("due_date", due_date)):
        if value is None:
            problems.setdefault(name, "Enter the date")
    if problems:
        raise ValidationError(problems)
    fields |= {"tool": tool, "period_start": period_start, "period_end": period_end, "due_date": due_date}
    return {"fields": fields, "agencies": agencies}


def create_round(*, membership, change_reason: str = "", **definition) -> AuditRound:
    """A new round of the membership's partnership. `definition`: title, theme, tool, period_start, period_end,
    due_date, agencies (at least one of the partnership's)."""
    require(membership, "can_run_audits")
    checked = _checked_round(membership, **definition)
    audit_round = AuditRound(partnership=membership.partnership, created_by=membership.user, **checked["fields"])
    audit_round._change_reason = change_reason
    with transaction.atomic(), one_history_record(audit_round, by=membership.user, created=True):
        audit_round.save()
        audit_round.agencies.set(checked["agencies"])
    return audit_round


def update_round(*, membership, audit_round: AuditRound, seen_version: int, change_reason: str = "", **definition):
    """Change a round, unless it changed since the form was opened (StaleEdit). Agencies may be added; one that
    has made a return in the round cannot be removed (ValidationError naming it); one removed is taken off the
    cases it was involved in. The tool cannot change once the round has a return. False when nothing differs."""
    _check_round(membership, audit_round)
    with transaction.atomic():
        lock(audit_round)
        check_version(audit_round, seen_version)
        checked = _checked_round(membership, **definition)
        before = set(audit_round.agencies.all())
        after = set(checked["agencies"])
        removed = before - after
        returns = AgencyReturn.objects.filter(case__round=audit_round)
        _check_removals(audit_round, removed, returns)
        if checked["fields"]["tool"].pk != audit_round.tool_id and returns.exists():
            raise ValidationError({"tool": "Agencies have made returns with this round's tool: it cannot change now"})
        differs = any(getattr(audit_round, name) != value for name, value in checked["fields"].items())
        if not differs and before == after:
            return False
        _write(audit_round, checked, {"agencies": checked["agencies"]}, membership.user, change_reason)
        for case in audit_round.cases.filter(agencies__in=removed).distinct():
            _drop_agencies(case, removed, membership.user)
    return True


def _write(record, checked: dict, links: dict, by, change_reason: str) -> None:
    """Under the record's lock: its checked fields and many-to-many `links`, one history record by `by`."""
    record._change_reason = change_reason or "Changed"
    with one_history_record(record, by=by, created=False):
        for name, value in checked["fields"].items():
            setattr(record, name, value)
        bump(record)
        record.save()
        for name, related in links.items():
            getattr(record, name).set(related)


def _check_removals(audit_round, removed: set, returns) -> None:
    if not removed:
        return
    with_returns = sorted(
        {agency.name for agency in removed if returns.filter(agency=agency).exists()},
    )
    if with_returns:
        raise ValidationError({"agencies": _have_made(with_returns, "returns in this round")})
    for case in audit_round.cases.prefetch_related("agencies"):
        if set(case.agencies.all()) <= removed:
            raise ValidationError(
                {"agencies": f"Case {case.reference} involves no other agency: change the case first"}
            )


def _drop_agencies(case, removed: set, by) -> None:
    lock(case)
    case._change_reason = "Agency no longer taking part in the round"
    with one_history_record(case, by=by, created=False):
        bump(case)
        case.save()
        case.agencies.remove(*removed)


# ---------------------------------------------------------------- cases


# Day, month and year (12/03/2015, 12-3-15) or year, month and day (2015-03-12): in a reference, perhaps a birthday.
_DATE_PARTS = re.compile(r"(?<!\d)(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?!\d)")


def _holds_a_date(reference: str) -> bool:
    """Whether three numbers in `reference` could be a date, either way round: the identifier scanner wants more
    context than a bare reference gives before it calls one a date of birth."""
    for first, month, last in _DATE_PARTS.findall(reference):
        day, year = (first, last) if len(first) <= 2 else (last, first)
        if len(day) <= 2 and len(year) in (2, 4) and 1 <= int(day) <= 31 and 1 <= int(month) <= 12:
            return True
    return False


def reference_problem(reference: str) -> str | None:
    """Why `reference` cannot be a case's reference, or None: the scanner finds an identifier in it, or it is
    not a short code of letters, digits, hyphens and slashes with at least one digit (so no name, no spaces)."""
    if not reference:
        return REFERENCE_REQUIRED
    if len(reference) > REFERENCE_LIMIT:
        return f"The case reference must be {REFERENCE_LIMIT} characters or fewer. {REFERENCE_ADVICE}"
    if find_identifiers(reference, "Case reference") or _holds_a_date(reference):
        return f"This looks like a person's identifier. {REFERENCE_ADVICE}"
    if not REFERENCE_PATTERN.fullmatch(reference) or not any(char.isdigit() for char in reference):
        return (
            f"A case reference is letters and numbers, with hyphens or slashes, and at least one number. "
            f"{REFERENCE_ADVICE}"
        )
    return None


def reference_taken(reference: str) -> str:
    return f"The round has a case with the reference {reference} already: choose another"


def _checked_case(audit_round, *, reference, age_band, agencies, recommendations, case=None) -> dict:
    from case_audits.models import AgeBand

    reference = (reference or "").strip()
    problems = {}
    if problem := reference_problem(reference):
        problems["reference"] = problem
    else:
        taken = audit_round.cases.filter(reference__iexact=reference)
        if case is not None:
            taken = taken.exclude(pk=case.pk)
        if taken.exists():
            problems["reference"] = reference_taken(reference)
    if age_band not in AgeBand.values:
        problems["age_band"] = "Select the child's age"
    taking_part = set(audit_round.agencies.all())
    agencies = sorted(set(agencies or ()), key=lambda a: a.pk)
    if not agencies:
        problems["agencies"] = CASE_AGENCY_REQUIRED
    elif not set(agencies) <= taking_part:
        problems["agencies"] = "Select only agencies taking part in the round"
    recommendations = sorted(set(recommendations or ()), key=lambda r: r.pk)
    if not recommendations:
        problems["recommendations"] = RECOMMENDATION_REQUIRED
    elif any(r.framework_id != audit_round.partnership.framework_id for r in recommendations):
        problems["recommendations"] = "Select only this partnership's framework's recommendations"
    if problems:
        raise ValidationError(problems)
    return {
        "fields": {"reference": reference, "age_band": age_band},
        "agencies": agencies,
        "recommendations": recommendations,
    }


def _have_made(names: list[str], where: str) -> str:
    verb = "has" if len(names) == 1 else "have"
    return f"{get_text_list(names, 'and')} {verb} made {where}, so cannot be removed"


def _check_case_removals(case, removed: set) -> None:
    with_returns = sorted(r.agency.name for r in case.returns.filter(agency__in=removed).select_related("agency"))
    if with_returns:
        raise ValidationError({"agencies": _have_made(with_returns, "a return on this case")})


def check_unpublished(audit_round) -> None:
    """A published round is fixed (its cases, agreed grades and findings, as its readers have seen them):
    ValidationError for any change to one."""
    if audit_round.is_published:
        raise ValidationError(PUBLISHED_ROUND)


def _check_round(membership, audit_round) -> None:
    require(membership, "can_run_audits")
    if audit_round.partnership_id != membership.partnership_id:
        raise ValidationError("Not a round of this partnership.")
    check_unpublished(audit_round)


def create_case(*, membership, audit_round: AuditRound, change_reason: str = "", **definition) -> AuditCase:
    """A new case of an unpublished round. `definition`: reference, age_band, agencies (taking part in the
    round), recommendations."""
    _check_round(membership, audit_round)
    checked = _checked_case(audit_round, **definition)
    case = AuditCase(round=audit_round, created_by=membership.user, **checked["fields"])
    case._change_reason = change_reason
    try:
        with transaction.atomic(), one_history_record(case, by=membership.user, created=True):
            case.save()
            case.agencies.set(checked["agencies"])
            case.recommendations.set(checked["recommendations"])
    except IntegrityError:  # the same reference saved by a colleague a moment before
        raise ValidationError({"reference": reference_taken(case.reference)}) from None
    return case


def update_case(*, membership, case: AuditCase, seen_version: int, change_reason: str = "", **definition) -> bool:
    """Change a case of an unpublished round, unless it changed since the form was opened (StaleEdit). An
    agency that has a return on the case cannot be taken off it. False when nothing differs."""
    audit_round = case.round
    _check_round(membership, audit_round)
    try:
        with transaction.atomic():
            lock(case)
            check_version(case, seen_version)
            checked = _checked_case(audit_round, case=case, **definition)
            before = set(case.agencies.all())
            removed = before - set(checked["agencies"])
            _check_case_removals(case, removed)
            linked = set(case.recommendations.all())
            same = (
                all(getattr(case, name) == value for name, value in checked["fields"].items())
                and before == set(checked["agencies"])
                and linked == set(checked["recommendations"])
            )
            if same:
                return False
            links = {"agencies": checked["agencies"], "recommendations": checked["recommendations"]}
            _write(case, checked, links, membership.user, change_reason)
    except IntegrityError:
        raise ValidationError({"reference": reference_taken(definition.get("reference", ""))}) from None
    return True
