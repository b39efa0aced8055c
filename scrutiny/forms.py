"""Django's account forms dressed in the GOV.UK template pack."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout
from django.contrib.auth import forms as auth_forms


class GovUKFormMixin:
    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # A layout, not helper.add_input: inputs render as <input type="">, the layout as a real <button>.
        self.helper.layout = Layout(*self.fields, Button.primary("submit", self.submit_label))


class SignInForm(GovUKFormMixin, auth_forms.AuthenticationForm):
    submit_label = "Sign in"


class ChangePasswordForm(GovUKFormMixin, auth_forms.PasswordChangeForm):
    submit_label = "Change password"


class ResetPasswordForm(GovUKFormMixin, auth_forms.PasswordResetForm):
    submit_label = "Send reset link"


class SetNewPasswordForm(GovUKFormMixin, auth_forms.SetPasswordForm):
    submit_label = "Save new password"
