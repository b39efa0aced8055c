import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from common.versioning import version_field
from recommendations.models import AgencyType, Framework, Recommendation

# Limits on what people type, by purpose: the forms, the services and the import read them from the fields.
SUMMARY_LIMIT = 5_000  # what a piece of evidence shows: a few paragraphs, the document itself is attached
REASON_LIMIT = 2_000  # why evidence was withdrawn: a sentence or two
DESCRIPTION_LIMIT = 5_000  # an action of the plan: what will be done and what it should change
NOTE_LIMIT = 5_000  # a progress note: what was done, what comes next, what is in the way
VERIFICATION_NOTE_LIMIT = 2_000  # why a scrutineer accepts an action as done: a few sentences


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
        # The value stays "lead"; the name says what the role is: the partnership's manager (business
        # manager), not one of its lead safeguarding partners (LeadSafeguardingPartner).
        LEAD = "lead", "Partnership manager"
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

    @property
    def is_contributor(self) -> bool:
        return self.role == self.Role.CONTRIBUTOR

    @property
    def is_viewer(self) -> bool:
        return self.role == self.Role.VIEWER

    # What each role may do: the permissions of partnerships/permissions.py, by name. Views declare them,
    # services check them; tests/pages/permissions/test_permissions*.py hold the table.
    @property
    def can_see_evidence(self) -> bool:
        return not self.is_viewer

    @property
    def can_log_evidence(self) -> bool:
        return not self.is_viewer

    def can_edit_evidence(self, evidence) -> bool:
        if self.is_contributor:
            return evidence.agency_id == self.agency_id
        return self.is_scrutineer or self.is_lead

    @property
    def can_grade_evidence(self) -> bool:
        return self.is_scrutineer

    @property
    def sees_draft_judgements(self) -> bool:
        return self.is_scrutineer or self.is_lead

    @property
    def can_request_draft_report(self) -> bool:
        return self.is_scrutineer or self.is_lead

    @property
    def can_request_final_report(self) -> bool:
        """Of a published review only: scrutiny.reports refuses a final of one that is not."""
        return self.is_scrutineer

    def can_read_report(self, report) -> bool:
        """Those who see draft judgements read every report of their partnership; everyone else reads
        only final reports, and only while their review is published (a yearly statement always is)."""
        return self.sees_draft_judgements or (report.is_final and report.subject.is_published)

    @property
    def can_offer_for_sign_off(self) -> bool:
        """Offer a ready final report to the lead safeguarding partners (scrutiny/sign_off.py says which)."""
        return self.is_scrutineer

    def can_sign_off(self, report) -> bool:
        """Sign off or return a final report of this partnership: the membership recorded for one of its lead
        safeguarding partners only (whether the report is offered now is scrutiny/sign_off.py's)."""
        return (
            self.is_safeguarding_partner
            and report.is_final
            and report.subject.partnership_id == self.partnership_id
            and self.safeguarding_partner.partnership_id == self.partnership_id
        )

    @property
    def can_judge(self) -> bool:
        return self.is_scrutineer

    @property
    def can_manage_reviews(self) -> bool:
        return self.is_scrutineer

    @property
    def can_write_statements(self) -> bool:
        """Write the scrutineer's yearly statement (scrutiny.models.YearlyStatement)."""
        return self.is_scrutineer

    @property
    def is_safeguarding_partner(self) -> bool:
        """Recorded as the account with which one of the partnership's lead safeguarding partners, or their
        delegate, answers escalated challenges (LeadSafeguardingPartner.membership)."""
        return hasattr(self, "safeguarding_partner")

    @property
    def can_see_challenges(self) -> bool:
        return not self.is_viewer or self.is_safeguarding_partner

    @property
    def can_raise_challenge(self) -> bool:
        return self.is_scrutineer

    @property
    def can_create_actions(self) -> bool:
        return self.is_lead

    def can_edit_action(self, item) -> bool:
        return self.is_lead

    def can_update_action(self, item) -> bool:
        """Add a progress update, changing the status: leads, and contributors of the owner agency."""
        return self.is_lead or (self.is_contributor and item.owner_agency_id == self.agency_id)

    def can_comment_on_action(self, item) -> bool:
        """Add a progress note without changing the status: scrutineers, and whoever may update the item."""
        return self.is_scrutineer or self.can_update_action(item)

    @property
    def can_verify_actions(self) -> bool:
        return self.is_scrutineer

    @property
    def can_import_actions(self) -> bool:
        return self.is_lead

    @property
    def can_see_indicators(self) -> bool:
        """The partnership's figures, like its evidence: viewers read them in published reports only."""
        return not self.is_viewer

    @property
    def can_manage_indicators(self) -> bool:
        """Add the partnership's own indicators and change them (the framework's suggestions are fixed)."""
        return self.is_scrutineer or self.is_lead

    def can_enter_values(self, indicator) -> bool:
        """Record a value of one indicator: leads, and contributors whose agency's type the indicator names."""
        if self.is_contributor:
            return self.agency is not None and self.agency.type in indicator.agency_types
        return self.is_lead

    @property
    def can_import_values(self) -> bool:
        return self.is_lead

    @property
    def can_set_targets(self) -> bool:
        return self.is_lead

    # Multi-agency case audits (case_audits/): scrutineers and partnership managers run them; contributors make
    # their own agency's returns; everyone else reads a round's findings and results once it is published.
    @property
    def can_run_audits(self) -> bool:
        """Create rounds and their cases, moderate, write findings, publish: scrutineers and partnership managers."""
        return self.is_scrutineer or self.is_lead

    def can_see_audit_round(self, audit_round) -> bool:
        """Scrutineers and partnership managers see every round; others a published round's findings and results,
        and contributors the rounds their agency takes part in (for their returns)."""
        if self.can_run_audits or audit_round.is_published:
            return True
        return self.is_contributor and any(agency.pk == self.agency_id for agency in audit_round.agencies.all())

    def can_see_audit_findings(self, audit_round) -> bool:
        """A round's findings and results: those who run audits always, every other member once it is published."""
        return self.can_run_audits or audit_round.is_published

    def can_see_return(self, agency_return) -> bool:
        """An agency's return on a case: those who run audits, and the agency's own contributors."""
        return self.can_run_audits or (self.is_contributor and agency_return.agency_id == self.agency_id)

    def can_complete_return(self, agency_return) -> bool:
        """Grade and submit a return: the contributors of its agency only (whether it is open is the service's)."""
        return self.is_contributor and agency_return.agency_id == self.agency_id

    @property
    def can_reopen_returns(self) -> bool:
        """Reopen a submitted return after moderation, with a reason kept in its history."""
        return self.is_scrutineer

    # The practitioners' voice (surveys/): scrutineers and partnership managers run the anonymous surveys and read
    # their results; every other member reads a round's results once it is published.
    @property
    def can_run_surveys(self) -> bool:
        """Open a survey round, make and revoke its links, close it, publish it, make its results evidence."""
        return self.is_scrutineer or self.is_lead

    def can_see_survey_results(self, survey_round) -> bool:
        return self.can_run_surveys or survey_round.is_published

    @property
    def can_withhold_survey_answers(self) -> bool:
        """Withhold a free-text answer from the results, with a reason kept in its history."""
        return self.is_scrutineer

    def can_follow_up_challenge(self, challenge) -> bool:
        """Accept a response, ask again, or escalate: the partnership's scrutineers."""
        return self.is_scrutineer

    def can_respond_to(self, challenge) -> bool:
        """An escalated challenge is answered by a lead safeguarding partner (or their delegate) only; any
        other open one by a partnership manager, or a contributor of the challenged agency."""
        if challenge.is_escalated:
            return self.is_safeguarding_partner
        if self.is_lead:
            return True
        return self.is_contributor and challenge.agency_id is not None and challenge.agency_id == self.agency_id


