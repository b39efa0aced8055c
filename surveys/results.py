"""A survey round's results, and the ONE place where it is decided what of them may be shown.

Every reader of a round's figures goes through `results_of` (or `round_results`): the results page, its CSV
export, the recommendation page, the report, the evidence a round becomes and the values it feeds to
indicators. Nothing else counts answers, so nothing else can show what this module suppresses.

What is counted
- Answers by agency type (and by role band): how many people answered.
- Per area of the template, for each group shown and for everyone: how many answered at each of the five points
  of the confidence scale, how many are confident (a point at or above the template's `confident_from`), and how
  many were trained in it in the last two years; shares as "n of m (p%)".

Small numbers (MINIMUM_GROUP = 5)
- Results are shown only once the round has closed (on its date, or closed early): figures of a round still
  taking answers would change one answer at a time, and two looks a day apart would give one person's answer.
- If fewer than 5 people answered in all, nothing but that fact is shown.
- No group of fewer than 5 answers is shown on its own. Agency types with fewer than 5 answers are folded into
  one group, "Other agencies (combined)", and the page says of each that it was not shown, to protect anonymity.
- Secondary disclosure: the overall figures minus the groups shown give the combined group's figures, so the
  combined group must itself have 5 or more answers. While it has between 1 and 4, the smallest agency type
  still shown on its own is folded into it too (and the page says why), until it reaches 5. As everyone who
  answered numbers 5 or more, this always ends; when every type is folded in, only the overall figures are
  shown. So every figure shown, and every difference between figures shown, is about 5 people or more.
  Role bands follow the same rule ("Other roles (combined)"); role bands are never crossed with agency types.
- An area's figures for a group are shown only if 5 or more of that group answered the area (each answer
  answers every area, so this is belt and braces).
- Free text: an answer from an agency type with fewer than 5 answers in the round is withheld entirely (not
  shown, not exported, not counted by type); each answer shown carries its agency type only (never its role
  band); answers a scrutineer withheld are not shown, only counted.

Reading is a fixed number of queries whatever the number of answers (and of rounds, for `results_of`).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Q
from django.utils import timezone

from recommendations.models import AgencyType, ReflectiveQuestion
from surveys.models import (
    MINIMUM_GROUP,
    AreaAnswer,
    SurveyArea,
    SurveyResponse,
    SurveyRound,
    SurveyTemplate,
    TextAnswer,
)

COMBINED_AGENCIES = "Other agencies (combined)"
COMBINED_ROLES = "Other roles (combined)"
EVERYONE = "Everyone who answered"
TOO_FEW = f"Fewer than {MINIMUM_GROUP} answers: not shown, to protect anonymity"
NOT_CLOSED = "The results are shown once the round has closed."


def share_words(n: int, of: int) -> str:
    """ "14 of 25 (56%)"; "None answered" when `of` is 0."""
    if not of:
        return "None answered"
    return f"{n} of {of} ({round(Fraction(100 * n, of))}%)"


def percent(n: int, of: int) -> Fraction | None:
    return Fraction(100 * n, of) if of else None


def closed_filter(today=None) -> Q:
    """Rounds that have closed: early, or their closing day is past."""
    today = today or timezone.localdate()
    return Q(closed_at__isnull=False) | Q(closes_on__lt=today)


# ---------------------------------------------------------------- groups and their folding


@dataclass(frozen=True)
class Group:
    label: str
    answers: int
    codes: tuple  # the agency types (or role bands) counted in it
    combined: bool = False


@dataclass(frozen=True)
class Grouping:
    """Who is shown on their own, who is folded into the combined group, and why."""

    shown: list[Group]  # each 5 or more, in the list's order
    combined: Group | None  # 5 or more, or None; None also when everyone is folded in (the overall says it all)
    too_few: list[str]  # labels of those with 1 to 4 answers
    folded_to_protect: list[str]  # labels of those with 5 or more folded in so the combined group reaches 5

    @property
    def groups(self) -> list[Group]:
        return [*self.shown, *([self.combined] if self.combined else [])]


def fold(counts: dict, order: list[tuple[str, str]], combined_label: str) -> Grouping:
    """Group `counts` ({code: answers}) by the module's rule; `order` is [(code, label)] in display order."""
    labels = dict(order)
    present = {code: n for code, n in counts.items() if n}
    total = sum(present.values())
    position = {code: index for index, (code, _) in enumerate(order)}
    too_few = sorted((code for code, n in present.items() if n < MINIMUM_GROUP), key=lambda c: position.get(c, 99))
    if total < MINIMUM_GROUP:
        return Grouping([], None, [labels.get(code, code) for code in too_few], [])
    # The smallest first (ties: the later in the list), so the fewest people are hidden to protect the rest.
    rest = sorted(
        (code for code, n in present.items() if n >= MINIMUM_GROUP), key=lambda c: (present[c], -position.get(c, 99))
    )
    folded, pool, protecting = list(too_few), sum(present[code] for code in too_few), []
    while 0 < pool < MINIMUM_GROUP:
        code = rest.pop(0)
        folded.append(code)
        protecting.append(code)
        pool += present[code]
    shown = [Group(labels.get(code, code), present[code], (code,)) for code in sorted(rest, key=position.get)]
    combined = None
    if folded and shown:
        combined = Group(combined_label, pool, tuple(sorted(folded, key=lambda c: position.get(c, 99))), True)
    return Grouping(
        shown,
        combined,
        [labels.get(code, code) for code in too_few],
        [labels.get(code, code) for code in sorted(protecting, key=position.get)],
    )


