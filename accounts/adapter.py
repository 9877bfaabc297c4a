"""allauth adapters: our own wording for allauth's errors, where new users land, and
encryption of two-factor secrets at rest."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.shortcuts import resolve_url

from . import mfa_crypto


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": "This account has been switched off. Contact us if that is a mistake.",
        "cannot_remove_primary_email": (
            "This is your primary address. Make another address primary before removing it."
        ),
        "duplicate_email": "That address is already on your account.",
        "email_password_mismatch": (
            "That email and password do not match an account. Check both and try again."
        ),
        "email_taken": "An account with this email address already exists. Try logging in.",
        "enter_current_password": "That is not your current password.",
        "incorrect_code": "That code is not right. Check it and try again.",
        "incorrect_password": "That password is not right.",
        "invalid_or_expired_key": "This link has expired or has already been used.",
        "invalid_login": "We could not sign you in. Check your details and try again.",
        "invalid_password_reset": "This reset link has expired or has already been used.",
        "max_email_addresses": "An account can have at most %d email addresses.",
        "too_many_login_attempts": (
            "Too many failed login attempts. Wait a few minutes before trying again."
        ),
        "unknown_email": "We could not find an account for that address.",
        "unverified_primary_email": "Confirm your primary email address first.",
        "same_as_current": "The new value is the same as the current one.",
        "rate_limited": "Too many requests in a short time. Wait a little and try again.",
    }

    def get_signup_redirect_url(self, request):
        """A new account lands on the member's home (settings.MEMBER_HOME_URL), which
        lists the results moved in from the visit and asks for a target career."""
        return resolve_url(settings.MEMBER_HOME_URL)

    def get_email_verification_redirect_url(self, email_address):
        """After confirming an address: the member's home when signed in (a confirmation
        signs in the browser that signed up); else the login page, then that home."""
        home = resolve_url(settings.MEMBER_HOME_URL)
        if self.request.user.is_authenticated:
            return home
        return f"{resolve_url(settings.LOGIN_URL)}?next={home}"


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": (
            "While two-factor authentication is on, email addresses cannot be added. "
            "Turn it off first, add the address, then turn it back on."
        ),
        "cannot_delete_authenticator": "Two-factor authentication cannot be turned off here.",
        "cannot_generate_recovery_codes": (
            "Turn on an authenticator app before creating recovery codes."
        ),
        "incorrect_code": (
            "That code is not right. Codes change every 30 seconds; try the current one."
        ),
        "unverified_email": (
            "Confirm your email address before turning on two-factor authentication, "
            "so you can always recover the account."
        ),
    }

    def encrypt(self, text: str) -> str:
        """TOTP secrets and recovery seeds are stored sealed with MFA_ENCRYPTION_KEY."""
        return mfa_crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return mfa_crypto.decrypt(encrypted_text)
