"""Session limits (30 minutes idle, 12 hours at most) and ending a deactivated person's sessions.

Times are kept in the session as Unix seconds: the signed-in time is set once, when the person
signs in; the last-seen time moves on at most once a minute, so a busy page does not write the
session row on every request. The idle limit is therefore kept to within a minute.
"""

import datetime
import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django_otp import user_has_device

from accounts.models import SignedInSession

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN = "accounts_last_seen"
# Set at sign-in for a person who has an authenticator: they are asked for a code even when
# TWO_FACTOR_REQUIRED is off, so an account that has two-factor sign-in is always protected by it.
SECOND_FACTOR_EXPECTED = "accounts_second_factor_expected"
LAST_SEEN_RESOLUTION = 60
RECORDED_KEY = "accounts_session_key"


def reason_to_end(session, now: float) -> str | None:
    """Why this signed-in session must end now, in words for the person, or None; notes activity."""
    signed_in_at = session.setdefault(SIGNED_IN_AT, now)
    last_seen = session.setdefault(LAST_SEEN, now)
    if now - signed_in_at > settings.SESSION_MAX_AGE:
        hours = settings.SESSION_MAX_AGE // 3600
        return f"You have been signed out because you signed in more than {hours} hours ago. Sign in again."
    if now - last_seen > settings.SESSION_COOKIE_AGE:
        minutes = settings.SESSION_COOKIE_AGE // 60
        return f"You have been signed out because you did nothing for {minutes} minutes. Sign in again."
    if now - last_seen >= LAST_SEEN_RESOLUTION:
        session[LAST_SEEN] = now
    return None


def follow_session_key(request) -> None:
    """Keep the record of whose session this is when its key changes: Django gives a session a new key
    when it gains privilege (a password change, the second factor), and no signal says so."""
    key = request.session.session_key
    recorded = request.session.get(RECORDED_KEY)
    if key and recorded and key != recorded:
        SignedInSession.objects.filter(session_key=recorded).update(session_key=key)
        request.session[RECORDED_KEY] = key


def end_sessions_of(user) -> int:
    """Delete every session of this person from the session store, whatever its engine."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    rows = SignedInSession.objects.filter(user=user)
    keys = list(rows.values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    rows.delete()
    return len(keys)


@receiver(user_logged_in)
def start_session(sender, request, user, **kwargs):
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    request.session[SECOND_FACTOR_EXPECTED] = user_has_device(user)
    key = request.session.session_key
    if key:
        request.session[RECORDED_KEY] = key
        # No session outlives the absolute limit, so older records name dead sessions.
        oldest_alive = timezone.now() - datetime.timedelta(seconds=settings.SESSION_MAX_AGE)
        SignedInSession.objects.filter(user=user, signed_in_at__lt=oldest_alive).delete()
        SignedInSession.objects.update_or_create(session_key=key, defaults={"user": user})


@receiver(user_logged_out)
def forget_session(sender, request, user, **kwargs):
    if request is not None and request.session.session_key:
        SignedInSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(post_save, sender=get_user_model())
def end_sessions_of_deactivated(sender, instance, **kwargs):
    # Any save of an inactive person, however it was made (the admin, a script): QuerySet.update()
    # sends no signal, so deactivate people one by one.
    if not instance.is_active:
        end_sessions_of(instance)
