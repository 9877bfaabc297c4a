"""Writes on accounts: saving the profile, API tokens, deleting an account and all it owns."""

import re
import secrets
from collections.abc import Callable, Sequence
from datetime import timedelta
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import ApiToken, User

MAX_API_TOKENS = 10
# Every token expires: a forgotten key cannot open the API for ever.
MAX_API_TOKEN_LIFETIME = timedelta(days=365)
# Writing last_used_at on every API call would turn reads into writes; once a minute
# is precise enough for "last used" and costs one UPDATE per token per minute at most.
LAST_USED_PRECISION = timedelta(minutes=1)


@transaction.atomic
def profile_update(
    *, user: User, display_name: str, section_saves: Sequence[Callable[[], object]] = ()
) -> None:
    """Save the display name and the parts other apps own, all or nothing.

    `section_saves` are the registered profile sections' saves, already bound to their
    input (see `accounts.profile_sections`); a ValidationError from any undoes them all.
    """
    display_name = " ".join(display_name.split())
    if user.display_name != display_name:
        try:
            User._meta.get_field("display_name").clean(display_name, user)
        except ValidationError as error:
            raise ValidationError({"display_name": error.messages}) from None
        user.display_name = display_name
        user.save(update_fields=["display_name"])
    for save in section_saves:
        save()


@transaction.atomic
def email_unconfirmed_claims_release(*, email_address: EmailAddress) -> int:
    """Once an address is confirmed, drop other accounts' unconfirmed claims to it."""
    deleted, _ = (
        EmailAddress.objects.filter(email__iexact=email_address.email, verified=False)
        .exclude(user_id=email_address.user_id)
        .delete()
    )
    return deleted


@transaction.atomic
def api_token_create(*, user: User, name: str, lifetime: timedelta) -> tuple[ApiToken, str]:
    """A new token and its full key. The key is not stored; show it to the user once."""
    if not timedelta(0) < lifetime <= MAX_API_TOKEN_LIFETIME:
        raise ValidationError(
            {"lifetime": f"A token lives at most {MAX_API_TOKEN_LIFETIME.days} days."}
        )
    name = " ".join(name.split())
    # Lock the user row so two simultaneous calls cannot both pass the limit.
    User.objects.select_for_update().only("pk").get(pk=user.pk)
    if ApiToken.objects.filter(user=user).count() >= MAX_API_TOKENS:
        raise ValidationError(
            f"You already have {MAX_API_TOKENS} tokens. Revoke one you no longer use first."
        )
    if ApiToken.objects.filter(user=user, name__iexact=name).exists():
        raise ValidationError({"name": "You already have a token with this name."})
    key = ApiToken.KEY_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken(
        user=user,
        name=name,
        prefix=key[: ApiToken.PREFIX_LENGTH],
        key_hash=ApiToken.hash_key(key),
        created_at=now,
        expires_at=now + lifetime,
    )
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    """Delete the token; its key is refused from now on, even by calls already under way."""
    token.delete()


@transaction.atomic
def api_tokens_revoke_all(*, user: User) -> int:
    """Delete every token of the user, e.g. when the password changes; how many went."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


def api_token_mark_used(*, token: ApiToken) -> None:
    """Record that the token was just used, at most once per LAST_USED_PRECISION."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_PRECISION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Remove the user and every row that belongs to them, in one transaction.

    Every model that holds a user's data points at the user with on_delete=CASCADE
    (a test walks all models to keep it so), so deleting the user removes: allauth's
    email addresses and their confirmations, MFA authenticators, tracked sessions,
    API tokens, the user's own admin log entries, group memberships, and
    whatever later apps attach. Sessions live outside those relations, so the user's
    signed-in sessions are ended first through the session engine. Staff's admin
    history about the user outlives them, so the address is scrubbed from it.
    """
    engine = import_module(settings.SESSION_ENGINE)
    for session_key in UserSession.objects.filter(user=user).values_list("session_key", flat=True):
        engine.SessionStore(session_key).delete()
    _admin_history_scrub(user=user)
    user.delete()


def _admin_history_scrub(*, user: User) -> None:
    """Take the user's address out of the admin's history, keeping what staff did.

    Entries *by* the user go with the user (CASCADE). Entries by staff *about* the user,
    or about anything whose name shows the address (their email addresses, plans...),
    keep their date, author and action, but every address of the user in their title
    and change message becomes a neutral label.
    """
    label = f"deleted account #{user.pk}"
    addresses = {user.email.lower()} | {
        email.lower()
        for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    pattern = re.compile("|".join(re.escape(a) for a in sorted(addresses)), re.IGNORECASE)
    user_type = ContentType.objects.get_for_model(User)
    mentions = Q(content_type=user_type, object_id=str(user.pk))
    for address in addresses:
        mentions |= Q(object_repr__icontains=address) | Q(change_message__icontains=address)
    entries = LogEntry.objects.filter(mentions).exclude(user=user)
    for entry in entries:
        if entry.content_type_id == user_type.pk and entry.object_id == str(user.pk):
            entry.object_repr = label
        entry.object_repr = pattern.sub(label, entry.object_repr)[:200]
        entry.change_message = pattern.sub(label, entry.change_message)
        entry.save(update_fields=["object_repr", "change_message"])
