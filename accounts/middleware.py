"""Session limits and the second factor, applied to every signed-in request."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.sessions import SECOND_FACTOR_EXPECTED, follow_session_key, reason_to_end

# Views a signed-in person may reach before giving their second factor.
OPEN_BEFORE_SECOND_FACTOR = {
    "login",
    "logout",
    "two_factor_verify",
    "two_factor_enrol",
    "admin:login",
    "admin:logout",
    "accessibility",
}


class SessionLimitsMiddleware:
    """Ends a session idle for SESSION_COOKIE_AGE or older than SESSION_MAX_AGE, and says why; follows
    a session's change of key for the record of whose it is.

    After AuthenticationMiddleware and MessageMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = reason_to_end(request.session, time.time())
            if reason:
                logout(request)
                messages.info(request, reason)
                return redirect_to_login(request.get_full_path())
        response = self.get_response(request)
        if request.user.is_authenticated:
            follow_session_key(request)
        return response


class SecondFactorMiddleware:
    """Sends a signed-in person who has not given their second factor to give it (or to set one up).

    Applies to everyone when TWO_FACTOR_REQUIRED is on, and always to people who have an
    authenticator. After django_otp's OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not (settings.TWO_FACTOR_REQUIRED or request.session.get(SECOND_FACTOR_EXPECTED)):
            return None
        if request.resolver_match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")
