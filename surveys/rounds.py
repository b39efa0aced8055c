"""Survey rounds and their agencies' links: what each member may list, and the writes the round's pages call.

Each write is keyword-only, takes the acting `membership` and checks it by the permission's name
(partnerships/permissions.py): `can_run_surveys` for all of them. Input is checked here (ValidationError, each
message keyed by the form field it is about) and written in one transaction with one history record per change,
attributed to the membership's user; a change to a round opened at an older version is refused (StaleEdit).

A round gives each agency taking part one live link, whose token (secrets.token_urlsafe(32): 256 random bits) is
its only secret. Revoking a link makes its token answer 404 at once; a new one can then be made for the agency.
An agency removed from a round has its link revoked; answers already given stay, since an answer never knows the
link or agency it came through (surveys/models.py), so removing is allowed whatever has been answered.

A round takes answers from its opening day to the end of its closing day, unless closed early; once closed (by
date or early) it may be published, which lets every member read its results. A published round is fixed.
"""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from common.history import one_history_record
from common.versioning import bump, check_version, lock
from partnerships.permissions import require
from surveys.models import SurveyLink, SurveyResponse, SurveyRound, SurveyTemplate

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 random bits
AGENCY_REQUIRED = "Select at least one agency taking part"
TEMPLATE_REQUIRED = "Select one of the survey templates listed"
CLOSES_BEFORE_OPENING = "The closing date must be the same as or after the opening date"
CLOSES_IN_THE_PAST = "The closing date must be today or in the future"
TEMPLATE_FIXED = "People have answered this round's questions: its template cannot change now"
PUBLISHED_ROUND = "This round's results are published: it can no longer be changed"
ALREADY_CLOSED = "This round is closed already"
NOT_CLOSED = "The round is still taking answers: close it, or wait for its closing date, before publishing"
ALREADY_PUBLISHED = "This round is published already"
ALREADY_REVOKED = "This link is revoked already"
LIVE_LINK_EXISTS = "{agency} has a live link already: revoke it before making a new one"
NOT_TAKING_PART = "{agency} does not take part in this round: add it to the round first"
CLOSED_REASON = "Closed early"
PUBLISHED_REASON = "Published"
LINK_REVOKED_REASON = "Link revoked"
AGENCY_REMOVED_REASON = "Agency no longer taking part in the round"


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class State:
    label: str  # Not open yet, Open, Closed, Published
    colour: str  # the GOV.UK tag's modifier

    @property
    def tag_class(self) -> str:
        return f"govuk-tag govuk-tag--{self.colour}"


NOT_OPEN_YET = State("Not open yet", "grey")
OPEN = State("Open", "blue")
CLOSED = State("Closed", "yellow")
PUBLISHED = State("Published", "green")


def state_of(survey_round: SurveyRound, today=None) -> State:
    today = today or timezone.localdate()
    if survey_round.is_published:
        return PUBLISHED
    if is_closed(survey_round, today):
        return CLOSED
    if survey_round.is_open(today):
        return OPEN
    return NOT_OPEN_YET


def is_closed(survey_round: SurveyRound, today=None) -> bool:
    """Closed early, or past its closing day: it takes no more answers and may be published."""
    today = today or timezone.localdate()
    return survey_round.closed_at is not None or today > survey_round.closes_on


def with_answer_counts(rounds):
    """Rounds annotated with `answer_count` (a subquery, so a list of rounds is one query however long)."""
    counted = (
        SurveyResponse.objects.filter(round=OuterRef("pk")).order_by().values("round").annotate(n=Count("pk"))
    ).values("n")
    return rounds.annotate(answer_count=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0)))


def rounds_for(membership):
    """The partnership's rounds `membership` may see: all for those who run surveys, the published ones for anyone
    else; with their template."""
    rounds = SurveyRound.objects.filter(partnership=membership.partnership).select_related("template")
    if membership.can_run_surveys:
        return rounds
    return rounds.filter(published_at__isnull=False)


def templates_for(partnership):
    return SurveyTemplate.objects.filter(framework=partnership.framework_id).order_by("position", "code")


@dataclass
class AgencyLinks:
    """An agency's live link (None if it has none) and its revoked ones, newest first; `taking_part` False for an
    agency removed from the round, whose links are all revoked."""

    agency: object
    live: SurveyLink | None
    revoked: list
    taking_part: bool = True


