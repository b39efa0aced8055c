from django.conf import settings
from django.db import models
from django.utils import timezone
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from accounts.backup_codes import code_matches, hash_code


class SignedInSession(models.Model):
    """Which sessions belong to whom, so that deactivating a person can end every one of them at once.

    Django's session table does not say whose a session is without decoding every row.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user_id} signed in at {self.signed_in_at:%Y-%m-%d %H:%M}"


class BackupCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A person's backup codes, a django-otp device (so django-otp counts it, throttles it and signs the
    session in with it) that keeps only hashes of its codes (accounts.backup_codes).

    Takes the place of django-otp's StaticDevice, whose tokens are kept in clear.
    """

    class Meta:
        verbose_name = "backup codes"
        verbose_name_plural = "backup codes"
        constraints = [models.UniqueConstraint(fields=["user"], name="one_set_of_backup_codes_per_person")]

    def get_throttle_factor(self):
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def replace_codes(self, codes: list[str]) -> None:
        """These codes, hashed, in place of any the device had."""
        self.codes.all().delete()
        BackupCode.objects.bulk_create(BackupCode(device=self, hashed=hash_code(code)) for code in codes)

    def verify_token(self, token):
        """True once for each code: a matching code is deleted, and only the caller whose delete
        removed it is told yes, so two sign-ins with the same code at once cannot both pass."""
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        match = next((code for code in self.codes.all() if code_matches(token, code.hashed)), None)
        if match is not None and match.use():
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False


class BackupCode(models.Model):
    """One single-use backup code, as a hash: never the code itself."""

    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes")
    hashed = models.CharField(max_length=128)

    def __str__(self):
        return f"Backup code {self.pk}"

    def use(self) -> bool:
        """Spend this code: a conditional delete, true only for the one caller that removed the row."""
        deleted, _ = BackupCode.objects.filter(pk=self.pk).delete()
        return deleted == 1
