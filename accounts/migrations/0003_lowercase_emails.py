"""Store every existing email in lower case, as the model now does on save."""

from django.db import migrations
from django.db.models.functions import Lower


def lowercase_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.exclude(email=Lower("email")).update(email=Lower("email"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_profile_apitoken"),
    ]

    operations = [migrations.RunPython(lowercase_emails, migrations.RunPython.noop)]
