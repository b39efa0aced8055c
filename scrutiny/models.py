"""The scrutineer's work on top of the partnership's: review cycles, judgements and challenges."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from common.naming import agency_or_partnership
from common.versioning import version_field
from partnerships.models import Agency, Evidence, LeadSafeguardingPartner, Membership, Partnership
from recommendations.models import Recommendation, ReflectiveQuestion

# Limits on what people type, by purpose (a judgement goes into a board's PDF report): the forms read them here.
RATIONALE_LIMIT = 5_000  # why this level: what the evidence shows and does not, about 800 words
POINTS_LIMIT = 3_000  # strengths, areas for improvement, a scrutineer's note: a handful of points
RESPONSE_LIMIT = 5_000  # the partnership's answer to a reflective question
CHALLENGE_TEXT_LIMIT = 5_000  # a challenge and each step of it (response, acceptance note, escalation)


class ReviewQuerySet(models.QuerySet):
    def visible_judgements_for(self, membership):
        return self if membership.sees_draft_judgements else self.filter(status=Review.Status.PUBLISHED)

    def current(self):
        """The latest review cycle (latest start), or None; of one partnership: `partnership.reviews.current()`."""
        return self.order_by("-period_start", "-pk").first()


class Review(models.Model):
    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        GATHERING = "gathering", "Gathering evidence"
        JUDGING = "judging", "Judging"
        PUBLISHED = "published", "Published"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reviews")
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    scrutineers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="reviews_scrutinised")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNING)
    # The board summary: what the report puts first for the partnership's board (scrutiny/report_build.py).
    overall_opinion = models.TextField(
        "overall assurance opinion",
        blank=True,
        max_length=RATIONALE_LIMIT,
        help_text="Your overall opinion of how far the partnership has acted on the review, in your own words.",
    )
    board_asks = models.TextField(
        "what the board is asked to note or decide",
        blank=True,
        max_length=POINTS_LIMIT,
        help_text="One point a line, for example: Note the limited assurance on recommendation 4.",
    )
    next_priorities = models.TextField(
        "priorities for the next period",
        blank=True,
        max_length=POINTS_LIMIT,
        help_text="One priority a line.",
    )
    board_meeting = models.DateField(
        "board meeting",
        null=True,
        blank=True,
        help_text="The date of the board meeting the report is for, if you know it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped by an edit that changes what the edit form shows, and by publishing (common/versioning.py).
    version = version_field()

    history = HistoricalRecords()
    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="review_period_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("review_detail", args=[self.partnership.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def judgements_visible_to(self, membership) -> bool:
        return self.is_published or membership.sees_draft_judgements

    def evidence(self):
        """The partnership's evidence dated within this review's period."""
        return self.partnership.evidence.current().in_period(self.period_start, self.period_end)

    def contains(self, day) -> bool:
        return self.period_start <= day <= self.period_end


class AssuranceLevel(models.TextChoices):
    """The scale UK public-sector audit uses, plus not yet assessed."""

    SUBSTANTIAL = "substantial", "Substantial assurance"
    REASONABLE = "reasonable", "Reasonable assurance"
    LIMITED = "limited", "Limited assurance"
    NONE = "none", "No assurance"
    NOT_ASSESSED = "not_assessed", "Not yet assessed"


class JudgementQuerySet(models.QuerySet):
    def levels(self, reviews) -> dict[tuple[int, int], str]:
        """The level of each judgement of `reviews` (models or pks), keyed by (review pk, recommendation pk)."""
        pks = [getattr(review, "pk", review) for review in reviews]
        rows = self.filter(review__in=pks).values_list("review", "recommendation", "level")
        return {(review, recommendation): level for review, recommendation, level in rows}


class Judgement(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="judgements")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="judgements")
    level = models.CharField(max_length=20, choices=AssuranceLevel.choices, default=AssuranceLevel.NOT_ASSESSED)
    rationale = models.TextField(blank=True, max_length=RATIONALE_LIMIT)
    strengths = models.TextField(blank=True, max_length=POINTS_LIMIT)
    areas_for_improvement = models.TextField(blank=True, max_length=POINTS_LIMIT)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="judgements")
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="judgements", help_text="Figures cited, as data."
    )
    version = version_field()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[evidence, indicators], excluded_fields=["updated_at", "updated_by"])
    objects = JudgementQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "recommendation"], name="one_judgement_per_recommendation"),
            models.CheckConstraint(
                condition=Q(level="not_assessed") | ~Q(rationale=""), name="judgement_rationale_unless_not_assessed"
            ),
        ]

    def __str__(self):
        return f"{self.recommendation.code}: {self.get_level_display()}"


class QuestionResponse(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="question_responses")
    question = models.ForeignKey(ReflectiveQuestion, on_delete=models.PROTECT, related_name="responses")
    partnership_response = models.TextField(blank=True, max_length=RESPONSE_LIMIT)
    scrutineer_note = models.TextField(blank=True, max_length=POINTS_LIMIT)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="question_responses")
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="question_responses", help_text="Figures cited, as data."
    )
    version = version_field()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[evidence, indicators], excluded_fields=["updated_at", "updated_by"])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "question"], name="one_response_per_question"),
        ]

    def __str__(self):
        return f"{self.question.code} in {self.review}"


def overdue_challenge_q(today=None) -> Q:
    """Awaiting a response past its due date: the one definition of an overdue challenge."""
    return Q(status__in=Challenge.AWAITING_RESPONSE, response_due__lt=today or timezone.localdate())


@dataclass(frozen=True)
class ChallengeCounts:
    open: int = 0
    overdue: int = 0


class ChallengeQuerySet(models.QuerySet):
    """The challenge queries the log, the overview and the recommendation page share."""

    def open(self):
        return self.exclude(status=Challenge.Status.ACCEPTED)

    def overdue(self, today=None):
        return self.filter(overdue_challenge_q(today))

    def for_log(self, *, show="open", today=None):
        """For the challenge log: open first, overdue first among them, then by due date.

        Each row has its agency and recommendations loaded (.recommendation_list), so a page lists
        any number in a fixed number of queries. `show` is "open" or "all".
        """
        challenges = self.open() if show == "open" else self
        return (
            challenges.select_related("agency")
            .prefetch_related(Prefetch("recommendations", to_attr="recommendation_list"))
            .annotate(
                closed_rank=Case(
                    When(status=Challenge.Status.ACCEPTED, then=Value(1)), default=Value(0), output_field=IntegerField()
                ),
                overdue_rank=Case(
                    When(overdue_challenge_q(today), then=Value(0)), default=Value(1), output_field=IntegerField()
                ),
            )
            .order_by("closed_rank", "overdue_rank", "response_due", "pk")
        )

    def counts(self, today=None) -> ChallengeCounts:
        """How many are open and how many overdue, in one query."""
        row = self.aggregate(
            open=Count("pk", filter=~Q(status=Challenge.Status.ACCEPTED)),
            overdue=Count("pk", filter=overdue_challenge_q(today)),
        )
        return ChallengeCounts(open=row["open"], overdue=row["overdue"])

    def counts_by_recommendation(self, today=None) -> dict[str, ChallengeCounts]:
        """Open and overdue counts per recommendation code, in one query; codes with none are absent."""
        today = today or timezone.localdate()
        # A row per open challenge and recommendation, counted here: the few rows cost less than grouping in SQL.
        rows = self.open().order_by().values_list("recommendations__code", "pk", "status", "response_due")
        open_, overdue = defaultdict(set), defaultdict(set)
        for code, pk, status, response_due in rows:
            if code:
                open_[code].add(pk)
                if Challenge.overdue_on(status, response_due, today):
                    overdue[code].add(pk)
        return {code: ChallengeCounts(open=len(pks), overdue=len(overdue[code])) for code, pks in open_.items()}

    def open_about(self, recommendation, today=None) -> list:
        """The open challenges about one recommendation with their agency, overdue first, then by due date:
        the log's order, for the recommendation page (which does not name their recommendations)."""
        today = today or timezone.localdate()
        challenges = self.open().filter(recommendations=recommendation).select_related("agency")
        return sorted(
            challenges.order_by("response_due", "pk"),
            key=lambda challenge: not Challenge.overdue_on(challenge.status, challenge.response_due, today),
        )


