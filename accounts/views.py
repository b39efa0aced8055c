"""Sign-in's second step: verify a code, set up an authenticator, see and renew backup codes."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_login_failed
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from accounts import two_factor
from accounts.forms import EnrolmentForm, SecondFactorForm

NEW_BACKUP_CODES = "accounts_new_backup_codes"


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
        request.session[NEW_BACKUP_CODES] = codes
        return redirect(_with_next("two_factor_backup_codes", request))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": two_factor.qr_code_svg(device),
        "manual_key": two_factor.manual_entry_key(device),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


@login_required
def backup_codes(request):
    """The new backup codes, shown once: they leave the session as the page is made."""
    codes = request.session.pop(NEW_BACKUP_CODES, None)
    return render(request, "accounts/two_factor_backup_codes.html", {"codes": codes, "next": _next_url(request)})


@login_required
def manage(request):
    device = two_factor.authenticator(request.user)
    backup = two_factor.backup_codes_device(request.user)
    context = {
        "authenticator": device,
        "backup_codes_left": backup.token_set.count() if backup else 0,
        "two_factor_required": settings.TWO_FACTOR_REQUIRED,
    }
    return render(request, "accounts/two_factor_manage.html", context)


@login_required
@require_POST
def renew_backup_codes(request):
    if not request.user.is_verified():
        messages.info(request, "Enter a code from your authenticator app before making new backup codes.")
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': reverse('two_factor_manage')})}")
    request.session[NEW_BACKUP_CODES] = two_factor.new_backup_codes(request.user)
    return redirect(f"{reverse('two_factor_backup_codes')}?{urlencode({'next': reverse('two_factor_manage')})}")
