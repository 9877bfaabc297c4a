"""What accounts does when allauth reports a change to how the user signs in.

A new password means the old one may have leaked; a key made while it was in the
wrong hands must not outlive it, so every API token goes. Turning on two-factor
authentication does not revoke anything by itself (the user may have made the tokens
minutes before); the profile offers to (see ``selectors.api_tokens_before_two_factor``).
"""

from allauth.account.signals import (
    email_confirmed,
    password_changed,
    password_reset,
    password_set,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib import messages
from django.dispatch import receiver

from . import selectors, services


@receiver(password_changed, dispatch_uid="accounts-revoke-tokens-on-change")
@receiver(password_reset, dispatch_uid="accounts-revoke-tokens-on-reset")
@receiver(password_set, dispatch_uid="accounts-revoke-tokens-on-set")
def revoke_tokens_on_new_password(sender, request, user, **kwargs):
    services.api_tokens_revoke_all(user=user)


@receiver(authenticator_added, dispatch_uid="accounts-offer-token-revocation")
def offer_token_revocation(sender, request, user, authenticator, **kwargs):
    if authenticator.type != Authenticator.Type.TOTP:
        return
    if selectors.api_tokens_before_two_factor(user=user):
        messages.warning(
            request,
            "Your API tokens were made before two-factor authentication was on and still "
            "work. If you are not sure who has them, revoke them under API tokens on your "
            "profile.",
        )


@receiver(email_confirmed, dispatch_uid="accounts-release-unconfirmed-claims")
def release_unconfirmed_claims(sender, request, email_address, **kwargs):
    services.email_unconfirmed_claims_release(email_address=email_address)
