from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"
    verbose_name = "Assessments and plans"

    def ready(self):
        from accounts import export, profile_sections
        from guide import home_sections

        from . import goal_section, goals, home_section, selectors, signals  # noqa: F401

        home_sections.register(home_section.provider)
        profile_sections.register(goal_section.SECTION)
        # The goal keeps the "profile" key it had when accounts held it (docs/data-export.md).
        export.register("profile", goals.goal_for_export)
        export.register("assessment_results", selectors.results_for_export)
        export.register("plans", selectors.plans_for_export)
