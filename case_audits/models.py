"""Multi-agency case audits (recommendation 3 asks partners to audit the quality of local multi-agency
decision making): the tools the framework file suggests, and a partnership's audit rounds.

A tool (this service's suggestion, not the Panel's) has a grade scale, best grade first, and domains, each
linked to the recommendations it bears on. A round audits a sample of cases with one tool; each case is
known only by a reference the partnership chooses. Every agency involved in a case makes a return on it
(a grade and a rationale per domain, strengths, concerns, learning), saved as a draft and then submitted.
After the joint meeting the moderators record the agreed grade per domain per case, and the round's
findings, each of which can become an action of the plan and a piece of evidence. Published, the round's
findings and results are read by every member; until then by scrutineers and partnership managers only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.versioning import version_field
from partnerships.models import ActionItem, Agency, Evidence, Partnership
from recommendations.models import Framework, Recommendation

TITLE_LIMIT = 200
THEME_LIMIT = 1_000  # what the round looks at: a sentence or two
REFERENCE_LIMIT = 20  # a case's local reference, like MACA-2026-03: short, so it cannot carry a name and address
RATIONALE_LIMIT = 2_000  # why one domain got its grade: a few sentences
NARRATIVE_LIMIT = 5_000  # a return's strengths, concerns and learning; a finding
REASON_LIMIT = 2_000  # why the agreed grade differs from an agency's, or why a return was reopened


class AuditTool(models.Model):
    """An audit tool the framework file suggests (this service's, not the Panel's), by its stable code."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="audit_tools")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_audit_tool_code")]

    def __str__(self):
        return self.name


class Grade(models.Model):
    """One grade of a tool's scale. Position 1 is the best; `meets_standard` says whether a case graded so
    counts as meeting the standard when rounds are compared (good or better, on the usual scale)."""

    tool = models.ForeignKey(AuditTool, on_delete=models.CASCADE, related_name="grades")
    code = models.CharField(max_length=40)
    label = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField()
    meets_standard = models.BooleanField()

    class Meta:
        ordering = ["tool", "position"]
        constraints = [models.UniqueConstraint(fields=["tool", "code"], name="unique_grade_code")]

    def __str__(self):
        return self.label


class Domain(models.Model):
    """What an auditor grades in each case, with guidance, linked to the recommendations it bears on."""

    tool = models.ForeignKey(AuditTool, on_delete=models.CASCADE, related_name="domains")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    guidance = models.TextField()
    position = models.PositiveSmallIntegerField()
    recommendations = models.ManyToManyField(Recommendation, related_name="audit_domains")

    class Meta:
        ordering = ["tool", "position"]
        constraints = [models.UniqueConstraint(fields=["tool", "code"], name="unique_domain_code")]

    def __str__(self):
        return self.name


