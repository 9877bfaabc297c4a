"""Copy each user's goal from the old `accounts.Profile` into `Goal`, losing nothing.

This runs while the profile table still exists: `run_before` puts it ahead of
`accounts.0007_delete_profile`. Going back moves the goals into the profile again.
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery

FIELDS = ("target_career_id", "target_level_id", "years_of_experience", "updated_at")


def profiles_to_goals(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    Goal = apps.get_model("assessments", "Goal")
    goals = [
        Goal(user_id=row["user_id"], **{field: row[field] for field in FIELDS})
        for row in Profile.objects.values("user_id", *FIELDS).iterator()
    ]
    Goal.objects.bulk_create(goals, batch_size=1000)
    # The insert stamped "now" (auto_now); put back when each profile was last saved.
    saved_at = Profile.objects.filter(user_id=OuterRef("user_id")).values("updated_at")[:1]
    Goal.objects.update(updated_at=Subquery(saved_at))


def goals_to_profiles(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    Goal = apps.get_model("assessments", "Goal")
    profiles = [
        Profile(user_id=row["user_id"], **{field: row[field] for field in FIELDS})
        for row in Goal.objects.values("user_id", *FIELDS).iterator()
    ]
    Profile.objects.bulk_create(profiles, batch_size=1000)
    saved_at = Goal.objects.filter(user_id=OuterRef("user_id")).values("updated_at")[:1]
    Profile.objects.update(updated_at=Subquery(saved_at))
    # The goals now live in the profile again; going forward copies them back.
    Goal.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0006_goal"),
        ("accounts", "0006_encrypt_mfa_secrets"),
    ]
    run_before = [("accounts", "0007_delete_profile")]

    operations = [
        migrations.RunPython(profiles_to_goals, goals_to_profiles, elidable=True),
    ]
