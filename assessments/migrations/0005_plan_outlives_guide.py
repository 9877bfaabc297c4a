"""Plans outlive their guide: deleting the guide empties the link; the plan stays."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0004_plan_career_snapshot"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="plan", name="assess_plan_one_per_career"),
        migrations.AlterField(
            model_name="plan",
            name="career",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty when staff deleted the guide; the title and slug below are kept.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="guide.career",
            ),
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("career__isnull", False)),
                fields=("user", "career"),
                name="assess_plan_one_per_career",
            ),
        ),
    ]
