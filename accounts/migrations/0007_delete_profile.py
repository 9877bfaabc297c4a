"""The goal moved to assessments (its `Goal` model); the profile table goes.

Its rows are copied first by `assessments.0007_goal_from_profile`, which says
`run_before` this migration, so accounts' migrations name no other app.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_encrypt_mfa_secrets"),
    ]

    operations = [
        migrations.DeleteModel(name="Profile"),
    ]
