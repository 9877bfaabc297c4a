"""Encryption at rest for two-factor secrets (TOTP secrets, recovery-code seeds).

allauth passes every secret through its MFA adapter's ``encrypt``/``decrypt``; ours
(accounts.adapter.MFAAdapter) call these. Keys come from ``MFA_ENCRYPTION_KEY`` (see
settings and docs/deploy.md): a comma-separated list of Fernet keys, the first used for
new secrets, all of them tried when reading, so a key can be rotated without a
flag day.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

__all__ = ["Fernet", "InvalidToken", "decrypt", "encrypt", "reencrypt_authenticators"]


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.MFA_ENCRYPTION_KEYS])


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The clear text; InvalidToken if no configured key opened it."""
    return _fernet().decrypt(token.encode("ascii")).decode()


def _seal(fernet: MultiFernet, value: str) -> str:
    """`value` encrypted with the newest key, whether it was clear or sealed before."""
    try:
        return fernet.rotate(value.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError):
        return fernet.encrypt(value.encode()).decode("ascii")


def reencrypt_authenticators(authenticator_model) -> int:
    """Seal every TOTP secret and recovery seed with the newest key; how many rows changed.

    Clear values (rows from before encryption) are encrypted, values sealed with an
    older key are re-sealed and values already sealed with the newest key are left
    alone, so a second run changes nothing. Takes the model class so the data
    migration can pass its historical model.
    """
    fernet = _fernet()
    newest = Fernet(settings.MFA_ENCRYPTION_KEYS[0])
    changed = 0
    for authenticator in authenticator_model.objects.filter(
        type__in=["totp", "recovery_codes"]
    ).order_by("pk"):
        data = dict(authenticator.data)
        fields = ["secret"] if authenticator.type == "totp" else ["seed"]
        before = dict(data)
        for field in fields:
            if isinstance(data.get(field), str) and not _sealed_by(newest, data[field]):
                data[field] = _seal(fernet, data[field])
        codes = data.get("migrated_codes")
        if isinstance(codes, list):
            data["migrated_codes"] = [
                code if _sealed_by(newest, code) else _seal(fernet, code) for code in codes
            ]
        if data != before:
            authenticator.data = data
            authenticator.save(update_fields=["data"])
            changed += 1
    return changed


def _sealed_by(fernet: Fernet, value: str) -> bool:
    try:
        fernet.decrypt(value.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True
