"""Forms for the profile, API tokens and account deletion, plus allauth's forms in our words."""

from datetime import timedelta

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.internal import flows as allauth_flows
from allauth.account.internal.templatekit import get_entrance_context_data
from allauth.core import ratelimit
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse

from . import selectors
from .models import ApiToken, User

PASSWORD_HELP = (
    "At least 10 characters. A few unrelated words make a strong, memorable password; "
    "common passwords, numbers alone and anything close to your email are refused."
)


class _OurWords:
    """Relabel allauth's fields; drop placeholders that only repeat the visible label."""

    labels: dict[str, str] = {}
    help_texts: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.help_texts:
                field.help_text = self.help_texts[name]


class LoginForm(_OurWords, allauth_forms.LoginForm):
    labels = {"login": "Email address", "remember": "Keep me logged in on this device"}


class SignupForm(_OurWords, allauth_forms.SignupForm):
    """allauth's sign-up, hardened so it reveals nothing about existing accounts.

    With mandatory verification allauth already answers an address that has an account
    exactly like a new one (and mails the owner). Three gaps remain, closed here:
    timing (a new account costs a password hash, an existing one did not), a race
    (two sign-ups with one new address: the loser hit the unique constraint, a 500),
    and squatting (an address someone added to their account without confirming it
    counted as taken, so its real owner could not sign up).
    """

    labels = {"email": "Email address", "password2": "Password again"}
    help_texts = {
        "email": "We send a confirmation link here. It is also how you log in.",
        "password1": PASSWORD_HELP,
    }

    def validate_unique_email(self, value):
        if not selectors.email_is_taken(email=value):
            # Free, or only claimed without confirmation by someone else: not taken.
            self.account_already_exists = False
            return get_account_adapter().validate_unique_email(value)
        return super().validate_unique_email(value)

    def try_save(self, request):
        if self.account_already_exists:
            # A new account costs one password hash; spend the same here, so the
            # answer for a known address takes as long as for a new one.
            make_password(self.cleaned_data.get("password1"))
            return super().try_save(request)
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            # Another sign-up with this address committed between our check and our
            # insert. Answer as if the address had been taken all along.
            return self._lost_the_race(request)

    def _lost_the_race(self, request):
        try:
            allauth_flows.manage_email.email_already_exists(self.cleaned_data["email"])
        except forms.ValidationError as error:
            # Without enumeration protection (verification not mandatory) an existing
            # address is a form error; show that same form.
            self.add_error("email", error)
            context = {**get_entrance_context_data(request), "form": self}
            response = TemplateResponse(request, "account/signup.html", context)
            raise ImmediateHttpResponse(response) from None
        self.account_already_exists = True
        return allauth_forms.BaseSignupForm.try_save(self, request)


class AddEmailForm(_OurWords, allauth_forms.AddEmailForm):
    labels = {"email": "New email address"}


# The words of every form that sets a new password in place of an old one.
NEW_PASSWORD_LABELS = {"password1": "New password", "password2": "New password again"}


class ChangePasswordForm(_OurWords, allauth_forms.ChangePasswordForm):
    labels = NEW_PASSWORD_LABELS
    help_texts = {"password1": PASSWORD_HELP}


class SetPasswordForm(_OurWords, allauth_forms.SetPasswordForm):
    labels = {"password2": "Password again"}
    help_texts = {"password1": PASSWORD_HELP}


class ResetPasswordForm(_OurWords, allauth_forms.ResetPasswordForm):
    labels = {"email": "Email address"}


class ResetPasswordKeyForm(_OurWords, allauth_forms.ResetPasswordKeyForm):
    labels = NEW_PASSWORD_LABELS
    help_texts = {"password1": PASSWORD_HELP}


class ReauthenticateForm(_OurWords, allauth_forms.ReauthenticateForm):
    labels = {"password": "Your password"}


class _CodeField:
    """Codes are digits: show the number pad on phones; keep the one-time-code autofill."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(inputmode="numeric", spellcheck="false")


class MFAAuthenticateForm(_CodeField, _OurWords, mfa_forms.AuthenticateForm):
    labels = {"code": "Code"}


class MFAReauthenticateForm(_CodeField, _OurWords, mfa_forms.ReauthenticateForm):
    labels = {"code": "Code"}


class ActivateTOTPForm(_CodeField, _OurWords, totp_forms.ActivateTOTPForm):
    labels = {"code": "Code from the app"}


class ProfileForm(forms.Form):
    """The account's own part of the profile page; other apps add theirs (profile_sections)."""

    display_name = forms.CharField(
        max_length=User._meta.get_field("display_name").max_length,
        required=False,
        label="Display name",
        help_text="Shown on the site in place of your email address. Optional.",
    )


TOKEN_LIFETIMES = {
    "30": ("30 days", timedelta(days=30)),
    "90": ("90 days", timedelta(days=90)),
    "365": ("1 year", timedelta(days=365)),
}


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=ApiToken._meta.get_field("name").max_length,
        label="Token name",
        help_text="Something that tells you later what uses it, such as “progress script”.",
    )
    lifetime = forms.ChoiceField(
        choices=[(value, label) for value, (label, _) in TOKEN_LIFETIMES.items()],
        initial="90",
        label="Expires after",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "off"

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Give the token a name.")
        return name

    @property
    def lifetime_delta(self) -> timedelta:
        return TOKEN_LIFETIMES[self.cleaned_data["lifetime"]][1]


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To be sure it is you, and not someone at an unlocked screen.",
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        # Counts against the same limit as allauth's "confirm it is you" screen.
        if not ratelimit.consume(self.request, action="reauthenticate", user=user):
            raise forms.ValidationError(
                "Too many attempts in a short time. Wait a minute and try again."
            )
        if not user.check_password(password):
            raise forms.ValidationError("That password is not right.")
        return password
