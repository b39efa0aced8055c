"""A round's results, defined once for the results page, the recommendation page and the report.

- A round's results: per domain of its tool, how many MODERATED cases the meeting agreed at each grade of the
  scale (AgreedGrade), how many cases are not moderated yet, and the share meeting the standard (the grades
  with `meets_standard`) as "n of m".
- The gap between agencies' own grades and the agreed ones: per agency, across its SUBMITTED returns on
  moderated cases, how many domain grades were more favourable than agreed (a smaller position is better),
  the same, or less favourable; per domain too.
- A re-audit's comparison: the earlier round is the same partnership's latest other round on the SAME tool
  whose cases end before this round's (ties: the later created) and that has a moderated case; for those who
  do not run audits, a published one. Per domain: the share meeting the standard then and now, and a word.
- The latest round for a recommendation: the partnership's round with the latest period that has moderated
  cases and whose tool has a domain linked to the recommendation; published only, unless the reader runs
  audits. The report reads published rounds only, whoever asks for it (it is a board paper).

Every function reads a fixed number of queries, whatever the number of rounds, cases and returns.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, F, OuterRef, Q, Subquery

from case_audits.models import AgencyReturn, AgreedGrade, AuditCase, AuditRound, Domain, Grade, ReturnGrade

WEAKEST = 3  # the domains the board summary names


def period_words(audit_round) -> str:
    """The months a round's cases come from: "April 2025 to September 2025", or one month."""
    start, end = audit_round.period_start.strftime("%B %Y"), audit_round.period_end.strftime("%B %Y")
    return start if start == end else f"{start} to {end}"


def standard_words(grades) -> str:
    """What meeting the standard means on this scale: "good or better" when the grades that meet it are the
    best ones, else "meeting the standard"."""
    meeting = [grade for grade in grades if grade.meets_standard]
    if meeting and meeting == list(grades)[: len(meeting)]:
        lowest = meeting[-1].label.lower()
        return lowest if len(meeting) == 1 else f"{lowest} or better"
    return "meeting the standard"


def n_of_m(n: int, m: int) -> str:
    return f"{n} of {m}"


@dataclass
class DomainResult:
    domain: Domain
    grades: list  # the tool's scale, best first
    counts: list[int]  # moderated cases agreed at each grade, in the scale's order
    not_moderated: int  # cases of the round with no agreed grade for this domain yet

    @property
    def moderated(self) -> int:
        return sum(self.counts)

    @property
    def meeting(self) -> int:
        return sum(n for grade, n in zip(self.grades, self.counts, strict=True) if grade.meets_standard)

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.meeting, self.moderated) if self.moderated else None

    @property
    def share_words(self) -> str:
        """ "3 of 5", or "No case moderated"."""
        return n_of_m(self.meeting, self.moderated) if self.moderated else "No case moderated"

    @property
    def worst(self) -> int:
        """Moderated cases at the scale's lowest grade (inadequate)."""
        return self.counts[-1] if self.counts else 0

    @property
    def cells(self) -> list[tuple]:
        return list(zip(self.grades, self.counts, strict=True))


@dataclass
class RoundResults:
    round: AuditRound
    grades: list
    domains: list[DomainResult]
    cases: int  # in the round's sample
    moderated_cases: int

    @property
    def not_moderated_cases(self) -> int:
        return self.cases - self.moderated_cases

    @property
    def standard(self) -> str:
        return standard_words(self.grades)

    @property
    def period(self) -> str:
        return period_words(self.round)

    def only(self, domain_pks) -> "RoundResults":
        """The same results for some of the domains (those linked to a recommendation), in their order."""
        wanted = set(domain_pks)
        return RoundResults(
            self.round,
            self.grades,
            [row for row in self.domains if row.domain.pk in wanted],
            self.cases,
            self.moderated_cases,
        )

    def weakest(self, limit: int = WEAKEST) -> list[DomainResult]:
        """The domains with the lowest share meeting the standard (ties: more at the lowest grade first, then
        the domain's position); domains with no moderated case are left out."""
        graded = [row for row in self.domains if row.moderated]
        return sorted(graded, key=lambda row: (row.share, -row.worst, row.domain.position))[:limit]

    def weakest_words(self, limit: int = WEAKEST) -> str:
        """ "Weakest in the audit of April 2025 to September 2025: The child's voice, 1 of 5 cases good or
        better; ..." or "" when nothing is moderated."""
        weakest = self.weakest(limit)
        if not weakest:
            return ""
        named = "; ".join(f"{row.domain.name}, {row.share_words} cases {self.standard}" for row in weakest)
        return f"Weakest in the audit of {self.period}: {named}."


