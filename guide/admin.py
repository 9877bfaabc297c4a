from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.html import format_html

from . import search
from .cache import content_changed
from .models import (
    FAQ,
    Career,
    CareerLevel,
    CareerSkill,
    Category,
    EducationPath,
    KeyFact,
    ProCon,
    RegionalSalary,
    RelatedCareer,
    Responsibility,
    Section,
    Skill,
    Source,
    Specialization,
    Step,
)


class OrderedTabularInline(admin.TabularInline):
    extra = 0
    show_change_link = False


class OrderedStackedInline(admin.StackedInline):
    extra = 0
    classes = ["collapse"]


class SourceInline(OrderedTabularInline):
    model = Source
    # A URL typed without a scheme means https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["order", "title", "publisher", "url", "accessed"]


class KeyFactInline(OrderedTabularInline):
    model = KeyFact
    fields = ["order", "kind", "source", "note", "as_of"]
    max_num = len(KeyFact.Kind.choices)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "source":
            career_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Source.objects.filter(career_id=career_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ResponsibilityInline(OrderedTabularInline):
    model = Responsibility
    fields = ["order", "text"]


class CareerSkillInline(OrderedTabularInline):
    model = CareerSkill
    fields = ["order", "skill", "importance", "expected_proficiency", "detail"]
    autocomplete_fields = ["skill"]


class EducationPathInline(OrderedStackedInline):
    model = EducationPath
    fields = ["order", "title", ("typical_cost", "typical_duration"), "description"]


class StepInline(OrderedStackedInline):
    model = Step
    fields = ["order", "title", "duration", "body"]


class CareerLevelInline(OrderedStackedInline):
    model = CareerLevel
    fields = [
        "order",
        "title",
        ("years_min", "years_max"),
        ("salary_median_usd", "salary_average_usd"),
        "expectation_offset",
        "scope",
        "focus_areas",
    ]


class RegionalSalaryInline(OrderedTabularInline):
    model = RegionalSalary
    fields = ["order", "region", "salary_usd", "salary_note"]


class SectionInline(OrderedStackedInline):
    model = Section
    fields = ["order", ("title", "anchor"), "placement", "body"]
    prepopulated_fields = {"anchor": ["title"]}


class SpecializationInline(OrderedStackedInline):
    model = Specialization
    fields = ["order", "title", "body"]


class ProConInline(OrderedTabularInline):
    model = ProCon
    fields = ["order", "kind", "text"]


class FAQInline(OrderedStackedInline):
    model = FAQ
    fields = ["order", "question", "answer"]


class RelatedCareerInline(OrderedTabularInline):
    model = RelatedCareer
    fk_name = "career"
    fields = ["order", "related_career", "note"]
    autocomplete_fields = ["related_career"]


@admin.register(Career)
class CareerAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "category",
        "status",
        "featured",
        "median_salary_usd",
        "skill_count",
        "last_reviewed",
        "updated_at",
    ]
    list_filter = ["status", "featured", "category"]
    list_select_related = ["category"]
    list_editable = ["featured"]
    search_fields = ["title", "summary", "career_skills__skill__name"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at", "preview_link", "content_key"]
    date_hierarchy = "updated_at"
    actions = ["publish", "unpublish"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "status", "featured", "preview_link"]}),
        ("Summary", {"fields": ["summary", "last_reviewed"]}),
        (
            "Key facts",
            {
                "description": "The figures shown in the key-facts box. Cite each one in "
                "“Key fact citations” below.",
                "fields": [
                    "median_salary_usd",
                    ("salary_low_usd", "salary_high_usd", "salary_high_open"),
                    ("growth_outlook_pct", "growth_period"),
                    "annual_openings",
                    "typical_education",
                    "top_industries",
                ],
            },
        ),
        (
            "History",
            {"classes": ["collapse"], "fields": ["created_at", "updated_at", "content_key"]},
        ),
    ]
    inlines = [
        SourceInline,
        KeyFactInline,
        ResponsibilityInline,
        CareerSkillInline,
        EducationPathInline,
        StepInline,
        CareerLevelInline,
        RegionalSalaryInline,
        SectionInline,
        SpecializationInline,
        ProConInline,
        FAQInline,
        RelatedCareerInline,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(skill_count=Count("career_skills"))

    def changeform_view(self, request, *args, **kwargs):
        # The guide and all its changed inline rows are saved, then searched-for once.
        with search.batch():
            return super().changeform_view(request, *args, **kwargs)

    @admin.display(description="skills", ordering="skill_count")
    def skill_count(self, career):
        return career.skill_count

    @admin.display(description="Page")
    def preview_link(self, career):
        if not career.pk:
            return "Save first to preview."
        label = "View the live page" if career.is_published else "Preview the draft"
        return format_html('<a href="{}" target="_blank">{}</a>', career.get_absolute_url(), label)

    @admin.action(description="Publish the selected guides", permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(status=Career.Status.PUBLISHED)
        content_changed()
        self.message_user(request, f"Published {count} guide(s).", messages.SUCCESS)

    @admin.action(
        description="Unpublish the selected guides (back to draft)", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        count = queryset.update(status=Career.Status.DRAFT)
        content_changed()
        self.message_user(request, f"Moved {count} guide(s) back to draft.", messages.SUCCESS)


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "career_count"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["content_key"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(career_count=Count("career_skills"))

    @admin.display(description="careers", ordering="career_count")
    def career_count(self, skill):
        return skill.career_count


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["content_key"]
