"""Read-only admin for the official figures: they come from BLS through `import_oews`,
never from a form, so staff can list, filter and search them but not add or change them."""

from django.contrib import admin

from .models import Area, Estimate, Occupation, Release


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewing only: a release is imported whole or not at all (docs/data.md)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "reference_date", "published", "imported_at"]
    search_fields = ["name", "code"]
    date_hierarchy = "reference_date"


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyAdmin):
    list_display = ["code", "title"]
    search_fields = ["code", "title"]


@admin.register(Area)
class AreaAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "kind", "state_fips"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(Estimate)
class EstimateAdmin(ReadOnlyAdmin):
    list_display = [
        "occupation",
        "area",
        "release",
        "employment",
        "p10_annual",
        "median_annual",
        "p90_annual",
        "footnotes",
    ]
    list_filter = ["release", "area__kind", "occupation"]
    list_select_related = ["occupation", "area", "release"]
    search_fields = ["occupation__code", "occupation__title", "area__name"]