def links_by_agency(survey_round: SurveyRound) -> list[AgencyLinks]:
    """Every agency taking part, then any removed one that had a link, by name, each with its links. Two queries."""
    taking_part = {agency.pk: agency for agency in survey_round.agencies.all()}
    rows = {pk: AgencyLinks(agency, None, []) for pk, agency in taking_part.items()}
    for made in survey_round.links.select_related("agency", "revoked_by").order_by("-created_at", "-pk"):
        made.round = survey_round
        row = rows.setdefault(made.agency_id, AgencyLinks(made.agency, None, [], taking_part=False))
        if made.is_revoked:
            row.revoked.append(made)
        else:
            row.live = made
    return sorted(rows.values(), key=lambda row: (not row.taking_part, row.agency.name.casefold()))


# ---------------------------------------------------------------- rounds


def _checked_round(membership, *, title, template, opens_on, closes_on, agencies, survey_round=None) -> dict:
    partnership = membership.partnership
    title = (title or "").strip()
    problems = {}
    if not title:
        problems["title"] = "Enter a title for the round"
    if template is None or template.framework_id != partnership.framework_id:
        problems["template"] = TEMPLATE_REQUIRED
    if opens_on is None:
        problems["opens_on"] = "Enter the opening date"
    if closes_on is None:
        problems["closes_on"] = "Enter the closing date"
    elif opens_on is not None and closes_on < opens_on:
        problems["closes_on"] = CLOSES_BEFORE_OPENING
    elif closes_on < timezone.localdate() and (survey_round is None or closes_on != survey_round.closes_on):
        problems["closes_on"] = CLOSES_IN_THE_PAST
    agencies = sorted(set(agencies or ()), key=lambda a: a.pk)
    if not agencies:
        problems["agencies"] = AGENCY_REQUIRED
    elif any(agency.partnership_id != partnership.pk for agency in agencies):
        problems["agencies"] = "Select only this partnership's agencies"
    if problems:
        raise ValidationError(problems)
    fields = {"title": title, "template": template, "opens_on": opens_on, "closes_on": closes_on}
    return {"fields": fields, "agencies": agencies}


def _new_link(survey_round, agency, by) -> SurveyLink:
    made = SurveyLink(round=survey_round, agency=agency, token=secrets.token_urlsafe(TOKEN_BYTES), created_by=by)
    made._history_user = by
    made.save()
    return made


def create_round(*, membership, change_reason: str = "", **definition) -> SurveyRound:
    """A new round of the membership's partnership, with one live link per agency taking part. `definition`:
    title, template, opens_on, closes_on (not before opening, not in the past), agencies (at least one)."""
    require(membership, "can_run_surveys")
    checked = _checked_round(membership, **definition)
    survey_round = SurveyRound(partnership=membership.partnership, created_by=membership.user, **checked["fields"])
    survey_round._change_reason = change_reason
    with transaction.atomic():
        with one_history_record(survey_round, by=membership.user, created=True):
            survey_round.save()
            survey_round.agencies.set(checked["agencies"])
        for agency in checked["agencies"]:
            _new_link(survey_round, agency, membership.user)
    return survey_round


def _check_round(membership, survey_round) -> None:
    require(membership, "can_run_surveys")
    if survey_round.partnership_id != membership.partnership_id:
        raise ValidationError("Not a round of this partnership.")


