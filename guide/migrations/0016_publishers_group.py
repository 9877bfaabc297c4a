"""The "Publishers" group: everything Editors may do, and publishing.

Editors draft, preview and save; publishing a guide or a working draft, scheduling a
publish and rolling back to an earlier revision take `guide.publish_career`, which only
Publishers (and superusers) hold. A Publisher's other permissions are copied from the
Editors group as it stands when this runs.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
PUBLISHERS = "Publishers"


def create_publishers(apps, schema_editor):
    app_config = apps.get_app_config("guide")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    publish = Permission.objects.get(content_type__app_label="guide", codename="publish_career")
    editors = Group.objects.filter(name=EDITORS).first()
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    if editors is not None:
        editors.permissions.remove(publish)
        publishers.permissions.set(editors.permissions.all())
    publishers.permissions.add(publish)


def remove_publishers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PUBLISHERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0015_working_drafts"),
        ("assessments", "0012_editors_edit_assessment_content"),
    ]

    operations = [migrations.RunPython(create_publishers, remove_publishers)]
