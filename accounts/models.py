from django.conf import settings
from django.db import models
from django.utils import timezone


class SignedInSession(models.Model):
    """Which sessions belong to whom, so that deactivating a person can end every one of them at once.

    Django's session table does not say whose a session is without decoding every row.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user_id} signed in at {self.signed_in_at:%Y-%m-%d %H:%M}"
