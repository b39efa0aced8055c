"""Sign-in's second step: verify a code, set up an authenticator, see and renew backup codes.

New backup codes are shown in the answer to the request that made them, and nowhere else: they are
not put in the session (a database row) to be shown by a later page, and the answer is not cached.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_login_failed
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST, require_safe

from accounts import two_factor
from accounts.forms import EnrolmentForm, SecondFactorForm


class SignInView(LoginView):
    """Django's sign-in, saying on the page when two-factor sign-in is off (the demo)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"two_factor_required": settings.TWO_FACTOR_REQUIRED}


def locked_out(request, original_response=None, credentials=None):
    """django-axes's lockout answer: the same page whether or not the account exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure())
    return candidate if safe else reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next_url(request)})}"


@login_required
def verify(request):
    if request.user.is_verified():
        return redirect(_next_url(request))
    if two_factor.authenticator(request.user) is None:
        return redirect(_with_next("two_factor_enrol", request))
    credentials = {"username": request.user.get_username()}
    if settings.AXES_ENABLED and AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return get_lockout_response(request, None, credentials)
    form = SecondFactorForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            two_factor.complete_second_factor(request, form.device)
            return redirect(_next_url(request))
        # A wrong code is a failed sign-in: django-axes counts it towards the lockout and the audit log records it.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            logout(request)  # django-axes's middleware answers with the lockout page
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def enrol(request):
    if two_factor.authenticator(request.user) and not request.user.is_verified():
        # Only someone who has passed the second factor may replace it.
        return redirect(_with_next("two_factor_verify", request))
    device = two_factor.pending_authenticator(request.user)
    form = EnrolmentForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_authenticator(device)
        two_factor.complete_second_factor(request, device)
        return _show_new_backup_codes(request, codes, _next_url(request))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": two_factor.qr_code_svg(device),
        "manual_key": two_factor.manual_entry_key(device),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


def _show_new_backup_codes(request, codes: list[str], next_url: str):
    """The one time these codes are seen: in this answer, kept by no cache and no back button."""
    response = render(request, "accounts/two_factor_backup_codes.html", {"codes": codes, "next": next_url})
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_safe
def backup_codes(request):
    """Where new codes were once shown: now says they are shown only once, and how many are left."""
    context = {"codes": None, "next": _next_url(request), "left": two_factor.backup_codes_left(request.user)}
    return render(request, "accounts/two_factor_backup_codes.html", context)


@login_required
@require_safe
def manage(request):
    context = {
        "authenticator": two_factor.authenticator(request.user),
        "backup_codes_left": two_factor.backup_codes_left(request.user),
        "two_factor_required": settings.TWO_FACTOR_REQUIRED,
    }
    return render(request, "accounts/two_factor_manage.html", context)


@login_required
@require_POST
def renew_backup_codes(request):
    if not request.user.is_verified():
        messages.info(request, "Enter a code from your authenticator app before making new backup codes.")
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': reverse('two_factor_manage')})}")
    return _show_new_backup_codes(request, two_factor.new_backup_codes(request.user), reverse("two_factor_manage"))
