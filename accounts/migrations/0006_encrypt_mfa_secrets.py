"""Encrypt the TOTP secrets and recovery-code seeds stored in clear before MFA_ENCRYPTION_KEY.

Safe to run again: values already sealed with the newest key are left as they are.
"""

from django.db import migrations

from accounts.mfa_crypto import reencrypt_authenticators


def encrypt_secrets(apps, schema_editor):
    reencrypt_authenticators(apps.get_model("mfa", "Authenticator"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_apitoken_expiry_required"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    # No way back: decrypting secrets into the database again would undo the point.
    operations = [migrations.RunPython(encrypt_secrets, migrations.RunPython.noop)]
