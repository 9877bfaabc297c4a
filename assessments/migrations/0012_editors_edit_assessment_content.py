"""Editors also keep the assessments' content: dimensions, questions, their options, resources.

The guide's readiness questions, the dimensions they score and the resources suggested
for a gap are content that editors maintain next to the guides (skill anchors already
sit in the guide app). Members' data (results, plans, plan steps, goals) stays out of
their reach; so do accounts, two-factor and sessions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CONTENT_MODELS = ["dimension", "question", "option", "resource"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("assessments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content = Permission.objects.filter(
        content_type__app_label="assessments", content_type__model__in=CONTENT_MODELS
    )
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.add(*content)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content = Permission.objects.filter(content_type__app_label="assessments")
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.remove(*content)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0011_result_newest_index"),
        ("guide", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