class LeadSafeguardingPartner(models.Model):
    """One of a partnership's three lead safeguarding partners (Working Together 2023): the local authority's
    chief executive, the integrated care board's chief executive and the chief officer of police; or the
    delegate one of them names. Escalated challenges go to them: each is emailed, the challenge page names
    them, and the one whose membership is recorded here answers (Membership.can_respond_to).
    See docs/decisions/0020-lead-safeguarding-partners.md."""

    class Organisation(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        INTEGRATED_CARE_BOARD = "integrated_care_board", "Integrated care board"
        POLICE = "police", "Police"

    # In the order Working Together names them: pages and emails list the partners this way.
    ORDER = [Organisation.LOCAL_AUTHORITY, Organisation.INTEGRATED_CARE_BOARD, Organisation.POLICE]
    HOLDER = {
        Organisation.LOCAL_AUTHORITY: "the local authority's chief executive",
        Organisation.INTEGRATED_CARE_BOARD: "the integrated care board's chief executive",
        Organisation.POLICE: "the chief officer of police",
    }

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="safeguarding_partners")
    organisation = models.CharField(max_length=30, choices=Organisation.choices)
    name = models.CharField(max_length=200, help_text="The person: the lead safeguarding partner, or their delegate.")
    job_title = models.CharField(
        max_length=200, help_text="With the organisation, for example: Chief Executive, Northmere Council."
    )
    email = models.EmailField(help_text="Escalated challenges are sent here.")
    is_delegate = models.BooleanField(
        "delegate",
        default=False,
        help_text="Tick if this person acts for the lead safeguarding partner as their delegate.",
    )
    membership = models.OneToOneField(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="safeguarding_partner",
        help_text="The account this person signs in with to answer escalated challenges: a viewer's or an "
        "agency contributor's membership of this partnership. Without one, they are told by email only.",
    )

    class Meta:
        ordering = ["partnership", "organisation"]
        verbose_name = "lead safeguarding partner"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="one_partner_per_organisation")
        ]

    def __str__(self):
        return f"{self.name}, {self.job_title}"

    def clean(self):
        membership = self.membership
        if membership is None:
            return
        if membership.partnership_id != self.partnership_id:
            raise ValidationError({"membership": "Choose a membership of this partnership."})
        if membership.role in (Membership.Role.SCRUTINEER, Membership.Role.LEAD):
            raise ValidationError(
                {
                    "membership": f"A {membership.get_role_display().lower()} cannot answer for a lead safeguarding "
                    "partner: choose a viewer's or an agency contributor's membership."
                }
            )

    @property
    def holder(self) -> str:
        """Whose place this is, e.g. "the chief officer of police"."""
        return self.HOLDER[self.organisation]

    @classmethod
    def of(cls, partnership) -> list:
        """The partnership's recorded partners, in Working Together's order."""
        partners = cls.objects.filter(partnership=partnership).select_related("membership__user")
        return sorted(partners, key=lambda partner: cls.ORDER.index(partner.organisation))


