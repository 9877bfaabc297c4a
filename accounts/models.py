"""The account and its personal API tokens (the goal is assessments' `Goal`).

Emails are stored lower-cased everywhere (allauth looks them up that way), and a
case-insensitive unique constraint keeps "Ann@x.org" and "ann@x.org" from being two
accounts. Everything a user owns points at the user with ``on_delete=CASCADE`` so that
deleting the account removes it (see ``accounts.services.account_delete``).
"""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class UserManager(BaseUserManager):
    """Users are identified by email; there is no username."""

    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        """The whole address in lower case, not only the domain part."""
        return (email or "").strip().lower()

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """An account. The email address is the login; usernames do not exist."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=80,
        blank=True,
        help_text="The name shown on the site. Optional.",
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = "user"
        verbose_name_plural = "users"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message="An account with this email address already exists.",
            ),
        ]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = UserManager.normalize_email(self.email)

    def save(self, *args, **kwargs):
        self.email = UserManager.normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.email.split("@")[0]


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Tokens that still open the API: not expired."""
        return self.filter(expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A personal key for the REST API. Only a SHA-256 hash of the key is stored.

    The full key is shown once, when it is created; afterwards only its prefix
    identifies it. Keys are 256 bits of randomness, so a fast hash is enough: there is
    nothing to brute-force, and the lookup by hash stays one indexed query.
    """

    KEY_PREFIX = "cg_"
    PREFIX_LENGTH = 11  # "cg_" and the first 8 random characters

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=60, help_text="The owner's label for the token, such as the script using it."
    )
    prefix = models.CharField(
        max_length=PREFIX_LENGTH,
        editable=False,
        help_text="The start of the key, shown so the owner can tell tokens apart.",
    )
    # unique=True adds the index that serves the API's lookup by key hash.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(
        help_text="After this moment the token stops working. Every token has one."
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API token"
        verbose_name_plural = "API tokens"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                name="accounts_apitoken_name_unique_per_user",
                violation_error_message="You already have a token with this name.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
