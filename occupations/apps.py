from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "occupations"
    verbose_name = "Official occupation data"