class EvidenceQuerySet(models.QuerySet):
    def current(self):
        """Evidence that has not been withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def in_period(self, start, end):
        return self.filter(date__gte=start, date__lte=end)

    def matching(
        self,
        *,
        text="",
        recommendation_code=None,
        agency_id=None,
        partnership_wide=False,
        date_from=None,
        date_to=None,
    ):
        """Evidence found by a search: words in the title or summary, a recommendation, an agency (or
        the partnership as a whole), dates; each term left empty leaves that out."""
        queryset = self
        if text := text.strip():
            queryset = queryset.filter(Q(title__icontains=text) | Q(summary__icontains=text))
        if recommendation_code:
            # A subquery, not a join: a join would repeat a row and lend its filter to later reads.
            queryset = queryset.filter(
                pk__in=self.model.recommendations.through.objects.filter(
                    recommendation__code=recommendation_code
                ).values("evidence_id")
            )
        if partnership_wide:
            queryset = queryset.filter(agency__isnull=True)
        elif agency_id is not None:
            queryset = queryset.filter(agency_id=agency_id)
        if date_from:
            queryset = queryset.filter(date__gte=date_from)
        if date_to:
            queryset = queryset.filter(date__lte=date_to)
        return queryset

    def for_register(self):
        """Only what a line of the register shows: its agency, and its recommendations by position
        (.recommendation_list, one query for the page)."""
        return (
            self.select_related("agency")
            .only("title", "date", "type", "strength", "withdrawn_at", "partnership", "agency__name")
            .prefetch_related(
                Prefetch(
                    "recommendations",
                    queryset=Recommendation.objects.only("code", "position").order_by("position"),
                    to_attr="recommendation_list",
                )
            )
        )


class Evidence(models.Model):
    class Type(models.TextChoices):
        """What the document is. Whose knowledge it carries is its source, asked apart."""

        STRATEGY = "strategy", "Strategy or policy"
        ACTION_PLAN = "action_plan", "Action plan"
        AUDIT = "audit", "Audit report"
        DATA = "data", "Data or performance report"
        TRAINING = "training", "Training record"
        MINUTES = "minutes", "Minutes"
        VOICES = "voices", "Feedback or consultation record"
        SURVEY = "survey", "Survey results"
        OTHER = "other", "Other"

    class Source(models.TextChoices):
        """Whose knowledge the evidence rests on, whatever the document: judgements should rest on several kinds."""

        VOICES = "voices", "Children and families, in their own words"
        PRACTITIONERS = "practitioners", "Practitioners"
        DATA = "data", "Data"
        AUDIT = "audit", "Case files"
        POLICY = "policy", "Policy or plan"

    class Strength(models.TextChoices):
        """The scrutineer's grade of how far the evidence shows practice has changed."""

        STATED = "stated", "Stated"
        DOCUMENTED = "documented", "Documented"
        TESTED = "tested", "Tested in practice"
        IMPACT = "impact", "Impact on children shown"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=SUMMARY_LIMIT)
    type = models.CharField(max_length=20, choices=Type.choices)
    source = models.CharField(max_length=20, choices=Source.choices)
    strength = models.CharField(max_length=20, choices=Strength.choices, blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
        help_text="Leave empty for evidence of the partnership as a whole.",
    )
    date = models.DateField(help_text="The date of the evidence itself, not the day it was logged.")
    recommendations = models.ManyToManyField("recommendations.Recommendation", related_name="evidence")
    questions = models.ManyToManyField("recommendations.ReflectiveQuestion", blank=True, related_name="evidence")
    themes = models.ManyToManyField("recommendations.Theme", blank=True, related_name="evidence")
    links = models.JSONField(default=list, blank=True)
    confirmed_no_identifying_details = models.BooleanField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True, max_length=REASON_LIMIT)
    version = version_field()

    history = HistoricalRecords(m2m_fields=[recommendations, questions, themes], excluded_fields=["updated_at"])

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_no_identifying_details=True), name="evidence_confirmed_no_identifying_details"
            ),
        ]
        indexes = [models.Index(fields=["partnership", "date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("evidence_detail", args=[self.partnership.slug, self.pk])

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def attachment_path(attachment, filename):
    # The server chooses the name; the person's file name is kept only as display text.
    return f"evidence/{attachment.evidence.partnership_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Attachment(models.Model):
    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ActionItemQuerySet(models.QuerySet):
    @staticmethod
    def overdue_condition(today) -> Q:
        """Past the due date and not complete: what overdue means, for filters and counts alike."""
        return Q(due_date__lt=today) & ~Q(status=ActionItem.Status.COMPLETE)

    def overdue(self, today=None):
        """Past their due date and not complete. Worked out, never stored."""
        return self.filter(self.overdue_condition(today or timezone.localdate()))

    def due_within(self, days: int, today=None):
        """Not complete and due from today to `days` ahead."""
        today = today or timezone.localdate()
        return self.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days)).exclude(
            status=ActionItem.Status.COMPLETE
        )

    def summary(self, today=None) -> dict:
        """How many items there are, and how many are overdue, complete and verified: one query."""
        return self.aggregate(
            total=Count("pk"),
            overdue=Count("pk", filter=self.overdue_condition(today or timezone.localdate())),
            complete=Count("pk", filter=Q(status=ActionItem.Status.COMPLETE)),
            verified=Count("pk", filter=Q(verified_by__isnull=False)),
        )

    def for_list(self):
        """Only what a list of items shows (its owner's name included), soonest due first."""
        return (
            self.select_related("owner_agency")
            .only("partnership", "description", "owner_agency__name", "lead_name", "due_date", "status", "verified_by")
            .order_by("due_date", "pk")
        )

    def recommendation_labels(self) -> dict[int, list[tuple[str, str]]]:
        """Each item's recommendations as (code, title) in the framework's order, by item pk: one query."""
        links = (
            self.model.recommendations.through.objects.filter(actionitem__in=self.values("pk"))
            .order_by("recommendation__position")
            .values_list("actionitem_id", "recommendation__code", "recommendation__title")
        )
        labels = {}
        for item_pk, code, title in links:
            labels.setdefault(item_pk, []).append((code, title))
        return labels


class ActionItem(models.Model):
    """One item of a partnership's local action plan (recommendation 1 asks for the plan)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OFF_TRACK = "off_track", "Off track"
        COMPLETE = "complete", "Complete"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="actions")
    recommendations = models.ManyToManyField("recommendations.Recommendation", related_name="actions")
    description = models.TextField(max_length=DESCRIPTION_LIMIT)
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="owned_actions")
    contributing_agencies = models.ManyToManyField(Agency, blank=True, related_name="contributed_actions")
    lead_name = models.CharField("named lead", max_length=200, help_text="The person who leads this action.")
    start_date = models.DateField()
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    completion_evidence = models.ManyToManyField(Evidence, blank=True, related_name="completed_actions")
    impact_evidenced = models.BooleanField(
        "impact on children evidenced",
        default=False,
        help_text="Completing an action is not the same as making children safer: has its impact been shown?",
    )
    impact_evidence = models.ManyToManyField(Evidence, blank=True, related_name="impact_of_actions")
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verification_note = models.TextField(
        blank=True,
        max_length=VERIFICATION_NOTE_LIMIT,
        help_text="The scrutineer's reasons for accepting the action as done: what they checked, or, with no "
        "evidence of completion, why they accept it without.",
    )
    version = version_field()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[recommendations, contributing_agencies, completion_evidence, impact_evidence],
        excluded_fields=["updated_at"],
    )
    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(due_date__gte=models.F("start_date")), name="action_due_after_start"),
            models.CheckConstraint(
                condition=Q(verified_by__isnull=True) | Q(status="complete"), name="only_complete_actions_verified"
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("action_detail", args=[self.partnership.slug, self.pk])

    def is_overdue(self, today=None) -> bool:
        return self.overdue_on(self.status, self.due_date, today or timezone.localdate())

    @classmethod
    def overdue_on(cls, status, due_date, today) -> bool:
        """Past its due date and not complete (as ActionItemQuerySet.overdue_condition), for a model or a row."""
        return status != cls.Status.COMPLETE and due_date < today

    @property
    def is_verified(self) -> bool:
        return self.verified_by_id is not None


class ProgressUpdate(models.Model):
    """A dated note on an action item, perhaps with a change of status: the item's timeline."""

    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(default=timezone.localdate)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(max_length=NOTE_LIMIT)
    status_from = models.CharField(max_length=20, choices=ActionItem.Status.choices, blank=True)
    status_to = models.CharField(max_length=20, choices=ActionItem.Status.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.date}: {self.note[:60]}"

    @property
    def changed_status(self) -> bool:
        return bool(self.status_to) and self.status_to != self.status_from


class ReminderSent(models.Model):
    """That one digest went to one person for one partnership on one day, so a second run sends nothing."""

    class Kind(models.TextChoices):
        OWNER = "owner", "Owner's digest"
        LEAD = "lead", "Lead's digest"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()
    items = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "partnership", "kind", "sent_on"], name="one_digest_a_day"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient} on {self.sent_on}"