class Challenge(models.Model):
    class Status(models.TextChoices):
        AWAITING_RESPONSE = "awaiting_response", "Awaiting response"
        RESPONDED = "responded", "Response received"
        ESCALATED = "escalated", "Escalated to lead safeguarding partners"
        ACCEPTED = "accepted", "Accepted"

    AWAITING_RESPONSE = [Status.AWAITING_RESPONSE, Status.ESCALATED]

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="challenges")
    review = models.ForeignKey(Review, on_delete=models.SET_NULL, null=True, blank=True, related_name="challenges")
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenges",
        help_text="Leave empty to challenge the partnership as a whole.",
    )
    text = models.TextField(max_length=CHALLENGE_TEXT_LIMIT)
    recommendations = models.ManyToManyField(Recommendation, related_name="challenges")
    response_due = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING_RESPONSE)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[recommendations])
    objects = ChallengeQuerySet.as_manager()

    class Meta:
        ordering = ["response_due", "pk"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("challenge_detail", args=[self.partnership.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.ACCEPTED

    @property
    def is_escalated(self) -> bool:
        """With the lead safeguarding partners, who alone may answer it now."""
        return self.status == self.Status.ESCALATED

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(self.status, self.response_due, timezone.localdate())

    @property
    def addressee(self) -> str:
        return self.addressee_named(self.agency.name if self.agency_id else None)

    @classmethod
    def overdue_on(cls, status, response_due, today) -> bool:
        """Awaiting an answer past its due date (as overdue_challenge_q), for a model or a row."""
        return status in cls.AWAITING_RESPONSE and response_due < today

    @staticmethod
    def addressee_named(agency_name: str | None) -> str:
        """Who is asked to answer: the agency, or the partnership as a whole."""
        return agency_or_partnership(agency_name)


class ChallengeStep(models.Model):
    """One dated, attributed step in a challenge's life; the steps are its timeline."""

    class Kind(models.TextChoices):
        RAISED = "raised", "Raised"
        RESPONSE = "response", "Response"
        ACCEPTED = "accepted", "Accepted"
        ASKED_AGAIN = "asked_again", "Asked again"
        ESCALATED = "escalated", "Escalated to lead safeguarding partners"

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(blank=True, max_length=CHALLENGE_TEXT_LIMIT)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    # Set when the step's email is claimed for sending (scrutiny.challenge_notices), so it goes once.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} by {self.by}"


class YearlyStatement(models.Model):
    """The scrutineer's statement for the partnership's yearly report (Working Together 2023): twelve months,
    across the published reviews whose period falls in them at least in part. Its reports are built like a
    review's (scrutiny/report_build.py) and signed off the same way."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="statements")
    period_start = models.DateField("start of the twelve months")
    period_end = models.DateField("end of the twelve months")
    overall_statement = models.TextField(
        "overall statement",
        blank=True,
        max_length=RATIONALE_LIMIT,
        help_text="Your statement for the yearly report: how far the partnership has acted, and what it must do next.",
    )
    methods = models.TextField(
        "how scrutiny was done",
        blank=True,
        max_length=POINTS_LIMIT,
        help_text="Besides the evidence and challenges the tracker holds: meetings observed, audits taken part in, "
        "people spoken to.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = version_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "period_start"], name="one_statement_per_year"),
            models.CheckConstraint(condition=Q(period_end__gt=models.F("period_start")), name="statement_period_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("statement_detail", args=[self.partnership.slug, self.pk])

    @property
    def title(self) -> str:
        return f"Yearly statement, {self.period_start:%B %Y} to {self.period_end:%B %Y}"

    @property
    def is_published(self) -> bool:
        """Always: a statement draws on published reviews only, so its final is read by every member."""
        return True

    @staticmethod
    def twelve_months_from(start):
        """The last day of the twelve months that begin on `start`."""
        try:
            next_year = start.replace(year=start.year + 1)
        except ValueError:  # 29 February
            next_year = start.replace(year=start.year + 1, day=28) + timedelta(days=1)
        return next_year - timedelta(days=1)

    def reviews(self):
        """The partnership's published reviews whose period falls within the twelve months, at least in part."""
        return Review.objects.filter(
            partnership_id=self.partnership_id,
            status=Review.Status.PUBLISHED,
            period_start__lte=self.period_end,
            period_end__gte=self.period_start,
        ).order_by("period_start", "pk")

    @property
    def scrutineers(self):
        """Who is told about its sign-off: the partnership's scrutineers."""
        return get_user_model().objects.filter(
            memberships__partnership_id=self.partnership_id, memberships__role=Membership.Role.SCRUTINEER
        )


def report_path(report, filename):
    return f"reports/{report.subject.partnership_id}/{report.pk}.pdf"


def report_docx_path(report, filename):
    return f"reports/{report.subject.partnership_id}/{report.pk}.docx"


def of_subject(subject) -> dict:
    """The lookup of the reports of `subject`, a review or a yearly statement."""
    return {"statement": subject} if isinstance(subject, YearlyStatement) else {"review": subject}


class ReportQuerySet(models.QuerySet):
    def newer_ready_finals(self, report):
        """Ready finals of the report's review (or statement) with a higher version: what supersedes it."""
        return self.filter(
            review_id=report.review_id,
            statement_id=report.statement_id,
            kind=Report.Kind.FINAL,
            status=Report.Status.READY,
            number__gt=report.number,
        )

    def with_sign_off(self):
        """Each report with its sign-off decisions and what supersedes it, in a fixed number of queries:
        Report.superseded_by and Report.sign_off_state read these instead of asking again."""
        newest = Report.objects.filter(
            Q(review_id=OuterRef("review_id")) | Q(statement_id=OuterRef("statement_id")),  # one of them is set
            kind=Report.Kind.FINAL,
            status=Report.Status.READY,
            number__gt=OuterRef("number"),
        ).order_by("-number")
        return self.annotate(
            newest_final_pk=Subquery(newest.values("pk")[:1]),
            newest_final_number=Subquery(newest.values("number")[:1]),
        ).prefetch_related("sign_offs")

    def awaiting_decision_of(self, partner):
        """Finals offered to the lead safeguarding partner `partner`, of reviews published now or of yearly
        statements, not superseded, on which their organisation has not decided yet: what their home page lists."""
        newer = Report.objects.filter(
            Q(review_id=OuterRef("review_id")) | Q(statement_id=OuterRef("statement_id")),  # one of them is set
            kind=Report.Kind.FINAL,
            status=Report.Status.READY,
            number__gt=OuterRef("number"),
        )
        decided = SignOff.objects.filter(report_id=OuterRef("pk"), organisation=partner.organisation)
        return (
            self.filter(
                Q(review__partnership_id=partner.partnership_id, review__status=Review.Status.PUBLISHED)
                | Q(statement__partnership_id=partner.partnership_id),
                kind=Report.Kind.FINAL,
                sign_off_requested_at__isnull=False,
            )
            .exclude(Exists(newer))
            .exclude(Exists(decided))
            .select_related("review__partnership", "statement__partnership")
            .prefetch_related("sign_offs")  # Report.signed_count: how many have signed so far
            .order_by("sign_off_requested_at", "pk")
        )


class Report(models.Model):
    """An assurance report PDF, built in the background. A ready report never changes.

    A final report is offered to the partnership's three lead safeguarding partners for sign-off, one version
    at a time: a correction is a newer final (number + 1), which supersedes this one and is offered again
    (scrutiny/sign_off.py, docs/decisions/0025-report-sign-off.md)."""

    class SignOffState(models.TextChoices):
        NOT_OFFERED = "not_offered", "Not offered for sign-off"
        AWAITING = "awaiting", "Awaiting sign-off"
        SIGNED_OFF = "signed_off", "Signed off by all three"
        RETURNED = "returned", "Returned"

    SIGNERS = 3  # the local authority, the integrated care board, the police

    class Kind(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Final"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    UNSETTLED = [Status.QUEUED, Status.BUILDING]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)  # not guessable
    # What it reports on: a review, or a yearly statement (exactly one; Report.subject).
    review = models.ForeignKey(Review, on_delete=models.PROTECT, null=True, blank=True, related_name="reports")
    statement = models.ForeignKey(
        YearlyStatement, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # 1, 2, 3... per review and kind, given when it is asked for; a newer ready final supersedes an older one.
    number = models.PositiveIntegerField("version")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    failure_reason = models.TextField(blank=True)
    file = models.FileField(upload_to=report_path, max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    # The Word edition, built by the same task from the same content.
    docx_file = models.FileField(upload_to=report_docx_path, max_length=300, blank=True)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    docx_size = models.PositiveBigIntegerField(null=True, blank=True)
    # Offered to the lead safeguarding partners for sign-off (a ready final only; scrutiny/sign_off.py).
    sign_off_requested_at = models.DateTimeField(null=True, blank=True)
    sign_off_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set when the email asking the partners to sign is claimed (scrutiny.sign_off_notices), so it goes once.
    sign_off_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "kind"],
                condition=Q(status__in=["queued", "building"]),
                name="one_unsettled_report_per_review_and_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(sha256="") & ~Q(file="")), name="ready_report_has_file"
            ),
            models.UniqueConstraint(fields=["review", "kind", "number"], name="one_report_per_version"),
            models.UniqueConstraint(
                fields=["statement", "kind"],
                condition=Q(status__in=["queued", "building"]),
                name="one_unsettled_report_per_statement_and_kind",
            ),
            models.UniqueConstraint(fields=["statement", "kind", "number"], name="one_statement_report_per_version"),
            models.CheckConstraint(
                condition=Q(review__isnull=False, statement__isnull=True)
                | Q(review__isnull=True, statement__isnull=False),
                name="report_of_a_review_or_a_statement",
            ),
            models.CheckConstraint(
                condition=Q(sign_off_requested_at__isnull=True) | Q(status="ready", kind="final"),
                name="sign_off_of_a_ready_final_only",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} report on {self.subject} ({self.get_status_display().lower()})"

    def save(self, *args, **kwargs):
        if self.number is None:
            # One more than the review's highest of this kind. scrutiny.reports asks under the review's
            # row lock, so two requests never take the same number; the unique constraint stands behind it.
            same = Report.objects.filter(review_id=self.review_id, statement_id=self.statement_id, kind=self.kind)
            highest = same.aggregate(models.Max("number"))
            self.number = (highest["number__max"] or 0) + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("report_detail", args=[self.subject.partnership.slug, self.pk])

    @property
    def subject(self):
        """What it reports on: its review, or its yearly statement."""
        return self.review if self.review_id else self.statement

    @property
    def is_statement(self) -> bool:
        return self.statement_id is not None

    @property
    def is_settled(self) -> bool:
        return self.status not in self.UNSETTLED

    @property
    def is_final(self) -> bool:
        return self.kind == self.Kind.FINAL

    @property
    def superseded_by(self) -> "Report | None":
        """The newest ready final of the same review with a higher version, if this is a final and one exists."""
        if not self.is_final:
            return None
        if hasattr(self, "newest_final_number"):  # Report.objects.with_sign_off()
            if self.newest_final_pk is None:
                return None
            return Report(
                pk=self.newest_final_pk,
                number=self.newest_final_number,
                review=self.review,
                statement=self.statement,
                kind=self.kind,
            )
        return Report.objects.newer_ready_finals(self).order_by("-number").first()

    @property
    def is_superseded(self) -> bool:
        return self.superseded_by is not None

    @property
    def is_offered_for_sign_off(self) -> bool:
        return self.sign_off_requested_at is not None

    @property
    def can_be_offered(self) -> bool:
        """A ready final not yet offered (whether its review is published and it is the newest is the service's)."""
        return self.is_final and self.status == self.Status.READY and not self.is_offered_for_sign_off

    @property
    def signed_count(self) -> int:
        return sum(1 for sign_off in self.sign_offs.all() if sign_off.decision == SignOff.Decision.SIGNED)

    @property
    def sign_off_state(self) -> str:
        """Not offered; awaiting (signed_count of SIGNERS so far); signed off by all three; or returned by one."""
        if not self.is_offered_for_sign_off:
            return self.SignOffState.NOT_OFFERED
        decisions = [sign_off.decision for sign_off in self.sign_offs.all()]
        if SignOff.Decision.RETURNED in decisions:
            return self.SignOffState.RETURNED
        if decisions.count(SignOff.Decision.SIGNED) >= self.SIGNERS:
            return self.SignOffState.SIGNED_OFF
        return self.SignOffState.AWAITING


class SignOff(models.Model):
    """One lead safeguarding partner's decision on a final report: signed off, or returned with a comment.

    Who they were is copied from the partner's record at the time, so the record stays true if the
    partner's details change later."""

    class Decision(models.TextChoices):
        SIGNED = "signed", "Signed off"
        RETURNED = "returned", "Returned"

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="sign_offs")
    organisation = models.CharField(max_length=30, choices=LeadSafeguardingPartner.Organisation.choices)
    partner = models.ForeignKey(LeadSafeguardingPartner, on_delete=models.SET_NULL, null=True, related_name="+")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200)
    is_delegate = models.BooleanField(default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    comment = models.TextField(blank=True, max_length=POINTS_LIMIT)
    at = models.DateTimeField(default=timezone.now)
    # Set when the decision's email to the scrutineers is claimed for sending (scrutiny.sign_off_notices).
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "organisation"], name="one_decision_per_partner_and_report"),
            models.CheckConstraint(condition=Q(decision="signed") | ~Q(comment=""), name="returned_with_a_comment"),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} by {self.name} ({self.get_organisation_display()})"