def results_of(rounds) -> dict[int, RoundResults]:
    """{round pk: RoundResults} for `rounds` (each with its tool), in four queries however many rounds,
    cases and grades."""
    rounds = list(rounds)
    if not rounds:
        return {}
    tool_ids = {r.tool_id for r in rounds}
    round_ids = [r.pk for r in rounds]
    grades = defaultdict(list)
    for grade in Grade.objects.filter(tool_id__in=tool_ids).order_by("tool_id", "position"):
        grades[grade.tool_id].append(grade)
    domains = defaultdict(list)
    for domain in Domain.objects.filter(tool_id__in=tool_ids).order_by("tool_id", "position"):
        domains[domain.tool_id].append(domain)
    case_counts = {
        row["round_id"]: row
        for row in AuditCase.objects.filter(round_id__in=round_ids)
        .values("round_id")
        .annotate(total=Count("pk"), moderated=Count("pk", filter=Q(moderated_at__isnull=False)))
        .order_by()
    }
    agreed = defaultdict(int)
    for round_id, domain_id, grade_id, n in (
        AgreedGrade.objects.filter(case__round_id__in=round_ids, case__moderated_at__isnull=False)
        .values_list("case__round_id", "domain_id", "grade_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        agreed[round_id, domain_id, grade_id] = n
    found = {}
    for audit_round in rounds:
        scale = grades[audit_round.tool_id]
        counted = case_counts.get(audit_round.pk, {"total": 0, "moderated": 0})
        rows = []
        for domain in domains[audit_round.tool_id]:
            counts = [agreed[audit_round.pk, domain.pk, grade.pk] for grade in scale]
            rows.append(DomainResult(domain, scale, counts, counted["total"] - sum(counts)))
        found[audit_round.pk] = RoundResults(audit_round, scale, rows, counted["total"], counted["moderated"])
    return found


def round_results(audit_round) -> RoundResults:
    return results_of([audit_round])[audit_round.pk]


# ---------------------------------------------------------------- agencies against the agreed grades


@dataclass
class Gap:
    """How one agency's (or one domain's) own grades compared with the agreed ones."""

    name: str
    more_favourable: int = 0
    same: int = 0
    less_favourable: int = 0

    @property
    def compared(self) -> int:
        return self.more_favourable + self.same + self.less_favourable

    @property
    def words(self) -> str:
        """ "Northmere Health graded itself more favourably than the agreed grade in 5 of 18 domain grades.\""""
        if not self.compared:
            return f"{self.name}: no submitted grade on a moderated case to compare."
        parts = [f"more favourably than the agreed grade in {n_of_m(self.more_favourable, self.compared)}"]
        if self.less_favourable:
            parts.append(f"less favourably in {self.less_favourable}")
        parts.append(f"the same in {self.same}")
        grades = "domain grade" if self.compared == 1 else "domain grades"
        return f"{self.name} graded itself {_listed(parts)} {grades}."

    def add(self, more: int, same: int, less: int) -> None:
        self.more_favourable += more
        self.same += same
        self.less_favourable += less


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@dataclass
class Gaps:
    by_agency: list[Gap] = field(default_factory=list)
    # {agency name: {domain pk: Gap}}, for the table of domains by agency
    by_agency_and_domain: dict = field(default_factory=dict)
    by_domain: list[tuple] = field(default_factory=list)  # (Domain, Gap of every agency)

    @property
    def compared(self) -> int:
        return sum(gap.compared for gap in self.by_agency)


def agency_gaps(results: RoundResults) -> Gaps:
    """The gap between each agency's submitted grades on moderated cases and the agreed ones, in one query."""
    agreed_position = AgreedGrade.objects.filter(
        case_id=OuterRef("agency_return__case_id"), domain_id=OuterRef("domain_id")
    ).values("grade__position")[:1]
    rows = (
        ReturnGrade.objects.filter(
            agency_return__case__round=results.round,
            agency_return__case__moderated_at__isnull=False,
            agency_return__status=AgencyReturn.Status.SUBMITTED,
            grade__isnull=False,
        )
        .annotate(agreed_position=Subquery(agreed_position))
        .filter(agreed_position__isnull=False)
        .values("agency_return__agency__name", "domain_id")
        .annotate(
            more=Count("pk", filter=Q(grade__position__lt=F("agreed_position"))),
            same=Count("pk", filter=Q(grade__position=F("agreed_position"))),
            less=Count("pk", filter=Q(grade__position__gt=F("agreed_position"))),
        )
        .order_by("agency_return__agency__name", "domain_id")
    )
    domains = {row.domain.pk: row.domain for row in results.domains}
    by_agency, by_cell, by_domain = {}, defaultdict(dict), {pk: Gap(domain.name) for pk, domain in domains.items()}
    for row in rows:
        name, domain_id = row["agency_return__agency__name"], row["domain_id"]
        counts = row["more"], row["same"], row["less"]
        by_agency.setdefault(name, Gap(name)).add(*counts)
        by_cell[name].setdefault(domain_id, Gap(domains[domain_id].name)).add(*counts)
        by_domain[domain_id].add(*counts)
    return Gaps(
        by_agency=list(by_agency.values()),
        by_agency_and_domain=dict(by_cell),
        by_domain=[(domain, by_domain[pk]) for pk, domain in domains.items()],
    )


# ---------------------------------------------------------------- a re-audit against the round before


BETTER, WORSE, NO_CHANGE = "Better", "Worse", "No change"


@dataclass
class DomainComparison:
    domain: Domain
    then: DomainResult
    now: DomainResult

    @property
    def word(self) -> str:
        """Better, worse or no change, by the share meeting the standard; "" when either round has no
        moderated case for the domain."""
        if self.then.share is None or self.now.share is None:
            return ""
        if self.now.share > self.then.share:
            return BETTER
        return WORSE if self.now.share < self.then.share else NO_CHANGE

    @property
    def missing_words(self) -> str:
        """Which round has no moderated case for the domain, in words."""
        missing = [
            when for when, row in (("the earlier round", self.then), ("this round", self.now)) if not row.moderated
        ]
        return f"No moderated case in {' or '.join(missing)}: not compared." if missing else ""


@dataclass
class Comparison:
    earlier: RoundResults
    now: RoundResults
    domains: list[DomainComparison]

    def count(self, word: str) -> int:
        return sum(1 for row in self.domains if row.word == word)

    @property
    def words(self) -> str:
        """ "Against the audit of April 2024 to September 2024: better in 2 domains, worse in 1, no change in 6.\""""
        counted = [(BETTER, self.count(BETTER)), (WORSE, self.count(WORSE)), (NO_CHANGE, self.count(NO_CHANGE))]
        parts = [f"{word.lower()} in {n}" for word, n in counted if n]
        uncompared = sum(1 for row in self.domains if not row.word)
        if uncompared:
            parts.append(f"not compared in {uncompared}")
        domains = "domain" if len(self.domains) == 1 else "domains"
        return f"Against the audit of {self.earlier.period}, of {len(self.domains)} {domains}: {_listed(parts)}."


def earlier_round(audit_round, membership) -> AuditRound | None:
    """The round a re-audit is compared with (see the module's docstring), or None; one query."""
    earlier = (
        AuditRound.objects.filter(
            partnership_id=audit_round.partnership_id,
            tool_id=audit_round.tool_id,
            period_end__lt=audit_round.period_end,
            cases__moderated_at__isnull=False,
        )
        .exclude(pk=audit_round.pk)
        .select_related("tool")
        .distinct()
        .order_by("-period_end", "-pk")
    )
    if not membership.can_run_audits:
        earlier = earlier.filter(published_at__isnull=False)
    return earlier.first()


def compare(earlier: RoundResults, now: RoundResults) -> Comparison:
    """Domain by domain, two rounds' results on the same tool; rounds on different tools are never compared."""
    if earlier.round.tool_id != now.round.tool_id:
        raise ValueError("Only rounds on the same audit tool are compared.")
    then = {row.domain.pk: row for row in earlier.domains}
    return Comparison(earlier, now, [DomainComparison(row.domain, then[row.domain.pk], row) for row in now.domains])


# ---------------------------------------------------------------- recommendations


def latest_for_recommendation(partnership, recommendation, *, published_only: bool) -> RoundResults | None:
    """The latest round for `recommendation`, with the results of its domains linked to it; six queries."""
    rounds = _rounds_with_moderated_cases(partnership, published_only=published_only).filter(
        tool__domains__recommendations=recommendation
    )
    latest = rounds.first()
    if latest is None:
        return None
    linked = Domain.objects.filter(tool_id=latest.tool_id, recommendations=recommendation).values_list("pk", flat=True)
    return round_results(latest).only(linked)


@dataclass(frozen=True)
class ReportAudits:
    """For the report: each recommendation's latest published round, and the latest published round."""

    by_recommendation: dict  # {recommendation pk: RoundResults of its linked domains}
    latest: RoundResults | None


def for_report(partnership, recommendations) -> ReportAudits:
    """Published rounds only, whoever reads the report: six queries whatever the rounds, cases and
    recommendations (the rounds, the domains' links, and results_of's four)."""
    rounds = list(_rounds_with_moderated_cases(partnership, published_only=True))
    if not rounds:
        return ReportAudits({}, None)
    linked = defaultdict(set)  # {(tool pk, recommendation pk): {domain pk}}
    for tool_id, domain_id, recommendation_id in Domain.recommendations.through.objects.filter(
        domain__tool_id__in={r.tool_id for r in rounds}, recommendation__in=recommendations
    ).values_list("domain__tool_id", "domain_id", "recommendation_id"):
        linked[tool_id, recommendation_id].add(domain_id)
    chosen = {}
    for recommendation in recommendations:
        # The rounds come latest first: the first whose tool has a domain linked to the recommendation.
        found = next((r for r in rounds if linked[r.tool_id, recommendation.pk]), None)
        if found is not None:
            chosen[recommendation.pk] = found
    results = results_of({r.pk: r for r in [rounds[0], *chosen.values()]}.values())
    return ReportAudits(
        {
            pk: results[found.pk].only(linked[found.tool_id, pk])
            for pk, found in chosen.items()  # in the recommendations' order
        },
        results[rounds[0].pk],
    )


def _rounds_with_moderated_cases(partnership, *, published_only: bool):
    rounds = (
        AuditRound.objects.filter(partnership=partnership, cases__moderated_at__isnull=False)
        .select_related("tool")
        .distinct()
        .order_by("-period_end", "-pk")
    )
    return rounds.filter(published_at__isnull=False) if published_only else rounds
