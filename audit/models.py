"""The record of who reached what: sign-ins, refusals and downloads. Written once, never changed."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessEventQuerySet(models.QuerySet):
    """Refuses bulk changes: a record of access that could be rewritten would prove nothing."""

    def update(self, **kwargs):
        raise ReadOnlyRecord("Access events cannot be changed.")

    def delete(self):
        raise ReadOnlyRecord("Access events cannot be deleted; prune_audit removes old ones.")


class ReadOnlyRecord(Exception):
    pass


class AccessEvent(models.Model):
    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out"
        SIGNED_OUT = "signed_out", "Signed out"
        REFUSED = "refused", "Refused"
        DOWNLOADED_ATTACHMENT = "downloaded_attachment", "Downloaded an attachment"
        DOWNLOADED_REPORT = "downloaded_report", "Downloaded a report"

    # Stored in UTC (USE_TZ); the admin shows it in the site's time zone.
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # As typed or known at the time, so failed sign-ins and deleted people keep a name.
    username = models.CharField(max_length=150, blank=True)
    # The request path without its query string (filters can hold searched words).
    path = models.CharField(max_length=500, blank=True, db_index=True)
    # Which object, by id and file name: never its content.
    detail = models.CharField(max_length=300, blank=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # audit_partnership_at below serves lookups by partnership
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["username", "-at"], name="audit_username_at"),
            models.Index(fields=["ip_address", "-at"], name="audit_ip_at"),
            models.Index(fields=["kind", "-at"], name="audit_kind_at"),
            models.Index(fields=["partnership", "-at"], name="audit_partnership_at"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.username or 'anonymous'} at {self.at:%Y-%m-%d %H:%M:%S} UTC"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ReadOnlyRecord("Access events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ReadOnlyRecord("Access events cannot be deleted; prune_audit removes old ones.")
