"""The review frameworks: reference data loaded from files in frameworks/.

This layer knows no partnership and no review cycle.
"""

from django.db import models


class AgencyType(models.TextChoices):
    """The kinds of agency a partnership holds; frameworks name the ones each recommendation needs."""

    POLICE = "police", "Police"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    HEALTH = "health", "Health"
    PROBATION = "probation", "Probation"
    EDUCATION = "education", "Education"
    EARLY_YEARS = "early_years", "Early years"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    OTHER = "other", "Other"


class IndicatorUnit(models.TextChoices):
    """What an indicator's values count; each unit has the range its values may take (indicators/models.py)."""

    COUNT = "count", "Count"
    RATE_PER_10000 = "rate_per_10000", "Rate per 10,000 children"
    PERCENTAGE = "percentage", "Percentage"
    DAYS = "days", "Days"


class Better(models.TextChoices):
    """Which way an indicator's values should move."""

    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Framework(models.Model):
    code = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=300, blank=True)
    publisher = models.CharField(max_length=200)
    published = models.DateField(help_text="Month of publication (the first day of the month).")
    source_url = models.URLField(blank=True)

    class Meta:
        ordering = ["-published", "title"]

    def __str__(self):
        return self.title


class Theme(models.Model):
    class Kind(models.TextChoices):
        INSPECTION_THEME = "inspection_theme", "Inspection theme"
        PRACTICE_ISSUE = "practice_issue", "Practice issue"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(max_length=40)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_theme_code")]

    def __str__(self):
        return self.title


class Recommendation(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="recommendations")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    text = models.TextField(help_text="The full text; paragraphs separated by a blank line.")
    position = models.PositiveSmallIntegerField()
    themes = models.ManyToManyField(Theme, blank=True, related_name="recommendations")
    needed_agency_types = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_recommendation_code")]

    def __str__(self):
        return f"{self.code}: {self.title}"

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n\n")

    @property
    def needed_agency_type_labels(self) -> list[str]:
        return [AgencyType(code).label for code in self.needed_agency_types]


class ReflectiveQuestion(models.Model):
    class Audience(models.TextChoices):
        SCRUTINEER = "scrutineer", "Independent scrutineers"
        PRACTITIONER = "practitioner", "Professionals"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=20)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    group = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    prompt = models.TextField(blank=True, help_text="The source's prompt to the reader, kept apart from the question.")
    source_note = models.TextField(blank=True, help_text="The source's own note of which recommendation it links to.")
    position = models.PositiveSmallIntegerField()
    recommendations = models.ManyToManyField(Recommendation, through="QuestionLink", related_name="questions")
    themes = models.ManyToManyField(Theme, blank=True, related_name="questions")

    class Meta:
        ordering = ["framework", "audience", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_question_code")]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"


class QuestionLink(models.Model):
    """A question's link to a recommendation; `inferred` when the source does not state it."""

    question = models.ForeignKey(ReflectiveQuestion, on_delete=models.CASCADE, related_name="links")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="question_links")
    inferred = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "recommendation"], name="unique_question_link"),
        ]

    def __str__(self):
        how = "inferred" if self.inferred else "stated"
        return f"{self.question.code} → {self.recommendation.code} ({how})"


class NationalRecommendation(models.Model):
    """Recommendations to government and national bodies: context only, not judged locally."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="national_recommendations")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    text = models.TextField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_national_code")]

    def __str__(self):
        return f"{self.code}: {self.title}"


class LanguageGuidance(models.Model):
    """Phrases to avoid, with the wording to use instead, and where the guidance comes from.

    `source` is the code of a document the framework file names (its `sources`), or
    OWN when the guidance is this service's own; `source_title`, `source_where` and
    `quote` say which document and what it says, word for word. An own entry may
    still quote the document it draws on. `not_after` and `not_before` are phrases
    that, right before or right after a match, show the writer is not using the term
    (the parent "consented to the referral") or is naming it to retire it ("stop
    recording 'no further action'"): see recommendations/language.py.
    """

    OWN = "own"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="language_guidance")
    code = models.CharField(max_length=60)
    phrases = models.JSONField()
    suggestion = models.TextField()
    source = models.CharField(max_length=60, blank=True)
    source_title = models.CharField(max_length=300, blank=True)
    source_where = models.CharField(max_length=120, blank=True)
    quote = models.TextField(blank=True)
    not_after = models.JSONField(default=list, blank=True)
    not_before = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["framework", "position"]
        verbose_name_plural = "language guidance"
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_guidance_code")]

    def __str__(self):
        return self.code

    @property
    def is_own(self) -> bool:
        return self.source == self.OWN

    @property
    def source_label(self) -> str:
        """Where this guidance comes from, the same on every page, in the browser and in the report."""
        document = ", ".join(part for part in (self.source_title, self.source_where) if part)
        quoted = f": \u201c{self.quote}\u201d" if self.quote else ""
        if not self.is_own:
            return f"{document}{quoted}"
        if document:
            return f"this service's own guidance, not the review's. It draws on {document}{quoted}"
        return "this service's own guidance, not the review's."

    @property
    def attribution(self) -> str:
        return f"Source: {self.source_label}"
