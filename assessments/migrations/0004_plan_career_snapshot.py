"""Plans keep their guide's title and slug, filled in here for the plans there are."""

from django.db import migrations, models


def fill_snapshots(apps, schema_editor):
    Plan = apps.get_model("assessments", "Plan")
    for plan in Plan.objects.select_related("career").only("pk", "career__title", "career__slug"):
        Plan.objects.filter(pk=plan.pk).update(
            career_title=plan.career.title, career_slug=plan.career.slug
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_key_existing_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="career_title",
            field=models.CharField(
                default="",
                help_text="The guide's title when the plan was last saved.",
                max_length=120,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="plan",
            name="career_slug",
            field=models.SlugField(
                default="",
                help_text="The guide's address when the plan was last saved.",
                max_length=120,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_snapshots, migrations.RunPython.noop, elidable=True),
    ]