# ---------------------------------------------------------------- the figures


@dataclass(frozen=True)
class Figures:
    """One group's answers to one area; `counts` is None when the group is too small to show."""

    group: Group
    counts: list[int] | None  # answers at each point, least confident first
    trained: int
    confident_from: int

    @property
    def suppressed(self) -> bool:
        return self.counts is None

    @property
    def answered(self) -> int:
        return sum(self.counts) if self.counts else 0

    @property
    def confident(self) -> int:
        return sum(self.counts[self.confident_from - 1 :]) if self.counts else 0

    @property
    def confident_words(self) -> str:
        return TOO_FEW if self.suppressed else share_words(self.confident, self.answered)

    @property
    def trained_words(self) -> str:
        return TOO_FEW if self.suppressed else share_words(self.trained, self.answered)

    @property
    def confident_percent(self) -> Fraction | None:
        return None if self.suppressed else percent(self.confident, self.answered)

    @property
    def trained_percent(self) -> Fraction | None:
        return None if self.suppressed else percent(self.trained, self.answered)


@dataclass(frozen=True)
class AreaResult:
    area: SurveyArea
    groups: list[Figures]  # the groups shown (agency types, then the combined group)
    overall: Figures

    @property
    def rows(self) -> list[Figures]:
        """The groups, then everyone."""
        return [*self.groups, self.overall]


@dataclass(frozen=True)
class ShownAnswer:
    pk: int
    agency_type: str  # its label
    text: str


@dataclass(frozen=True)
class QuestionAnswers:
    question: ReflectiveQuestion
    answers: list[ShownAnswer]
    withheld: int  # by a scrutineer
    from_small_groups: int  # from agency types of fewer than 5 answers


@dataclass
class RoundResults:
    round: SurveyRound
    total: int  # everyone who answered
    closed: bool
    agencies: Grouping
    roles: Grouping
    areas: list[AreaResult] = field(default_factory=list)
    questions: list[QuestionAnswers] = field(default_factory=list)
    scale: list[tuple[int, str]] = field(default_factory=list)
    type_counts: dict = field(default_factory=dict, repr=False)  # raw: for this module's decisions only

    @property
    def shown(self) -> bool:
        """Whether any figure may be shown: closed, and 5 or more answers in all."""
        return self.closed and self.total >= MINIMUM_GROUP

    @property
    def withheld_reason(self) -> str:
        """Why nothing is shown, in words; "" when the figures are shown."""
        if not self.closed:
            return NOT_CLOSED
        if self.total < MINIMUM_GROUP:
            return f"Fewer than {MINIMUM_GROUP} people answered: no figure is shown, to protect anonymity."
        return ""

    @property
    def confident_words(self) -> str:
        """What counts as confident: "Confident or Very confident"."""
        points = [words for point, words in self.scale if point >= self.round.template.confident_from]
        return " or ".join(points)

    def only(self, area_pks) -> "RoundResults":
        """The same results for some areas (those linked to a recommendation), in their order, without text."""
        wanted = set(area_pks)
        return RoundResults(
            self.round,
            self.total,
            self.closed,
            self.agencies,
            self.roles,
            [row for row in self.areas if row.area.pk in wanted],
            [],
            self.scale,
            self.type_counts,
        )


