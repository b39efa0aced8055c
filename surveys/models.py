"""The practitioners' voice: anonymous surveys of a partnership's workforce.

A template (this service's suggestion; its reflective questions are the review's own) asks the review's
reflective questions for professionals as free text, and for each of a few areas tied to recommendations how
confident the person is (five points) and whether they have been trained in it in the last two years, with
their agency type and role band from fixed lists. A round of a partnership gives each agency taking part one
link (unguessable, revocable) to send to its staff; anyone with the link answers once, without an account.

An answer keeps nothing of who gave it: no user, no link (so not the agency that sent it), no address, no time
of day. Results never show a group of fewer than MINIMUM_GROUP answers (surveys/results.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from common.versioning import version_field
from partnerships.models import Agency, Evidence, Partnership
from recommendations.models import AgencyType, Framework, Recommendation, ReflectiveQuestion

MINIMUM_GROUP = 5  # no figure or free text is shown for a group of fewer answers than this
ANSWER_LIMIT = 2_000  # one free-text answer: a paragraph or two
TITLE_LIMIT = 200
REASON_LIMIT = 1_000


class SurveyTemplate(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="survey_templates")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    questions = models.ManyToManyField(ReflectiveQuestion, related_name="survey_templates")
    confidence_scale = models.JSONField(help_text="The five points' words, least confident first.")
    confident_from = models.PositiveSmallIntegerField(help_text="The first point (1 to 5) counted as confident.")
    role_bands = models.JSONField(help_text="[{code, label}]: the roles a person chooses from.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_survey_template_code")]

    def __str__(self):
        return self.name

    @property
    def scale(self) -> list[tuple[int, str]]:
        """(point, words) from 1, least confident, to 5."""
        return list(enumerate(self.confidence_scale, start=1))

    @property
    def role_band_choices(self) -> list[tuple[str, str]]:
        return [(band["code"], band["label"]) for band in self.role_bands]


class SurveyArea(models.Model):
    """An area a template asks about: confidence and training, tied to recommendations; its shares may feed the
    suggested indicators it names."""

    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField()
    recommendations = models.ManyToManyField(Recommendation, related_name="survey_areas")
    confident_indicator = models.CharField(max_length=40, blank=True)
    trained_indicator = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["template", "position"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="unique_survey_area_code")]

    def __str__(self):
        return self.name


class SurveyRound(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="survey_rounds")
    template = models.ForeignKey(SurveyTemplate, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=TITLE_LIMIT)
    opens_on = models.DateField()
    closes_on = models.DateField(help_text="Answers are taken to the end of this day.")
    agencies = models.ManyToManyField(Agency, related_name="survey_rounds", help_text="The agencies taking part.")
    closed_at = models.DateTimeField(null=True, blank=True, help_text="Set when a scrutineer closes it early.")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    evidence = models.ForeignKey(
        Evidence, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="The evidence item its results became.",
    )  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = version_field()

    history = HistoricalRecords(m2m_fields=[agencies], excluded_fields=["created_at"])

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_closes_after_opening"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("survey_round_detail", args=[self.partnership.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def is_open(self, today=None) -> bool:
        """Taking answers: from its opening day to the end of its closing day, unless closed early."""
        today = today or timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on


class SurveyLink(models.Model):
    """The one link an agency taking part sends to its staff. The token is the link's only secret; a revoked
    link answers 404, and a new one can be made."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="links")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        ordering = ["round", "agency__name", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "agency"], condition=Q(revoked_at__isnull=True), name="one_live_link_per_agency"
            ),
        ]

    def __str__(self):
        return f"{self.agency} link for {self.round}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class SurveyResponse(models.Model):
    """One person's answer: their agency type and role band, nothing else about them."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses")
    agency_type = models.CharField(max_length=30, choices=AgencyType.choices)
    role_band = models.CharField(max_length=40)

    class Meta:
        ordering = ["round", "pk"]

    def __str__(self):
        return f"Answer {self.pk} to {self.round}"


class AreaAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="area_answers")
    area = models.ForeignKey(SurveyArea, on_delete=models.PROTECT, related_name="+")
    confidence = models.PositiveSmallIntegerField()
    trained = models.BooleanField(help_text="Trained in this area in the last two years.")

    class Meta:
        ordering = ["response", "area__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "area"], name="one_answer_per_area"),
            models.CheckConstraint(condition=Q(confidence__gte=1, confidence__lte=5), name="confidence_on_the_scale"),
        ]

    def __str__(self):
        return f"{self.area}: {self.confidence}"


class TextAnswer(models.Model):
    """A free-text answer to one reflective question; a scrutineer may withhold it from the results, with a reason."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="text_answers")
    question = models.ForeignKey(ReflectiveQuestion, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=ANSWER_LIMIT)
    withheld_at = models.DateTimeField(null=True, blank=True)
    withheld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withheld_reason = models.TextField(blank=True, max_length=REASON_LIMIT)
    version = version_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["question__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=Q(withheld_at__isnull=True) | ~Q(withheld_reason=""), name="withheld_with_a_reason"
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_withheld(self) -> bool:
        return self.withheld_at is not None
