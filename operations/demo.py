"""Fictional demo partnerships and people, so a newcomer can sign in and look around.

The demo's content is data: operations/demo.toml holds every partnership, agency, person, evidence item,
judgement, challenge and action, with its dates counted in days from the day the demo is seeded. This module
reads that file and checks all of it (every key, type, stored choice and cross-reference, then every
recommendation and question code against the framework) before writing anything, so a malformed entry is
refused with a message naming it and nothing is half-seeded; the seeding is one transaction besides.

Every place, agency and person here is invented. Every date, the moments records were saved included, is
worked out from the day the demo is seeded, so the story reads like a real year on whatever day it is run:
evidence logged a few days after its own date, challenges raised before they fall due and answered after,
progress updates spread over months, the previous review a year back. Running it again duplicates nothing:
it finds each record by what it says and dates it afresh.
"""

import dataclasses
import datetime
import re
import secrets
import tomllib
import types
import typing
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from case_audits.models import (
    AgeBand,
    AgencyReturn,
    AgreedGrade,
    AuditCase,
    AuditRound,
    AuditTool,
    Finding,
    ReturnGrade,
)
from indicators import periods
from indicators.models import Area, Indicator, Suppressed, Target, Value
from partnerships.models import (
    ActionItem,
    Agency,
    Evidence,
    LeadSafeguardingPartner,
    Membership,
    Partnership,
    ProgressUpdate,
)
from recommendations.models import AgencyType, Framework
from scrutiny.models import AssuranceLevel, Challenge, ChallengeStep, Judgement, QuestionResponse, Review
from surveys.models import AreaAnswer, SurveyLink, SurveyResponse, SurveyRound, SurveyTemplate, TextAnswer

DEMO_FILE = Path(__file__).with_name("demo.toml")

# The current review began on the first of the month this many months before the day the demo is seeded.
MONTHS_INTO_REVIEW = 8


class DemoDataError(Exception):
    """The demo's data file is malformed; the message names the entry and what is wrong with it."""


# The shape of the data file: one dataclass for each kind of entry. A field's `choices` are the values it
# may take; a field with a default may be left out.


def _choice(values: Iterable[str], **kwargs):
    return dataclasses.field(metadata={"choices": tuple(values)}, **kwargs)


@dataclasses.dataclass(frozen=True, kw_only=True)
class AgencySpec:
    name: str
    type: str = _choice(AgencyType.values)


@dataclasses.dataclass(frozen=True, kw_only=True)
class LeadPartnerSpec:
    organisation: str = _choice(LeadSafeguardingPartner.Organisation.values)
    name: str
    job_title: str
    mailbox: str  # the email address is mailbox@example.org
    is_delegate: bool
    signs_in_as: str | None = None  # the demo user who answers for them in the service; None: by email only


@dataclasses.dataclass(frozen=True, kw_only=True)
class PartnershipSpec:
    slug: str
    name: str
    area: str
    agencies: tuple[AgencySpec, ...]
    lead_safeguarding_partners: tuple[LeadPartnerSpec, ...] = ()


@dataclasses.dataclass(frozen=True, kw_only=True)
class MembershipSpec:
    partnership: str
    role: str = _choice(Membership.Role.values)
    agency: str | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class PersonSpec:
    username: str
    first_name: str
    last_name: str
    memberships: tuple[MembershipSpec, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class EvidenceSpec:
    title: str
    summary: str
    type: str = _choice(Evidence.Type.values)
    source: str = _choice(Evidence.Source.values)
    strength: str = _choice(Evidence.Strength.values)
    agency_type: str | None = _choice(AgencyType.values, default=None)  # None: the partnership's own
    day_of_review: int  # its date, in days after the current review began
    recommendations: tuple[str, ...]
    questions: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, kw_only=True)
class JudgementSpec:
    recommendation: str
    level: str = _choice(AssuranceLevel.values)
    rationale: str
    strengths: str
    areas_for_improvement: str
    evidence: tuple[str, ...] = ()  # titles of the evidence relied on
    indicators: tuple[str, ...] = ()  # codes of the indicators cited


@dataclasses.dataclass(frozen=True, kw_only=True)
class QuestionResponseSpec:
    question: str
    partnership_response: str
    scrutineer_note: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class StepSpec:
    days_ago: int
    kind: str = _choice([ChallengeStep.Kind.RESPONSE, ChallengeStep.Kind.ACCEPTED])
    by: str = _choice(["lead", "contributor", "scrutineer"])
    text: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ChallengeSpec:
    text: str
    agency_type: str | None = _choice(AgencyType.values, default=None)  # None: the partnership is asked
    recommendations: tuple[str, ...]
    raised_days_ago: int
    response_due_in_days: int  # negative: overdue
    steps: tuple[StepSpec, ...] = ()


@dataclasses.dataclass(frozen=True, kw_only=True)
class PreviousJudgementSpec:
    recommendation: str
    level: str = _choice(AssuranceLevel.values)
    rationale: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class UpdateSpec:
    days_ago: int
    by: str = _choice(["lead", "contributor"])
    note: str
    status: str | None = _choice(ActionItem.Status.values, default=None)  # None: a note, the status unchanged


@dataclasses.dataclass(frozen=True, kw_only=True)
class ActionSpec:
    description: str
    recommendations: tuple[str, ...]
    owner_agency_type: str = _choice(AgencyType.values)
    contributing_agency_types: tuple[str, ...] = _choice(AgencyType.values, default=())
    lead_name: str
    start_in_days: int  # negative: in the past
    due_in_days: int  # negative: overdue
    status: str = _choice(ActionItem.Status.values)
    impact_evidenced: bool
    updates: tuple[UpdateSpec, ...] = ()


@dataclasses.dataclass(frozen=True, kw_only=True)
class BoardSummarySpec:
    overall_opinion: str
    board_asks: str
    next_priorities: str
    board_meeting_in_days: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class IndicatorFiguresSpec:
    """One suggested indicator's figures, one a financial year, oldest first, the last for the year before the one
    the current review began in; a suppression code ("c") stands for a figure not published."""

    indicator: str
    local: tuple[str, ...]
    regional: tuple[str, ...] = ()  # as many as local, or none
    england: tuple[str, ...] = ()
    target: str | None = None  # to reach by the financial year the current review ends in


