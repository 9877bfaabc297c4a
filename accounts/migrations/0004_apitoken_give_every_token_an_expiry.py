"""Tokens made with the old "never expires" choice get the longest lifetime left: a year.

Counted from the migration, not from creation, so no working script breaks on deploy
day; the owner sees the new date on the profile page. Running it again changes nothing.
"""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

LIFETIME = timedelta(days=365)


def give_expiry(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=timezone.now() + LIFETIME)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_lowercase_emails")]

    operations = [migrations.RunPython(give_expiry, migrations.RunPython.noop, elidable=True)]
