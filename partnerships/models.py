from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from recommendations.models import AgencyType, Framework


class PartnershipQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Partnership(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    area = models.CharField(max_length=200, help_text="The local authority area or areas it covers.")
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="partnerships",
        help_text="The review whose recommendations this partnership is scrutinised against.",
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnership_overview", args=[self.slug])


class Agency(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agencies")
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=30, choices=AgencyType.choices)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="unique_agency_name")]

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        SCRUTINEER = "scrutineer", "Independent scrutineer"
        LEAD = "lead", "Partnership lead"
        CONTRIBUTOR = "contributor", "Agency contributor"
        VIEWER = "viewer", "Viewer"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="Required for agency contributors: the agency they contribute for.",
    )

    class Meta:
        ordering = ["partnership__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_role_per_partnership"),
            models.CheckConstraint(
                condition=~Q(role="contributor") | Q(agency__isnull=False),
                name="contributor_has_agency",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.partnership}"

    def clean(self):
        if self.role == self.Role.CONTRIBUTOR and self.agency_id is None:
            raise ValidationError({"agency": "Choose the agency this contributor works for."})
        if self.agency_id and self.partnership_id and self.agency.partnership_id != self.partnership_id:
            raise ValidationError({"agency": "Choose an agency of this partnership."})

    @property
    def is_scrutineer(self) -> bool:
        return self.role == self.Role.SCRUTINEER

    @property
    def is_lead(self) -> bool:
        return self.role == self.Role.LEAD
