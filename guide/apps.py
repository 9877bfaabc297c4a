from django.apps import AppConfig


class GuideConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "guide"
    verbose_name = "Career guides"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from occupations.models import Release
        from occupations.signals import release_imported

        from . import search
        from .cache import content_changed, official_figures_changed
        from .history import register
        from .models import SearchDocument, SearchTerm

        register()

        for model in self.get_models():
            if model in (SearchDocument, SearchTerm):
                continue  # the search index is derived from the guides, not content
            post_save.connect(content_changed, sender=model, dispatch_uid=f"guide-cache-{model}")
            post_delete.connect(
                content_changed, sender=model, dispatch_uid=f"guide-cache-del-{model}"
            )
            # Keep the search document of the career the row belongs to current.
            post_save.connect(
                search.content_saved, sender=model, dispatch_uid=f"guide-search-{model}"
            )
            post_delete.connect(
                search.content_deleted, sender=model, dispatch_uid=f"guide-search-del-{model}"
            )
        # The official pay every guide shows (occupations app): an import, or a release row
        # saved or deleted, invalidates every cached guide page.
        release_imported.connect(official_figures_changed, dispatch_uid="guide-cache-oews")
        post_save.connect(official_figures_changed, sender=Release, dispatch_uid="guide-cache-rel")
        post_delete.connect(
            official_figures_changed, sender=Release, dispatch_uid="guide-cache-del-rel"
        )
