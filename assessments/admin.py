from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count

from .models import (
    Dimension,
    Goal,
    Option,
    Plan,
    PlanItem,
    PlanStep,
    Question,
    Resource,
    Result,
)


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "question_count"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    readonly_fields = ["content_key"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("questions"))

    @admin.display(description="questions", ordering="question_count")
    def question_count(self, dimension):
        return dimension.question_count


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0
    min_num = 2
    fields = ["order", "label", "points"]

    def get_formset(self, request, obj=None, **kwargs):
        # min_num alone only shows two empty rows; deleting down to one must be refused too.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class QuestionAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("career") and cleaned.get("left_out_for"):
            self.add_error(
                "left_out_for",
                "Only a question asked for every career can be left out for some; "
                "this one is asked for one career already.",
            )
        return cleaned


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    form = QuestionAdminForm
    list_display = ["text", "dimension", "career", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = [
        "dimension",
        "active",
        ("career", admin.RelatedOnlyFieldListFilter),
        ("left_out_for", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["dimension", "career"]
    search_fields = ["text"]
    autocomplete_fields = ["career", "left_out_for"]
    readonly_fields = ["content_key"]
    inlines = [OptionInline]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "skill", "dimension", "career"]
    list_filter = ["kind", "dimension", ("skill", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["skill", "dimension", "career"]
    search_fields = ["title", "description", "skill__name"]
    autocomplete_fields = ["skill", "career"]
    readonly_fields = ["content_key"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    """Results are users' records: staff can read them, never change them."""

    list_display = ["career_title", "kind", "score", "user", "target_level", "created_at"]
    list_filter = ["kind", "career_title", "flat_answers"]
    list_select_related = ["user"]
    search_fields = ["user__email", "career_title", "career_slug"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Result._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PlanStepInline(admin.TabularInline):
    model = PlanStep
    extra = 0
    fields = ["step_title", "status", "note", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PlanItemInline(PlanStepInline):
    """Items made from the user's results: shown read-only, like the steps."""

    model = PlanItem
    fields = ["title", "kind", "in_latest", "status", "note", "updated_at"]
    readonly_fields = fields


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["user", "career_title", "career", "target_date", "updated_at"]
    list_select_related = ["user", "career"]
    search_fields = ["user__email", "career_title"]
    readonly_fields = [
        "user",
        "career",
        "career_title",
        "career_slug",
        "target_date",
        "created_at",
        "updated_at",
    ]
    inlines = [PlanStepInline, PlanItemInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    """Users' goals, to look up and to delete. The user sets a goal; staff do not, so the
    rules in `assessments.goals` have no way round them here."""

    list_display = ["user", "target_career", "target_level", "years_of_experience", "updated_at"]
    list_filter = ["target_career", "updated_at"]
    search_fields = ["user__email", "target_career__title"]
    list_select_related = ["user", "target_career", "target_level"]
    fields = list_display
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
