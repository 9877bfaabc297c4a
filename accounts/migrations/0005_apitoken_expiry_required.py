from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_apitoken_give_every_token_an_expiry")]

    operations = [
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                help_text="After this moment the token stops working. Every token has one."
            ),
        ),
    ]
