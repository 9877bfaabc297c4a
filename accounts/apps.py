from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import export, receivers, selectors  # noqa: F401 (receivers connect on import)

        # The account's own sections come first; other apps add theirs the same way.
        export.register("account", selectors.account_for_export)
        export.register("email_addresses", selectors.email_addresses_for_export)
        export.register("two_factor_authentication", selectors.two_factor_for_export)
        export.register("api_tokens", selectors.api_tokens_for_export)
        export.register("sessions", selectors.sessions_for_export)
