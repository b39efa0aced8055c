"""The account forms: Django's own (sign in, passwords) dressed in the GOV.UK template pack, and the code
forms of two-factor sign-in. The forms check what is typed, so the views stay thin."""

from crispy_forms_gds.layout import Field
from django import forms
from django.contrib.auth import forms as auth_forms
from django_otp import verify_token

from accounts.backup_codes import normalise as normalise_code
from accounts.two_factor import device_for_code
from common.forms import GovUKFormMixin

CODE_ATTRS = {"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
WAIT_MESSAGE = "You entered a wrong code too many times. Wait a minute, then enter the newest code"


class SignInForm(GovUKFormMixin, auth_forms.AuthenticationForm):
    submit_label = "Sign in"


class ChangePasswordForm(GovUKFormMixin, auth_forms.PasswordChangeForm):
    submit_label = "Change password"


class ResetPasswordForm(GovUKFormMixin, auth_forms.PasswordResetForm):
    submit_label = "Send reset link"


class SetNewPasswordForm(GovUKFormMixin, auth_forms.SetPasswordForm):
    submit_label = "Save new password"


class _CodeForm(GovUKFormMixin, forms.Form):
    """A code checked against the device `device_for(code)` names; a right code sets `self.device`."""

    code = forms.CharField(max_length=32, error_messages={"required": "Enter the code"})
    wrong_code_message = "The code is not correct"

    def layout_field(self, name):
        return Field.text(name, field_width=10)

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        device = self.device_for(code)
        if device is None:
            raise forms.ValidationError(self.wrong_code_message)
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(WAIT_MESSAGE)
        self.device = verify_token(device.user, device.persistent_id, code)
        if self.device is None:
            raise forms.ValidationError(self.wrong_code_message)
        return code


class SecondFactorForm(_CodeForm):
    """A code from the person's authenticator app, or one of their backup codes."""

    submit_label = "Continue"
    wrong_code_message = (
        "The code is not correct. Enter the newest 6-digit code from your authenticator app, or a backup code"
    )

    def __init__(self, *args, user, **kwargs):
        self.device_for = lambda code: device_for_code(user, code)
        super().__init__(*args, **kwargs)
        self.fields["code"].label = "Code"
        self.fields["code"].help_text = "The 6-digit code from your authenticator app, or one of your backup codes"
        self.fields["code"].widget.attrs.update(CODE_ATTRS)


class EnrolmentForm(_CodeForm):
    """The first code from a newly added authenticator app, proving it was set up right."""

    submit_label = "Turn on two-factor sign-in"
    wrong_code_message = "The code is not correct. Enter the 6-digit code your authenticator app shows now"

    def __init__(self, *args, device, **kwargs):
        self.device_for = lambda code: device
        super().__init__(*args, **kwargs)
        self.fields["code"].label = "Code from your authenticator app"
        self.fields["code"].help_text = "The 6 digits the app shows for this service"
        self.fields["code"].widget.attrs.update(CODE_ATTRS | {"inputmode": "numeric"})