@dataclasses.dataclass(frozen=True, kw_only=True)
class AuditCaseSpec:
    """A case of an audit round. Grades are written "domain: grade" (codes of the round's tool); every domain not
    named is agreed good. An agency's own grade differs from the agreed one only where `agency_grades` says so,
    written "agency type, domain: grade". Agencies in `outstanding` have a return in progress, not submitted; a
    case with any is not moderated."""

    reference: str
    age_band: str = _choice(AgeBand.values)
    recommendations: tuple[str, ...]
    agreed: tuple[str, ...] = ()
    agency_grades: tuple[str, ...] = ()
    outstanding: tuple[str, ...] = _choice(AgencyType.values, default=())


@dataclasses.dataclass(frozen=True, kw_only=True)
class AuditFindingSpec:
    text: str
    kind: str = _choice(Finding.Kind.values)
    recommendations: tuple[str, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class AuditRoundSpec:
    title: str
    theme: str
    tool: str  # the code of one of the framework's audit tools
    cases_from_days_ago: int
    cases_to_days_ago: int
    returns_due_in_days: int  # negative: in the past
    agency_types: tuple[str, ...] = _choice(AgencyType.values)
    published: bool
    cases: tuple[AuditCaseSpec, ...]
    findings: tuple[AuditFindingSpec, ...] = ()


@dataclasses.dataclass(frozen=True, kw_only=True)
class SurveyGroupSpec:
    """The answers of one agency type to a survey round. `confidence`: the usual point (1 to 5) for each of the
    template's areas in order, the answers spread a point either side; `trained`: how many of the group were
    trained in each area."""

    agency_type: str = _choice(AgencyType.values)
    answers: int
    role_bands: tuple[str, ...]
    confidence: tuple[int, ...]
    trained: tuple[int, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class SurveyTextSpec:
    text: str
    agency_type: str = _choice(AgencyType.values)
    question: str  # a reflective question for professionals, by code


@dataclasses.dataclass(frozen=True, kw_only=True)
class SurveyRoundSpec:
    title: str
    template: str  # the code of one of the framework's survey templates
    opened_days_ago: int
    closed_days_ago: int
    agency_types: tuple[str, ...] = _choice(AgencyType.values)  # the agencies given a link
    published: bool
    groups: tuple[SurveyGroupSpec, ...]
    texts: tuple[SurveyTextSpec, ...] = ()


@dataclasses.dataclass(frozen=True, kw_only=True)
class DemoContent:
    framework: str  # the code of the framework the reviews use
    review_subject: str
    partnerships: tuple[PartnershipSpec, ...]
    people: tuple[PersonSpec, ...]
    evidence: tuple[EvidenceSpec, ...]
    judgements: tuple[JudgementSpec, ...]
    question_responses: tuple[QuestionResponseSpec, ...]
    challenges: tuple[ChallengeSpec, ...]
    previous_judgements: tuple[PreviousJudgementSpec, ...]
    actions: tuple[ActionSpec, ...]
    board_summary: BoardSummarySpec
    comparator_region: str = ""  # the region whose figures sit beside the partnership's
    indicator_figures: tuple[IndicatorFiguresSpec, ...] = ()
    audit_rounds: tuple[AuditRoundSpec, ...] = ()
    survey_rounds: tuple[SurveyRoundSpec, ...] = ()

    def review_title(self, period) -> str:
        return f"Assurance review {_years(period)}: {self.review_subject}"

    def current_review_pattern(self) -> str:
        """A current review's title, whatever years it names (they follow the day the demo is seeded)."""
        return rf"^Assurance review [0-9]{{4}}( to [0-9]{{4}})?: {re.escape(self.review_subject)}$"


# A previous review's title, whatever years it names.
PREVIOUS_REVIEW_TITLE = r"^Assurance review [0-9]{4}( to [0-9]{4})?$"


# The calendar: every date is worked out from the day the demo is seeded (`today`).


def _first_of_month(day: datetime.date, months_later: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months_later, 12)
    return datetime.date(year, month + 1, 1)


def review_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The current review: twelve months from the first of the month eight months before today's."""
    start = _first_of_month(today, -MONTHS_INTO_REVIEW)
    return start, _first_of_month(start, 12) - datetime.timedelta(days=1)


def previous_review_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The twelve months before the current review."""
    start, _ = review_period(today)
    return _first_of_month(start, -12), start - datetime.timedelta(days=1)


def _years(period) -> str:
    start, end = period
    return str(start.year) if start.year == end.year else f"{start.year} to {end.year}"


def previous_review_title(period) -> str:
    return f"Assurance review {_years(period)}"


# Loading and checking the data file.


def load_content(path: Path | None = None) -> DemoContent:
    """The demo's content, read from `path` (DEMO_FILE) and checked; DemoDataError names the first malformed entry."""
    path = path or DEMO_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DemoDataError(f"{path}: cannot be read as TOML: {error}") from None
    try:
        content = _entry(DemoContent, data, "")
        _check_references(content)
    except DemoDataError as error:
        raise DemoDataError(f"{path}: {error}") from None
    return content


def _entry(cls, data, where: str):
    """An instance of the dataclass `cls` from a table of the file, every key and value checked."""
    if not isinstance(data, dict):
        raise DemoDataError(f"{where}: expected a table of keys, found {data!r}")
    fields = {field.name: field for field in dataclasses.fields(cls)}
    first = data.get(next(iter(fields)))
    label = f'{where} "{_shortened(first)}"' if isinstance(first, str) and where else where
    unknown = sorted(data.keys() - fields.keys())
    if unknown:
        raise DemoDataError(f"{label}: unknown key {unknown[0]!r} (expected one of {', '.join(fields)})")
    hints = typing.get_type_hints(cls)
    values = {}
    for name, field in fields.items():
        inside = f"{label} > {name}" if label else name
        if name in data:
            values[name] = _value(hints[name], data[name], inside, field.metadata.get("choices"))
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise DemoDataError(f"{inside}: missing")
    return cls(**values)


def _shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _named(section: str, n: int, entry) -> str:
    """Where an entry is and what it says first (its title, name or code), as in `evidence[4] "Designated…"`."""
    first = getattr(entry, dataclasses.fields(entry)[0].name)
    return f'{section}[{n}] "{_shortened(first)}"'


TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false"}


def _value(hint, value, where: str, choices: tuple[str, ...] | None):
    if isinstance(hint, types.UnionType):  # X | None: None is written by leaving the key out
        (hint,) = (arg for arg in typing.get_args(hint) if arg is not type(None))
    if typing.get_origin(hint) is tuple:
        if not isinstance(value, list):
            raise DemoDataError(f"{where}: expected a list, found {value!r}")
        (item,) = (arg for arg in typing.get_args(hint) if arg is not Ellipsis)
        return tuple(_value(item, each, f"{where}[{n}]", choices) for n, each in enumerate(value))
    if dataclasses.is_dataclass(hint):
        return _entry(hint, value, where)
    if type(value) is not hint:  # exactly: true is not a number
        raise DemoDataError(f"{where}: expected {TYPE_NAMES[hint]}, found {value!r}")
    if choices is not None and value not in choices:
        raise DemoDataError(f"{where}: {value!r} is not one of {', '.join(choices)}")
    return value


def _check_references(content: DemoContent) -> None:
    """What the entries name must exist, and what identifies each entry must be unique."""
    for section, key in [
        ("partnerships", "slug"),
        ("people", "username"),
        ("evidence", "title"),
        ("judgements", "recommendation"),
        ("question_responses", "question"),
        ("challenges", "text"),
        ("previous_judgements", "recommendation"),
        ("actions", "description"),
        ("indicator_figures", "indicator"),
        ("audit_rounds", "title"),
        ("survey_rounds", "title"),
    ]:
        _check_unique(section, getattr(content, section), key)
    _check_people(content)
    _check_lead_partners(content)
    titles = {item.title for item in content.evidence}
    for n, judgement in enumerate(content.judgements):
        for title in judgement.evidence:
            if title not in titles:
                raise DemoDataError(f"{_named('judgements', n, judgement)}: no evidence titled {title!r}")
    for n, spec in enumerate(content.indicator_figures):
        _check_figures(_named("indicator_figures", n, spec), spec)


def figure(text: str) -> Decimal | str:
    """A figure of the file: a number, or a suppression code kept as it is; DemoDataError otherwise."""
    if text in Suppressed.values:
        return text
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0:
        raise DemoDataError(f"{text!r} is neither a number nor one of {', '.join(Suppressed.values)}")
    return number


def _check_figures(where: str, spec: IndicatorFiguresSpec) -> None:
    for name in ("local", "regional", "england"):
        figures = getattr(spec, name)
        if name != "local" and figures and len(figures) != len(spec.local):
            raise DemoDataError(f"{where} > {name}: {len(figures)} figures for {len(spec.local)} years")
        for k, text in enumerate(figures):
            try:
                figure(text)
            except DemoDataError as error:
                raise DemoDataError(f"{where} > {name}[{k}]: {error}") from None
    if spec.target is not None and not isinstance(figure(spec.target), Decimal):
        raise DemoDataError(f"{where} > target: a target is a number")


def _check_unique(section: str, entries, key: str) -> None:
    seen = set()
    for n, entry in enumerate(entries):
        value = getattr(entry, key)
        if value in seen:
            raise DemoDataError(f"{_named(section, n, entry)}: a second entry with this {key}")
        seen.add(value)


def _check_people(content: DemoContent) -> None:
    agencies = {p.slug: {agency.name for agency in p.agencies} for p in content.partnerships}
    for n, person in enumerate(content.people):
        where = _named("people", n, person)
        if not person.memberships:
            raise DemoDataError(f"{where}: no memberships")
        for membership in person.memberships:
            if membership.partnership not in agencies:
                raise DemoDataError(f"{where}: no partnership with the slug {membership.partnership!r}")
            if membership.agency is not None and membership.agency not in agencies[membership.partnership]:
                raise DemoDataError(f"{where}: {membership.partnership} has no agency named {membership.agency!r}")


def _check_lead_partners(content: DemoContent) -> None:
    members = {(m.partnership, person.username) for person in content.people for m in person.memberships}
    for n, partnership in enumerate(content.partnerships):
        for k, partner in enumerate(partnership.lead_safeguarding_partners):
            if partner.signs_in_as and (partnership.slug, partner.signs_in_as) not in members:
                where = f"{_named('partnerships', n, partnership)} > {_named('lead_safeguarding_partners', k, partner)}"
                raise DemoDataError(f"{where}: signs_in_as {partner.signs_in_as!r} is not a member of the partnership")


def check_framework(content: DemoContent, framework: Framework) -> None:
    """Every recommendation and question the content names is the framework's."""
    recommendations = set(framework.recommendations.values_list("code", flat=True))
    questions = set(framework.questions.values_list("code", flat=True))
    sections = ["evidence", "judgements", "challenges", "previous_judgements", "actions"]
    for section in sections:
        for n, entry in enumerate(getattr(content, section)):
            codes = entry.recommendations if hasattr(entry, "recommendations") else [entry.recommendation]
            _check_codes(_named(section, n, entry), codes, recommendations, "recommendation", framework)
    for n, item in enumerate(content.evidence):
        _check_codes(_named("evidence", n, item), item.questions, questions, "question", framework)
    for n, answer in enumerate(content.question_responses):
        _check_codes(_named("question_responses", n, answer), [answer.question], questions, "question", framework)
    for n, audit in enumerate(content.audit_rounds):
        _check_audit_round(_named("audit_rounds", n, audit), audit, framework, recommendations)
    for n, survey in enumerate(content.survey_rounds):
        _check_survey_round(_named("survey_rounds", n, survey), survey, framework)
    suggested = {i.code: i for i in framework.indicators.filter(partnership__isnull=True)}
    for n, judgement in enumerate(content.judgements):
        _check_codes(_named("judgements", n, judgement), judgement.indicators, suggested, "indicator", framework)
    for n, spec in enumerate(content.indicator_figures):
        where = _named("indicator_figures", n, spec)
        _check_codes(where, [spec.indicator], suggested, "indicator", framework)
        _check_range(where, spec, suggested[spec.indicator])


def _check_range(where: str, spec: IndicatorFiguresSpec, indicator: Indicator) -> None:
    """Each figure within what its indicator's unit allows (a percentage to 100, say)."""
    written = [("local", spec.local), ("regional", spec.regional), ("england", spec.england)]
    for name, texts in [*written, ("target", [spec.target] if spec.target is not None else [])]:
        for text in texts:
            number = figure(text)
            problem = indicator.check_value(number) if isinstance(number, Decimal) else None
            if problem:
                raise DemoDataError(f"{where} > {name}: {problem}")


def _check_audit_round(where: str, spec: AuditRoundSpec, framework: Framework, recommendations: set) -> None:
    """The round's tool is the framework's, and every domain, grade and agency type its cases name is known."""
    tool = AuditTool.objects.filter(framework=framework, code=spec.tool).first()
    if tool is None:
        raise DemoDataError(f"{where}: framework {framework.code} has no audit tool {spec.tool!r}")
    domains = set(tool.domains.values_list("code", flat=True))
    grades = set(tool.grades.values_list("code", flat=True))
    for n, case in enumerate(spec.cases):
        inside = f"{where} > {_named('cases', n, case)}"
        _check_codes(inside, case.recommendations, recommendations, "recommendation", framework)
        for text in case.agreed:
            _graded(inside, text, domains, grades)
        for text in case.agency_grades:
            agency_type, _, graded = text.partition(",")
            if agency_type not in spec.agency_types:
                raise DemoDataError(f"{inside}: {agency_type!r} is not one of the round's agency types")
            _graded(inside, graded, domains, grades)
        for agency_type in case.outstanding:
            if agency_type not in spec.agency_types:
                raise DemoDataError(f"{inside}: {agency_type!r} is not one of the round's agency types")
    for n, finding in enumerate(spec.findings):
        where_finding = f"{where} > {_named('findings', n, finding)}"
        _check_codes(where_finding, finding.recommendations, recommendations, "recommendation", framework)


def _check_survey_round(where: str, spec: SurveyRoundSpec, framework: Framework) -> None:
    """The round's template is the framework's; each group gives a point per area on the scale, no more trained
    than answered, and role bands of the template; each text answers one of its questions."""
    template = SurveyTemplate.objects.filter(framework=framework, code=spec.template).first()
    if template is None:
        raise DemoDataError(f"{where}: framework {framework.code} has no survey template {spec.template!r}")
    areas = template.areas.count()
    bands = {code for code, _ in template.role_band_choices}
    for n, group in enumerate(spec.groups):
        inside = f"{where} > {_named('groups', n, group)}"
        if len(group.confidence) != areas or len(group.trained) != areas:
            raise DemoDataError(f"{inside}: confidence and trained need one number for each of the {areas} areas")
        if not all(1 <= point <= len(template.confidence_scale) for point in group.confidence):
            raise DemoDataError(f"{inside}: confidence points must be on the scale")
        if not all(0 <= trained <= group.answers for trained in group.trained):
            raise DemoDataError(f"{inside}: trained counts must be between 0 and the number of answers")
        if not group.role_bands or not set(group.role_bands) <= bands:
            raise DemoDataError(f"{inside}: role bands must be the template's ({', '.join(sorted(bands))})")
    questions = set(template.questions.values_list("code", flat=True))
    answers = {group.agency_type: group.answers for group in spec.groups}
    for n, text in enumerate(spec.texts):
        inside = f"{where} > {_named('texts', n, text)}"
        _check_codes(inside, [text.question], questions, "question", framework)
        written = sum(1 for other in spec.texts[: n + 1] if other.agency_type == text.agency_type)
        if written > answers.get(text.agency_type, 0):
            raise DemoDataError(f"{inside}: more free-text answers from {text.agency_type} than it has answers")


def _graded(where: str, text: str, domains: set, grades: set) -> tuple[str, str]:
    """("domain", "grade") from "domain: grade", each checked against the tool's."""
    domain, grade = _split_grade(text)
    if domain not in domains or grade not in grades:
        raise DemoDataError(f'{where}: {text!r} is not "domain: grade" with the tool\'s domains and grades')
    return domain, grade


def _check_codes(where: str, codes, known: set, kind: str, framework: Framework) -> None:
    for code in codes:
        if code not in known:
            raise DemoDataError(f"{where}: framework {framework.code} has no {kind} {code!r}")


# Seeding.


class Story:
    """The demo's calendar, from the day it is seeded."""

    def __init__(self, today: datetime.date):
        self.today = today
        self.period = review_period(today)
        self.previous_period = previous_review_period(today)

    def days_ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)

    def in_days(self, days: int) -> datetime.date:
        return self.today + datetime.timedelta(days=days)

    @staticmethod
    def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        """A moment in the working day, in the service's time zone."""
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def seed_demo(*, password: str, today: datetime.date | None = None, path: Path | None = None) -> list[str]:
    """Create or update the demo data in `path` (DEMO_FILE), dated from `today`; running it again duplicates nothing.

    The whole file is checked before anything is written (DemoDataError), and the seeding is one transaction.
    Returns the usernames.
    """
    content = load_content(path)
    framework = Framework.objects.get(code=content.framework)
    try:
        check_framework(content, framework)
    except DemoDataError as error:
        raise DemoDataError(f"{path or DEMO_FILE}: {error}") from None
    with transaction.atomic():
        return _seed(content, framework, password=password, story=Story(today or timezone.localdate()))


def _seed(content: DemoContent, framework: Framework, *, password: str, story: Story) -> list[str]:
    partnerships = {}
    for spec in content.partnerships:
        partnership, _ = Partnership.objects.update_or_create(
            slug=spec.slug, defaults={"name": spec.name, "area": spec.area, "framework": framework}
        )
        for agency in spec.agencies:
            Agency.objects.update_or_create(partnership=partnership, name=agency.name, defaults={"type": agency.type})
        partnerships[spec.slug] = partnership
    users = _seed_people(content.people, partnerships, password)
    for spec in content.partnerships:
        _seed_lead_partners(partnerships[spec.slug], spec.lead_safeguarding_partners, users)
    for partnership in partnerships.values():
        seed_review(partnership, story, content)
    return list(users)


def _seed_people(people: Iterable[PersonSpec], partnerships: dict, password: str) -> dict:
    User = get_user_model()
    users = {}
    for person in people:
        user, _ = User.objects.update_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{person.username}@example.org",
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        users[person.username] = user
        for spec in person.memberships:
            partnership = partnerships[spec.partnership]
            agency = partnership.agencies.get(name=spec.agency) if spec.agency else None
            Membership.objects.update_or_create(
                user=user, partnership=partnership, defaults={"role": spec.role, "agency": agency}
            )
    return users


def _seed_lead_partners(partnership, partners: Iterable[LeadPartnerSpec], users: dict) -> None:
    for partner in partners:
        membership = partnership.memberships.get(user=users[partner.signs_in_as]) if partner.signs_in_as else None
        LeadSafeguardingPartner.objects.update_or_create(
            partnership=partnership,
            organisation=partner.organisation,
            defaults={
                "name": partner.name,
                "job_title": partner.job_title,
                "email": f"{partner.mailbox}@example.org",
                "is_delegate": partner.is_delegate,
                "membership": membership,
            },
        )


def _save(obj, *, when: datetime.datetime, by, stamps: dict, **links):
    """Save a demo record and set its many-to-many links, with one history record: its creation, at `when`.

    django-simple-history would stamp a record "now" for the save and for each link; a second run of the demo
    adds none and dates the creation afresh. `stamps` are the record's automatic timestamps, set to the story's
    moments (in its history record too).
    """
    obj.skip_history_when_saving = True
    try:
        obj.save()
        for name, values in links.items():
            getattr(obj, name).set(values)
    finally:
        del obj.skip_history_when_saving
    _stamp(obj, **stamps)
    first = obj.history.order_by("history_date", "history_id").first()
    if first is None:
        obj._history_date, obj._history_user = when, by
        obj.save()  # the one record, with the links as they now stand (and auto_now fields set to now: restamped)
        obj.history.update(history_type="+")
        _stamp(obj, **stamps)
    else:
        kept = {name: value for name, value in stamps.items() if hasattr(first, name)}
        obj.history.filter(history_id=first.history_id).update(history_date=when, **kept)


def _save_all(rows: list, *, when: datetime.datetime, by) -> None:
    """Save new rows of one model together, each with one history record, its creation by `by` at `when`."""
    model = type(rows[0])
    model.objects.bulk_create(rows)
    model.history.bulk_history_create(rows, default_user=by, default_date=when)


def _stamp(obj, **moments):
    """Set automatic timestamps (auto_now, auto_now_add) to the story's moments: an UPDATE bypasses them."""
    type(obj).objects.filter(pk=obj.pk).update(**moments)
    for name, value in moments.items():
        setattr(obj, name, value)


def _review(partnership, pattern, *, title, period, status, by, **values):
    review = partnership.reviews.filter(title__regex=pattern).order_by("pk").first() or Review(partnership=partnership)
    review.title, (review.period_start, review.period_end), review.status = title, period, status
    for name, value in values.items():
        setattr(review, name, value)
    # Set up three weeks before its period begins.
    created = Story.at(period[0] - datetime.timedelta(days=21), 9, 30)
    _save(review, when=created, by=by, stamps={"created_at": created})
    if by:
        review.scrutineers.add(by)
    return review


def _judge(record, *, when, by, evidence=(), indicators=()):
    record.updated_by = by
    _save(record, when=when, by=by, stamps={"updated_at": when}, evidence=list(evidence), indicators=list(indicators))


def seed_review(partnership, story: Story, content: DemoContent):
    """A review with evidence across all six recommendations, some judgements, open and answered challenges."""
    scrutineer = _member(partnership, Membership.Role.SCRUTINEER)
    lead = _member(partnership, Membership.Role.LEAD) or scrutineer
    review = _review(
        partnership,
        content.current_review_pattern(),
        title=content.review_title(story.period),
        period=story.period,
        status=Review.Status.JUDGING,
        by=scrutineer or lead,
        **board_summary(story, content.board_summary),
    )

    agencies = {}
    for agency in partnership.agencies.order_by("pk"):
        agencies.setdefault(agency.type, agency)
    framework = partnership.framework
    recommendations = {r.code: r for r in framework.recommendations.all()}
    questions = {q.code: q for q in framework.questions.all()}
    evidence = seed_evidence(partnership, agencies, recommendations, questions, lead, story, content)
    if lead is not None:
        seed_indicator_figures(partnership, lead, story, content)
    seed_judgements(review, recommendations, questions, evidence, scrutineer, story, content)
    seed_previous_review(partnership, recommendations, scrutineer, story, content)
    seed_action_plan(partnership, agencies, recommendations, evidence, lead, story, content)
    if scrutineer is not None and lead is not None:
        seed_survey_rounds(partnership, agencies, {"scrutineer": scrutineer, "lead": lead}, story, content)
        seed_audit_rounds(
            partnership, agencies, recommendations, {"scrutineer": scrutineer, "lead": lead}, story, content
        )
    if scrutineer is not None:
        seed_challenges(review, agencies, recommendations, {"scrutineer": scrutineer, "lead": lead}, story, content)


def board_summary(story: Story, summary: BoardSummarySpec) -> dict:
    """The current review's board summary: the scrutineer's opinion, what the board is asked, the meeting."""
    return {
        "overall_opinion": summary.overall_opinion,
        "board_asks": summary.board_asks,
        "next_priorities": summary.next_priorities,
        "board_meeting": story.in_days(summary.board_meeting_in_days),
    }


def seed_evidence(partnership, agencies, recommendations, questions, lead, story: Story, content: DemoContent):
    """The review's evidence, by title."""
    evidence = {}
    for number, spec in enumerate(content.evidence):
        item = partnership.evidence.filter(title=spec.title).order_by("pk").first() or Evidence(
            partnership=partnership, title=spec.title
        )
        item.summary, item.type, item.source, item.strength = spec.summary, spec.type, spec.source, spec.strength
        item.date = story.period[0] + datetime.timedelta(days=spec.day_of_review)
        item.agency = agencies.get(spec.agency_type)
        item.confirmed_no_identifying_details = True
        item.created_by = lead
        # Logged a few days after the meeting, audit or report it is evidence of.
        logged = story.at(item.date + datetime.timedelta(days=2 + number % 5), 10, 15)
        _save(
            item,
            when=logged,
            by=lead,
            stamps={"created_at": logged, "updated_at": logged},
            recommendations=[recommendations[code] for code in spec.recommendations],
            questions=[questions[code] for code in spec.questions],
        )
        evidence[spec.title] = item
    return evidence


def seed_judgements(review, recommendations, questions, evidence, scrutineer, story: Story, content: DemoContent):
    """Judged in the last few weeks, after the evidence they rely on was logged; and the questions answered."""
    indicators = {indicator.code: indicator for indicator in Indicator.objects.of(review.partnership)}
    for number, spec in enumerate(content.judgements):
        recommendation = recommendations[spec.recommendation]
        judgement = Judgement.objects.filter(review=review, recommendation=recommendation).first() or (
            Judgement(review=review, recommendation=recommendation)
        )
        judgement.level, judgement.rationale = spec.level, spec.rationale
        judgement.strengths, judgement.areas_for_improvement = spec.strengths, spec.areas_for_improvement
        when = story.at(story.days_ago(10 + 3 * number), 15, 40)
        _judge(
            judgement,
            when=when,
            by=scrutineer,
            evidence=[evidence[title] for title in spec.evidence],
            indicators=[indicators[code] for code in spec.indicators],
        )
    for number, spec in enumerate(content.question_responses):
        question = questions[spec.question]
        answer = QuestionResponse.objects.filter(review=review, question=question).first() or (
            QuestionResponse(review=review, question=question)
        )
        answer.partnership_response, answer.scrutineer_note = spec.partnership_response, spec.scrutineer_note
        _judge(answer, when=story.at(story.days_ago(18 + 2 * number), 11, 5), by=scrutineer)


def _financial_year(day: datetime.date) -> periods.Period:
    """The financial year (April to March) `day` falls in, named as the Department for Education names it."""
    start = day.year if day.month >= 4 else day.year - 1
    return periods.parse(f"{start}-{(start + 1) % 100:02d}")


def seed_indicator_figures(partnership, lead, story: Story, content: DemoContent):
    """The figures of some suggested indicators over the years before the current review, the partnership's with
    England's and the region's beside them, and a target; entered by the lead a couple of months ago."""
    suggested = {i.code: i for i in Indicator.objects.of(partnership).filter(partnership__isnull=True)}
    last = _financial_year(story.period[0]).start - datetime.timedelta(days=1)  # in the year before the review's
    for number, spec in enumerate(content.indicator_figures):
        indicator = suggested[spec.indicator]
        years = [_financial_year(_first_of_month(last, -12 * back)) for back in range(len(spec.local) - 1, -1, -1)]
        entered = story.at(story.days_ago(60 - number), 10, 30)
        areas = [
            (Area.LOCAL, "", spec.local),
            (Area.REGION, content.comparator_region, spec.regional),
            (Area.ENGLAND, "England", spec.england),
        ]
        for area, name, figures in areas:
            for year, text in zip(years, figures, strict=False):
                _seed_value(partnership, indicator, lead, year, area, name, figure(text), when=entered)
        # Periods of an earlier seeding (another day) go: the story has moved on.
        partnership.indicator_values.filter(indicator=indicator).exclude(period__in=[y.label for y in years]).delete()
        if spec.target is not None:
            target = Target.objects.filter(partnership=partnership, indicator=indicator).first() or Target(
                partnership=partnership, indicator=indicator
            )
            target.value, target.set_by = figure(spec.target), lead
            target.by_period = _financial_year(story.period[1]).label
            _save(target, when=entered, by=lead, stamps={"set_at": entered})


def _seed_value(partnership, indicator, lead, year, area, name, number, *, when):
    value = Value.objects.filter(
        partnership=partnership, indicator=indicator, period=year.label, area=area, area_code=""
    ).first() or Value(partnership=partnership, indicator=indicator, area=area)
    value.set_period(year)
    value.area_name, value.entered_by = name, lead
    value.value, value.suppressed = (number, "") if isinstance(number, Decimal) else (None, number)
    _save(value, when=when, by=lead, stamps={"entered_at": when})


def seed_challenges(review, agencies, recommendations, people: dict, story: Story, content: DemoContent):
    """Challenges raised by the scrutineer, some answered and one accepted, each with its timeline of steps."""
    partnership, scrutineer = review.partnership, people["scrutineer"]
    for spec in content.challenges:
        agency = agencies.get(spec.agency_type) if spec.agency_type else None
        raised = story.at(story.days_ago(spec.raised_days_ago), 11, 20)
        challenge = partnership.challenges.filter(text=spec.text).order_by("pk").first()
        if challenge is None:
            challenge = Challenge(partnership=partnership, text=spec.text, raised_by=scrutineer)
            for step in spec.steps:
                challenge.status = STATUS_AFTER[step.kind]
        challenge.review, challenge.agency = review, agency
        challenge.response_due = story.in_days(spec.response_due_in_days)
        _save(
            challenge,
            when=raised,
            by=scrutineer,
            stamps={"raised_at": raised},
            recommendations=[recommendations[code] for code in spec.recommendations],
        )
        timeline = [(raised, ChallengeStep.Kind.RAISED, scrutineer, spec.text)]
        for step in spec.steps:
            person = people.get(step.by) or _contributor_for(partnership, agency) or people["lead"]
            timeline.append((story.at(story.days_ago(step.days_ago), 14, 45), step.kind, person, step.text))
        _seed_steps(challenge, timeline)


def _seed_steps(challenge, timeline):
    for at, kind, person, text in timeline:
        step = challenge.steps.filter(kind=kind, text=text).order_by("pk").first()
        if step is None:
            ChallengeStep.objects.create(challenge=challenge, kind=kind, text=text, by=person, at=at)
        elif step.at != at:
            step.at = at
            step.save(update_fields=["at"])


def seed_previous_review(partnership, recommendations, scrutineer, story: Story, content: DemoContent):
    period = story.previous_period
    review = _review(
        partnership,
        PREVIOUS_REVIEW_TITLE,
        title=previous_review_title(period),
        period=period,
        status=Review.Status.PUBLISHED,
        by=scrutineer,
    )
    # Judged in the month after the period ended.
    for number, spec in enumerate(content.previous_judgements):
        recommendation = recommendations[spec.recommendation]
        judgement = Judgement.objects.filter(review=review, recommendation=recommendation).first() or (
            Judgement(review=review, recommendation=recommendation)
        )
        judgement.level, judgement.rationale = spec.level, spec.rationale
        when = story.at(period[1] + datetime.timedelta(days=14 + number), 14, 10)
        _judge(judgement, when=when, by=scrutineer)


def seed_action_plan(partnership, agencies, recommendations, evidence, lead, story: Story, content: DemoContent):
    fallback = next(iter(agencies.values()))
    for spec in content.actions:
        owner = agencies.get(spec.owner_agency_type, fallback)
        item = partnership.actions.filter(description=spec.description).order_by("pk").first() or ActionItem(
            partnership=partnership, description=spec.description
        )
        item.owner_agency, item.lead_name, item.status = owner, spec.lead_name, spec.status
        item.impact_evidenced = spec.impact_evidenced
        item.start_date, item.due_date = story.in_days(spec.start_in_days), story.in_days(spec.due_in_days)
        item.created_by = lead
        # Put on the plan the week before work on it starts.
        created = story.at(item.start_date - datetime.timedelta(days=7), 10, 0)
        contributors = [agencies[t] for t in spec.contributing_agency_types if t in agencies and agencies[t] != owner]
        # Impact is evidenced only by evidence graded as showing it (partnerships.actions).
        shown = [e for e in evidence.values() if e.strength == Evidence.Strength.IMPACT][:1]
        _save(
            item,
            when=created,
            by=lead,
            stamps={"created_at": created, "updated_at": created},
            recommendations=[recommendations[code] for code in spec.recommendations],
            contributing_agencies=contributors,
            impact_evidence=shown if spec.impact_evidenced else [],
        )
        saved = _seed_updates(item, spec.updates, lead, story)
        _stamp(item, updated_at=max([created, *saved]))


def _seed_updates(item, updates: Iterable[UpdateSpec], lead, story: Story) -> list[datetime.datetime]:
    """The item's progress updates, oldest first; returns the moments they were saved."""
    moments = []
    previous = ActionItem.Status.NOT_STARTED
    for spec in sorted(updates, key=lambda update: -update.days_ago):
        author = (_contributor_for(item.partnership, item.owner_agency) if spec.by == "contributor" else None) or lead
        date = story.days_ago(spec.days_ago)
        saved = story.at(date, 16, 30)
        update = item.updates.filter(note=spec.note).order_by("pk").first() or ProgressUpdate(item=item, note=spec.note)
        update.date, update.author = date, author
        update.status_from, update.status_to = (previous, spec.status) if spec.status else ("", "")
        update.save()
        _stamp(update, created_at=saved)
        previous = spec.status or previous
        moments.append(saved)
    return moments


STATUS_AFTER = {"response": Challenge.Status.RESPONDED, "accepted": Challenge.Status.ACCEPTED}


def _member(partnership, role):
    membership = partnership.memberships.filter(role=role).select_related("user").order_by("pk").first()
    return membership.user if membership else None


def _contributor_for(partnership, agency):
    membership = partnership.memberships.filter(role=Membership.Role.CONTRIBUTOR, agency=agency).first()
    return membership.user if membership else None


def seed_audit_rounds(partnership, agencies, recommendations, people: dict, story: Story, content: DemoContent):
    """The partnership's multi-agency case audits: made afresh on each seeding (a round of the same title goes),
    each agency's return submitted a few days before the due date, moderated a week after it."""
    contributors = {
        membership.agency.type: membership.user
        for membership in partnership.memberships.filter(role=Membership.Role.CONTRIBUTOR).select_related("agency")
    }
    lead, scrutineer = people["lead"], people["scrutineer"]
    for number, spec in enumerate(content.audit_rounds):
        for earlier in partnership.audit_rounds.filter(title=spec.title):
            _remove_round(earlier)
        tool = AuditTool.objects.get(framework=partnership.framework, code=spec.tool)
        domains = list(tool.domains.all())
        grades = {grade.code: grade for grade in tool.grades.all()}
        due = story.in_days(spec.returns_due_in_days)
        created = story.at(story.days_ago(spec.cases_to_days_ago - 20), 9, 15 + number)
        published = story.at(due + datetime.timedelta(days=21), 16, 0) if spec.published else None
        audit_round = AuditRound(
            partnership=partnership,
            tool=tool,
            title=spec.title,
            theme=spec.theme,
            period_start=story.days_ago(spec.cases_from_days_ago),
            period_end=story.days_ago(spec.cases_to_days_ago),
            due_date=due,
            created_by=lead,
            published_at=published,
            published_by=scrutineer if published else None,
        )
        taking_part = [agencies[agency_type] for agency_type in spec.agency_types]
        _save(audit_round, when=created, by=lead, stamps={"created_at": created}, agencies=taking_part)
        for case_spec in spec.cases:
            _seed_audit_case(
                audit_round, case_spec, domains, grades, recommendations, contributors, people, story, created
            )
        for finding_spec in spec.findings:
            finding = Finding(round=audit_round, kind=finding_spec.kind, text=finding_spec.text, created_by=scrutineer)
            moderated = story.at(due + datetime.timedelta(days=7), 15, 0)
            _save(
                finding,
                when=moderated,
                by=scrutineer,
                stamps={"created_at": moderated},
                recommendations=[recommendations[code] for code in finding_spec.recommendations],
            )


def _remove_round(audit_round):
    """A round of an earlier seeding goes, with its history: the story is told afresh from the new day."""
    cases = AuditCase.objects.filter(round=audit_round)
    returns = AgencyReturn.objects.filter(case__in=cases)
    owned = {
        AuditRound: [audit_round.pk],
        AuditCase: list(cases.values_list("pk", flat=True)),
        AgencyReturn: list(returns.values_list("pk", flat=True)),
        ReturnGrade: list(ReturnGrade.objects.filter(agency_return__in=returns).values_list("pk", flat=True)),
        AgreedGrade: list(AgreedGrade.objects.filter(case__in=cases).values_list("pk", flat=True)),
        Finding: list(audit_round.findings.values_list("pk", flat=True)),
    }
    audit_round.delete()
    _forget_history(owned)


def _forget_history(owned: dict) -> None:
    """Delete the history of records just deleted (model: their pks), with the history of their links."""
    for model, pks in owned.items():
        records = model.history.filter(id__in=pks)
        for link in records.model._meta.related_objects:  # the history of its many-to-many links
            link.related_model.objects.filter(**{f"{link.field.name}__in": records}).delete()
        records.delete()


def _seed_audit_case(
    audit_round, spec: AuditCaseSpec, domains, grades, recommendations, contributors, people, story, created
):
    lead, scrutineer = people["lead"], people["scrutineer"]
    agreed = {domain.code: "good" for domain in domains} | dict(_split_grade(text) for text in spec.agreed)
    own = {}
    for text in spec.agency_grades:
        agency_type, _, graded = text.partition(",")
        domain, grade = _split_grade(graded)
        own.setdefault(agency_type, {})[domain] = grade
    audit_case = AuditCase(round=audit_round, reference=spec.reference, age_band=spec.age_band, created_by=lead)
    involved = list(audit_round.agencies.all())
    _save(
        audit_case,
        when=created,
        by=lead,
        stamps={"created_at": created},
        agencies=involved,
        recommendations=[recommendations[code] for code in spec.recommendations],
    )
    # Returns come in a few days before they are due, or yesterday for a round still open.
    submitted_on = story.at(min(audit_round.due_date - datetime.timedelta(days=3), story.days_ago(1)), 14, 0)
    for agency in involved:
        by = contributors.get(agency.type, lead)
        done = agency.type not in spec.outstanding
        agency_return = AgencyReturn(
            case=audit_case,
            agency=agency,
            status=AgencyReturn.Status.SUBMITTED if done else AgencyReturn.Status.DRAFT,
            strengths="Information was shared promptly once the concern was raised.",
            concerns="The records do not show what the child said in their own words.",
            learning="Record the child's own words and what was done with them.",
            submitted_at=submitted_on if done else None,
            submitted_by=by if done else None,
            updated_by=by,
        )
        _save(agency_return, when=submitted_on, by=by, stamps={"updated_at": submitted_on})
        graded = agreed | own.get(agency.type, {})
        rows = []
        for position, domain in enumerate(domains):
            # A return in progress has its first domains graded only.
            grade = grades[graded[domain.code]] if done or position < 3 else None
            rationale = "Seen in the agency's records and discussed with the practitioner." if grade else ""
            rows.append(ReturnGrade(agency_return=agency_return, domain=domain, grade=grade, rationale=rationale))
        _save_all(rows, when=submitted_on, by=by)
    if spec.outstanding:
        return
    moderated = Story.at(audit_round.due_date + datetime.timedelta(days=7), 12, 0)
    rows = []
    for domain in domains:
        differs = any(
            own.get(agency.type, {}).get(domain.code, agreed[domain.code]) != agreed[domain.code] for agency in involved
        )
        reason = "The records seen at the meeting did not bear out the agency's own grade." if differs else ""
        rows.append(
            AgreedGrade(
                case=audit_case, domain=domain, grade=grades[agreed[domain.code]], reason=reason, recorded_by=scrutineer
            )
        )
    _save_all(rows, when=moderated, by=scrutineer)
    audit_case.moderated_at, audit_case.moderated_by = moderated, scrutineer
    audit_case.save(update_fields=["moderated_at", "moderated_by"])


def _split_grade(text: str) -> tuple[str, str]:
    domain, _, grade = (part.strip() for part in text.partition(":"))
    return domain, grade


def seed_survey_rounds(partnership, agencies, people: dict, story: Story, content: DemoContent):
    """The partnership's anonymous practitioner surveys, made afresh on each seeding: a link for each agency
    given one, and the answers, which keep nothing of who gave them."""
    lead, scrutineer = people["lead"], people["scrutineer"]
    for spec in content.survey_rounds:
        for earlier in partnership.survey_rounds.filter(title=spec.title):
            _forget_survey_round(earlier)
        template = SurveyTemplate.objects.get(framework=partnership.framework, code=spec.template)
        closes = story.days_ago(spec.closed_days_ago)
        opened = story.at(story.days_ago(spec.opened_days_ago + 7), 9, 45)
        published = story.at(closes + datetime.timedelta(days=10), 11, 0) if spec.published else None
        survey_round = SurveyRound(
            partnership=partnership,
            template=template,
            title=spec.title,
            opens_on=story.days_ago(spec.opened_days_ago),
            closes_on=closes,
            created_by=lead,
            published_at=published,
            published_by=scrutineer if published else None,
        )
        taking_part = [agencies[agency_type] for agency_type in spec.agency_types if agency_type in agencies]
        _save(survey_round, when=opened, by=lead, stamps={"created_at": opened}, agencies=taking_part)
        for agency in taking_part:
            link = SurveyLink(round=survey_round, agency=agency, token=secrets.token_urlsafe(32), created_by=lead)
            _save(link, when=opened, by=lead, stamps={"created_at": opened})
        areas = list(template.areas.all())
        responses = {
            group.agency_type: [
                _seed_survey_answer(survey_round, group, areas, number, len(template.confidence_scale))
                for number in range(group.answers)
            ]
            for group in spec.groups
        }
        questions = {question.code: question for question in template.questions.all()}
        texts = []
        for number, text in enumerate(spec.texts):
            # Each free-text answer is a different person's of its agency type.
            written = sum(1 for earlier in spec.texts[:number] if earlier.agency_type == text.agency_type)
            response = responses[text.agency_type][written]
            texts.append(TextAnswer(response=response, question=questions[text.question], text=text.text))
        TextAnswer.objects.bulk_create(texts)  # as answers are kept: with no history, which would date them


def _seed_survey_answer(survey_round, group: SurveyGroupSpec, areas, number: int, points: int) -> SurveyResponse:
    response = SurveyResponse.objects.create(
        round=survey_round, agency_type=group.agency_type, role_band=group.role_bands[number % len(group.role_bands)]
    )
    spread = (0, 1, -1, 0, 1)[number % 5]
    AreaAnswer.objects.bulk_create(
        AreaAnswer(
            response=response,
            area=area,
            confidence=min(points, max(1, group.confidence[position] + spread)),
            trained=number < group.trained[position],
        )
        for position, area in enumerate(areas)
    )
    return response


def _forget_survey_round(survey_round):
    owned = {
        SurveyRound: [survey_round.pk],
        SurveyLink: list(survey_round.links.values_list("pk", flat=True)),
        TextAnswer: list(TextAnswer.objects.filter(response__round=survey_round).values_list("pk", flat=True)),
    }
    survey_round.delete()
    _forget_history(owned)
