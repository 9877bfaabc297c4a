from allauth.account.decorators import secure_admin_login
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import ApiToken, User

# Staff sign in through allauth, so the admin gets the same rate limits and two-factor
# check as the site; /admin/login/ sends visitors to /accounts/login/ and refuses
# signed-in users who are not staff.
admin.site.login = secure_admin_login(admin.site.login)


class ApiTokenInline(admin.TabularInline):
    """Tokens can be revoked (deleted) here; keys are never shown, so none can be added."""

    model = ApiToken
    extra = 0
    fields = ["name", "prefix", "created_at", "last_used_at", "expires_at"]
    readonly_fields = fields
    can_delete = True
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "date_joined", "last_login"]
    search_fields = ["email", "display_name"]
    readonly_fields = ["date_joined", "last_login"]
    inlines = [ApiTokenInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["display_name"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]

    def get_inline_instances(self, request, obj=None):
        # A user being added has no tokens yet.
        return super().get_inline_instances(request, obj) if obj else []


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Find a token by the prefix someone quotes; revoke it by deleting it."""

    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "expires_at"]
    list_filter = ["created_at", "last_used_at", "expires_at"]
    search_fields = ["prefix", "name", "user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "expires_at"]
    fields = readonly_fields
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# allauth's own Authenticator admin shows the raw `data`: the (encrypted) TOTP secret and
# recovery seed. Ours lists who has two-factor authentication and lets staff delete an
# authenticator for a user who lost their device, but never shows or edits the data.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type", "created_at", "last_used_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