def update_round(
    *, membership, survey_round: SurveyRound, seen_version: int, change_reason: str = "", **definition
) -> bool:
    """Change a round, unless it changed since the form was opened (StaleEdit) or is published. An agency added
    gets a new link; one removed has its live link revoked (its answers stay: they never know their agency). The
    template cannot change once anyone has answered. False when nothing differs."""
    _check_round(membership, survey_round)
    with transaction.atomic():
        lock(survey_round)
        check_version(survey_round, seen_version)
        if survey_round.is_published:
            raise ValidationError(PUBLISHED_ROUND)
        checked = _checked_round(membership, survey_round=survey_round, **definition)
        before = set(survey_round.agencies.all())
        after = set(checked["agencies"])
        if checked["fields"]["template"].pk != survey_round.template_id and survey_round.responses.exists():
            raise ValidationError({"template": TEMPLATE_FIXED})
        differs = any(getattr(survey_round, name) != value for name, value in checked["fields"].items())
        if not differs and before == after:
            return False
        survey_round._change_reason = change_reason or "Changed"
        with one_history_record(survey_round, by=membership.user, created=False):
            for name, value in checked["fields"].items():
                setattr(survey_round, name, value)
            bump(survey_round)
            survey_round.save()
            survey_round.agencies.set(checked["agencies"])
        now = timezone.now()
        for live in survey_round.links.filter(agency__in=before - after, revoked_at__isnull=True):
            _revoke(live, membership.user, now, AGENCY_REMOVED_REASON)
        has_live = set(survey_round.links.filter(revoked_at__isnull=True).values_list("agency", flat=True))
        for agency in sorted(after - before, key=lambda a: a.pk):
            if agency.pk not in has_live:
                _new_link(survey_round, agency, membership.user)
    return True


def _stamp(survey_round, membership, reason: str, **fields) -> SurveyRound:
    """Under the round's lock: set `fields`, bump the version (an edit form opened before is refused), one history
    record by the membership's user saying `reason`."""
    for name, value in fields.items():
        setattr(survey_round, name, value)
    bump(survey_round)
    survey_round._history_user = membership.user
    survey_round._change_reason = reason
    survey_round.save(update_fields=[*fields, "version"])
    return survey_round


def close_round(*, membership, survey_round: SurveyRound) -> SurveyRound:
    """Close the round now: its links take no more answers from this moment. Refused if closed already."""
    _check_round(membership, survey_round)
    with transaction.atomic():
        lock(survey_round)
        if is_closed(survey_round):
            raise ValidationError(ALREADY_CLOSED)
        return _stamp(survey_round, membership, CLOSED_REASON, closed_at=timezone.now(), closed_by=membership.user)


def publish_problems(survey_round: SurveyRound) -> list[str]:
    """What stops the round being published, in words: nothing when it may be."""
    if survey_round.is_published:
        return [ALREADY_PUBLISHED]
    if not is_closed(survey_round):
        return [NOT_CLOSED]
    return []


def publish_round(*, membership, survey_round: SurveyRound) -> SurveyRound:
    """Publish a closed round: every member of the partnership reads its results from now on. No unpublishing."""
    _check_round(membership, survey_round)
    with transaction.atomic():
        lock(survey_round)
        if problems := publish_problems(survey_round):
            raise ValidationError(problems)
        fields = {"published_at": timezone.now(), "published_by": membership.user}
        return _stamp(survey_round, membership, PUBLISHED_REASON, **fields)


# ---------------------------------------------------------------- links


def _revoke(link: SurveyLink, by, when, reason: str) -> None:
    link.revoked_at = when
    link.revoked_by = by
    link._history_user = by
    link._change_reason = reason
    link.save(update_fields=["revoked_at", "revoked_by"])


def revoke_link(*, membership, link: SurveyLink) -> SurveyLink:
    """Revoke the link: its token answers 404 from now on. Refused if revoked already."""
    _check_round(membership, link.round)
    with transaction.atomic():
        lock(link)
        if link.is_revoked:
            raise ValidationError(ALREADY_REVOKED)
        _revoke(link, membership.user, timezone.now(), LINK_REVOKED_REASON)
    return link


def make_link(*, membership, survey_round: SurveyRound, agency) -> SurveyLink:
    """A new live link for an agency taking part in the round that has none (its last was revoked). Refused if it
    has a live link (the database allows one per agency) or does not take part."""
    _check_round(membership, survey_round)
    if survey_round.is_published:
        raise ValidationError(PUBLISHED_ROUND)
    if not survey_round.agencies.filter(pk=agency.pk).exists():
        raise ValidationError(NOT_TAKING_PART.format(agency=agency.name))
    live = LIVE_LINK_EXISTS.format(agency=agency.name)
    if survey_round.links.filter(agency=agency, revoked_at__isnull=True).exists():
        raise ValidationError(live)
    try:
        with transaction.atomic():
            return _new_link(survey_round, agency, membership.user)
    except IntegrityError:  # made by someone else meanwhile
        raise ValidationError(live) from None
