from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"
    verbose_name = "Assessments and plans"

    def ready(self):
        from accounts import export

        from . import selectors, signals  # noqa: F401 - signals connects claim-on-login

        export.register("assessment_results", selectors.results_for_export)
        export.register("plans", selectors.plans_for_export)