def _figures(group: Group, cells: dict, area_pk: int, confident_from: int) -> Figures:
    counts, trained = [0] * 5, 0
    for code in group.codes:
        for point in range(1, 6):
            counts[point - 1] += cells.get((area_pk, code, point, False), 0) + cells.get(
                (area_pk, code, point, True), 0
            )
            trained += cells.get((area_pk, code, point, True), 0)
    if sum(counts) < MINIMUM_GROUP:
        return Figures(group, None, 0, confident_from)
    return Figures(group, counts, trained, confident_from)


def results_of(rounds, *, with_text: bool = False, today=None) -> dict[int, RoundResults]:
    """{round pk: RoundResults} for `rounds` (each with its template selected), suppressed by the module's rule:
    four queries however many rounds and answers (two more `with_text`)."""
    rounds = list(rounds)
    if not rounds:
        return {}
    today = today or timezone.localdate()
    round_ids = [r.pk for r in rounds]
    types = defaultdict(dict)
    roles = defaultdict(dict)
    for round_id, agency_type, role_band, n in (
        SurveyResponse.objects.filter(round_id__in=round_ids)
        .values_list("round_id", "agency_type", "role_band")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        types[round_id][agency_type] = types[round_id].get(agency_type, 0) + n
        roles[round_id][role_band] = roles[round_id].get(role_band, 0) + n
    areas = defaultdict(list)
    for area in SurveyArea.objects.filter(template_id__in={r.template_id for r in rounds}).order_by("position"):
        areas[area.template_id].append(area)
    cells = defaultdict(dict)  # {round pk: {(area pk, agency type, point, trained): n}}
    for round_id, area_id, agency_type, point, trained, n in (
        AreaAnswer.objects.filter(response__round_id__in=round_ids)
        .values_list("response__round_id", "area_id", "response__agency_type", "confidence", "trained")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        cells[round_id][area_id, agency_type, point, trained] = n
    found = {}
    for survey_round in rounds:
        template = survey_round.template
        counts = types[survey_round.pk]
        closed = survey_round.closed_at is not None or survey_round.closes_on < today
        agencies = fold(counts, list(AgencyType.choices), COMBINED_AGENCIES)
        results = RoundResults(
            survey_round,
            sum(counts.values()),
            closed,
            agencies,
            fold(roles[survey_round.pk], template.role_band_choices, COMBINED_ROLES),
            scale=template.scale,
            type_counts=dict(counts),
        )
        if results.shown:
            everyone = Group(EVERYONE, results.total, tuple(counts))
            results.areas = [
                AreaResult(
                    area,
                    [_figures(g, cells[survey_round.pk], area.pk, template.confident_from) for g in agencies.groups],
                    _figures(everyone, cells[survey_round.pk], area.pk, template.confident_from),
                )
                for area in areas[template.pk]
            ]
        found[survey_round.pk] = results
    if with_text:
        _add_text([found[pk] for pk in round_ids])
    return found


def _add_text(found: list[RoundResults]) -> None:
    """The free text each round may show (see the module's docstring): two queries."""
    shown_rounds = [results for results in found if results.shown]
    if not shown_rounds:
        return
    labels = dict(AgencyType.choices)
    large = Q()
    for results in shown_rounds:
        big_types = [code for code, n in results.type_counts.items() if n >= MINIMUM_GROUP]
        large |= Q(response__round_id=results.round.pk, response__agency_type__in=big_types)
    texts = (
        TextAnswer.objects.filter(response__round_id__in=[r.round.pk for r in shown_rounds])
        .values_list("pk", "response__round_id", "question_id", "response__agency_type", "text")
        .filter(large, withheld_at__isnull=True)
        .order_by("question__position", "pk")
    )
    by_question = defaultdict(list)
    for pk, round_id, question_id, agency_type, text in texts:
        by_question[round_id, question_id].append(ShownAnswer(pk, labels.get(agency_type, agency_type), text))
    hidden = {
        (row["response__round_id"], row["question_id"]): row
        for row in TextAnswer.objects.filter(response__round_id__in=[r.round.pk for r in shown_rounds])
        .values("response__round_id", "question_id")
        .annotate(
            withheld=Count("pk", filter=Q(withheld_at__isnull=False)),
            small=Count("pk", filter=Q(withheld_at__isnull=True) & ~large),
        )
        .order_by()
    }
    questions = defaultdict(list)
    through = SurveyTemplate.questions.through.objects.filter(
        surveytemplate_id__in={r.round.template_id for r in shown_rounds}
    ).select_related("reflectivequestion")
    for link in through:
        questions[link.surveytemplate_id].append(link.reflectivequestion)
    for results in shown_rounds:
        ordered = sorted(questions[results.round.template_id], key=lambda q: (q.position, q.pk))
        results.questions = [
            QuestionAnswers(
                question,
                by_question[results.round.pk, question.pk],
                hidden.get((results.round.pk, question.pk), {}).get("withheld", 0),
                hidden.get((results.round.pk, question.pk), {}).get("small", 0),
            )
            for question in ordered
        ]


def round_results(survey_round: SurveyRound, *, with_text: bool = False) -> RoundResults:
    return results_of([survey_round], with_text=with_text)[survey_round.pk]


# ---------------------------------------------------------------- recommendations


def _rounds_with_answers(partnership, *, published_only: bool):
    rounds = (
        SurveyRound.objects.filter(closed_filter(), partnership=partnership, responses__isnull=False)
        .select_related("template", "partnership")
        .distinct()
        .order_by("-closes_on", "-pk")
    )
    return rounds.filter(published_at__isnull=False) if published_only else rounds


def latest_for_recommendation(partnership, recommendation, *, published_only: bool) -> RoundResults | None:
    """The latest closed round with answers whose template has an area linked to `recommendation` (published
    only, unless told), with the results of those areas only; six queries."""
    latest = (
        _rounds_with_answers(partnership, published_only=published_only)
        .filter(template__areas__recommendations=recommendation)
        .first()
    )
    if latest is None:
        return None
    linked = SurveyArea.objects.filter(template_id=latest.template_id, recommendations=recommendation)
    return round_results(latest).only(linked.values_list("pk", flat=True))


def for_report(partnership, recommendations) -> dict:
    """{recommendation pk: RoundResults of its linked areas} of each recommendation's latest published round:
    six queries whatever the rounds, answers and recommendations (the rounds, the areas' links, results_of's four)."""
    rounds = list(_rounds_with_answers(partnership, published_only=True))
    if not rounds:
        return {}
    linked = defaultdict(set)  # {(template pk, recommendation pk): {area pk}}
    for template_id, area_id, recommendation_id in SurveyArea.recommendations.through.objects.filter(
        surveyarea__template_id__in={r.template_id for r in rounds}, recommendation__in=recommendations
    ).values_list("surveyarea__template_id", "surveyarea_id", "recommendation_id"):
        linked[template_id, recommendation_id].add(area_id)
    chosen = {}
    for recommendation in recommendations:
        found = next((r for r in rounds if linked[r.template_id, recommendation.pk]), None)
        if found is not None:
            chosen[recommendation.pk] = found
    results = results_of({r.pk: r for r in chosen.values()}.values())
    return {pk: results[found.pk].only(linked[found.template_id, pk]) for pk, found in chosen.items()}
