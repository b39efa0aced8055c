"""Django's account forms dressed in the GOV.UK template pack."""

from django.contrib.auth import forms as auth_forms

from common.forms import GovUKFormMixin


class SignInForm(GovUKFormMixin, auth_forms.AuthenticationForm):
    submit_label = "Sign in"


class ChangePasswordForm(GovUKFormMixin, auth_forms.PasswordChangeForm):
    submit_label = "Change password"


class ResetPasswordForm(GovUKFormMixin, auth_forms.PasswordResetForm):
    submit_label = "Send reset link"


class SetNewPasswordForm(GovUKFormMixin, auth_forms.SetPasswordForm):
    submit_label = "Save new password"
