"""Sign-in, sign-out and lock-out events, from Django's auth signals (and django-axes's, when installed)."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from audit.models import AccessEvent
from audit.records import record


def signed_in(sender, request, user, **kwargs):
    record(AccessEvent.Kind.SIGNED_IN, request=request, user=user)


def signed_out(sender, request, user, **kwargs):
    record(AccessEvent.Kind.SIGNED_OUT, request=request, user=user)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    # Only the name typed: Django masks the password in `credentials`, but nothing else is kept either.
    typed = credentials.get(get_user_model().USERNAME_FIELD, "")
    record(AccessEvent.Kind.SIGN_IN_FAILED, request=request, username=typed)


def locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record(AccessEvent.Kind.LOCKED_OUT, request=request, username=username or "")


def connect():
    user_logged_in.connect(signed_in, dispatch_uid="audit_signed_in")
    user_logged_out.connect(signed_out, dispatch_uid="audit_signed_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="audit_sign_in_failed")
    if apps.is_installed("axes"):
        from axes.signals import user_locked_out

        user_locked_out.connect(locked_out, dispatch_uid="audit_locked_out")