class AuditRound(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="audit_rounds")
    tool = models.ForeignKey(AuditTool, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=TITLE_LIMIT)
    theme = models.TextField(max_length=THEME_LIMIT, help_text="What the round looks at, and why now.")
    period_start = models.DateField("cases from", help_text="The period the sample of cases is drawn from.")
    period_end = models.DateField("cases to")
    due_date = models.DateField("returns due", help_text="Agencies' returns are due by this date.")
    agencies = models.ManyToManyField(Agency, related_name="audit_rounds", help_text="The agencies taking part.")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = version_field()

    history = HistoricalRecords(m2m_fields=[agencies], excluded_fields=["created_at"])

    class Meta:
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="audit_round_period_in_order"
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(published_by__isnull=False),
                name="audit_round_published_by_someone",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("audit_round_detail", args=[self.partnership.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class AgeBand(models.TextChoices):
    """A child's age when the case was open, in bands wide enough not to point at one child."""

    UNDER_5 = "under_5", "Under 5"
    FROM_5_TO_9 = "5_to_9", "5 to 9"
    FROM_10_TO_13 = "10_to_13", "10 to 13"
    FROM_14_TO_17 = "14_to_17", "14 to 17"


class AuditCase(models.Model):
    """One case of a round's sample, known only by the partnership's own reference."""

    round = models.ForeignKey(AuditRound, on_delete=models.CASCADE, related_name="cases")
    reference = models.CharField(
        max_length=REFERENCE_LIMIT,
        help_text="Your own reference for the case, like MACA-2026-03: never a name, date of birth, NHS number, "
        "case number from a record system or address.",
    )
    age_band = models.CharField("child's age", max_length=20, choices=AgeBand.choices)
    agencies = models.ManyToManyField(
        Agency, related_name="audit_cases", help_text="The agencies involved: each makes a return on the case."
    )
    recommendations = models.ManyToManyField(Recommendation, related_name="audit_cases")
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = version_field()

    history = HistoricalRecords(m2m_fields=[agencies, recommendations], excluded_fields=["created_at"])

    class Meta:
        ordering = ["round", "reference"]
        constraints = [models.UniqueConstraint(fields=["round", "reference"], name="unique_case_reference")]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("audit_case_detail", args=[self.round.partnership.slug, self.round_id, self.pk])

    @property
    def is_moderated(self) -> bool:
        return self.moderated_at is not None


class AgencyReturn(models.Model):
    """One agency's completed tool for one case: a draft until it is submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", "In progress"
        SUBMITTED = "submitted", "Submitted"

    case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, related_name="returns")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="audit_returns")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    strengths = models.TextField(blank=True, max_length=NARRATIVE_LIMIT)
    concerns = models.TextField(blank=True, max_length=NARRATIVE_LIMIT)
    learning = models.TextField(blank=True, max_length=NARRATIVE_LIMIT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = version_field()

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["case", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["case", "agency"], name="one_return_per_agency_and_case"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False, submitted_by__isnull=False),
                name="submitted_return_says_when_and_by_whom",
            ),
        ]

    def __str__(self):
        return f"{self.agency} on {self.case}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class ReturnGrade(models.Model):
    """An agency's grade of one domain in its return, with its rationale; empty while the return is a draft."""

    agency_return = models.ForeignKey(AgencyReturn, on_delete=models.CASCADE, related_name="grades")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rationale = models.TextField(blank=True, max_length=RATIONALE_LIMIT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency_return", "domain__position"]
        constraints = [models.UniqueConstraint(fields=["agency_return", "domain"], name="one_grade_per_domain")]

    def __str__(self):
        return f"{self.domain}: {self.grade or 'not graded'}"


class AgreedGrade(models.Model):
    """The grade the moderation meeting agreed for one domain of one case, with the reason where it differs
    from an agency's own."""

    case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, related_name="agreed_grades")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True, max_length=REASON_LIMIT)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "domain__position"]
        constraints = [models.UniqueConstraint(fields=["case", "domain"], name="one_agreed_grade_per_domain")]

    def __str__(self):
        return f"{self.case} {self.domain}: {self.grade}"


class Finding(models.Model):
    """What the round found across its cases, written once; it can become an action and a piece of evidence."""

    class Kind(models.TextChoices):
        THEME = "theme", "Theme across cases"
        GOOD_PRACTICE = "good_practice", "Good practice"
        LEARNING = "learning", "Learning"

    round = models.ForeignKey(AuditRound, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(max_length=NARRATIVE_LIMIT)
    recommendations = models.ManyToManyField(Recommendation, related_name="audit_findings")
    action = models.ForeignKey(ActionItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    evidence = models.ForeignKey(Evidence, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = version_field()

    history = HistoricalRecords(m2m_fields=[recommendations], excluded_fields=["created_at"])

    class Meta:
        ordering = ["round", "kind", "pk"]

    def __str__(self):
        return self.text[:80]


class ReturnReminderSent(models.Model):
    """That one reminder of outstanding returns went to one person for one round on one day, so a second run
    of the daily task sends nothing."""

    round = models.ForeignKey(AuditRound, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    returns = models.PositiveIntegerField(help_text="How many returns were outstanding.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "recipient", "sent_on"], name="one_return_reminder_a_day")
        ]

    def __str__(self):
        return f"Reminder to {self.recipient} on {self.sent_on}"
