from django.apps import AppConfig


class GuideConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "guide"
    verbose_name = "Career guides"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from occupations.signals import release_imported

        from .cache import content_changed

        for model in self.get_models():
            post_save.connect(content_changed, sender=model, dispatch_uid=f"guide-cache-{model}")
            post_delete.connect(
                content_changed, sender=model, dispatch_uid=f"guide-cache-del-{model}"
            )
        # A new or re-imported OEWS release changes the official figures on every guide.
        release_imported.connect(content_changed, dispatch_uid="guide-cache-oews")
