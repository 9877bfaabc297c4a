from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.mfa_crypto import reencrypt_authenticators


class Command(BaseCommand):
    help = (
        "Re-encrypt every two-factor secret with the first key in MFA_ENCRYPTION_KEY, "
        "so older keys can be removed from the list afterwards."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = reencrypt_authenticators(Authenticator)
        self.stdout.write(f"Re-encrypted {changed} authenticator(s) with the newest key.")
