import reversion
from adminsortable2.admin import (
    CustomInlineFormSet,
    SortableAdminBase,
    SortableStackedInline,
    SortableTabularInline,
)
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import drafts, search
from .audit import career_audit
from .cache import content_changed
from .figures import CareerFigures, contradictions
from .history import career_revisions, history, restore_revision, revision_changes
from .models import (
    FAQ,
    Career,
    CareerLevel,
    CareerOccupation,
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
    SkillAnchor,
    Source,
    Specialization,
    Step,
)
from .selectors import all_statistics, primary_national_estimate


class OrderedFormSet(CustomInlineFormSet):
    """A guide part's rows, numbered 1, 2, 3… in the order the editor left them.

    django-admin-sortable2 renumbers the hidden `order` inputs when a row is dragged; this
    makes duplicate positions impossible whatever was posted (no JavaScript, rows loaded
    with equal numbers, a new row): rows keep the order of (posted position, place on the
    page), a new row without a position goes last, they are numbered from 1, and a row
    whose number moves is saved."""

    def clean(self):
        super().clean()
        field = self.default_order_field
        rows = [
            form
            for form in self.forms
            if hasattr(form, "cleaned_data")
            and not self._should_delete_form(form)
            and (form.instance.pk or form.has_changed())
        ]

        def rank(item):
            index, form = item
            posted = form.cleaned_data.get(field)
            if not posted and not form.instance.pk:
                posted = float("inf")  # a new row given no position goes last
            return (posted or 0, index)

        ranked = sorted(enumerate(rows), key=rank)
        for position, (_index, form) in enumerate(ranked, start=1):
            if form.cleaned_data.get(field) != position:
                form.cleaned_data[field] = position
                setattr(form.instance, field, position)
                if field not in form.changed_data:
                    form.changed_data.append(field)


def positions_are_unique(rows, field="order") -> bool:
    """True when no two rows share a position (the invariant OrderedFormSet keeps)."""
    values = [getattr(row, field) for row in rows]
    return len(values) == len(set(values))


class FigureRulesFormSet(OrderedFormSet):
    """The key-fact citations formset, which also checks the guide's figures as a whole.

    CareerAdmin gives it the career's form and every sibling formset; once all of them are
    valid on their own, it runs guide.figures.contradictions (the rules the loader runs) on
    the guide as it is about to be saved, puts each message on the career field it concerns
    and refuses the save."""

    career_form = None
    siblings: list = []

    def clean(self):
        super().clean()
        form = self.career_form
        if form is None or form.errors:
            return
        others = [fs for fs in self.siblings if fs is not self]
        if not all(fs.is_valid() for fs in others) or any(f.errors for f in self.forms):
            return  # each part's own errors first
        problems = contradictions(
            figures_being_saved(self.instance, [self, *others]),
            all_statistics(exclude=self.instance),
        )
        for problem in problems:
            field = problem.field if problem.field in form.fields else None
            form.add_error(field, problem.message)
        if problems:
            raise ValidationError(
                "The figures of this guide contradict each other or another guide; the "
                "messages sit on the fields concerned."
            )


def figures_being_saved(career: Career, formsets) -> CareerFigures:
    """The guide's figures as the admin forms hold them (deleted rows left out)."""
    rows = {KeyFact: [], CareerLevel: [], RegionalSalary: [], Source: []}
    for formset in formsets:
        if formset.model not in rows:
            continue
        for form in formset.forms:
            if formset._should_delete_form(form) or not form.has_changed() and not form.instance.pk:
                continue
            rows[formset.model].append(form.instance)
    edited_sources = {source.pk: source for source in rows[Source] if source.pk}
    for row in [*rows[KeyFact], *rows[CareerLevel], *rows[RegionalSalary]]:
        if row.source_id in edited_sources:  # the source as edited in this same save
            row.source = edited_sources[row.source_id]
    return CareerFigures(
        career=career,
        facts={fact.kind: fact for fact in rows[KeyFact]},
        levels=rows[CareerLevel],
        regional=rows[RegionalSalary],
        estimate=primary_national_estimate(career),
        occupation_code=career.occupations.filter(primary=True)
        .values_list("occupation__code", flat=True)
        .first()
        if career.pk
        else None,
    )


class CareerAdminForm(forms.ModelForm):
    """The career's own form; the key-fact formset reaches it through the instance.

    "Last reviewed" is an editor's statement, not a side effect of saving: it is read-only
    here and only the "I checked the figures" box sets it (to today). Every save changes
    "last changed" (updated_at) instead. The history records both (guide/history.py)."""

    figures_checked = forms.BooleanField(
        required=False,
        label="I checked the figures",
        help_text="Tick only when you have checked every figure of this guide against its "
        "source today: saving then sets “last reviewed” to today. Without it, “last "
        "reviewed” stays as it was, whatever else you change.",
    )

    # What the editor's copy of the page was made from: the guide's "last changed" time when
    # the page was opened. A save from a page opened before someone else's save is refused.
    opened_version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance._admin_form = self
        if self.instance.pk and not self.is_bound:
            self.initial["opened_version"] = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._check_nobody_saved_since(cleaned.get("opened_version", ""))
        return cleaned

    def _check_nobody_saved_since(self, opened: str) -> None:
        """Two editors with the same guide open: the second to save is told, and keeps what
        they typed; saving again then replaces the other's version knowingly (the history
        keeps both). The row is locked until this save ends (PostgreSQL)."""
        current = (
            Career.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if current is None or opened == current.isoformat():
            return
        latest = career_revisions(self.instance).first()
        who = latest.user.get_username() if latest and latest.user else "Someone else"
        when = timezone.localtime(current).strftime("%H:%M:%S on %Y-%m-%d")
        data = self.data.copy()
        data[self.add_prefix("opened_version")] = current.isoformat()
        self.data = data
        self.conflict = True  # answered 409 (CareerAdmin.changeform_view)
        raise ValidationError(
            f"{who} saved this guide at {when}, after you opened this page. Nothing was "
            "saved from this page, and everything you typed is still here. See what they "
            "changed in the history (open it in a new tab); then Save again to put your "
            "version over theirs, or reload the page to start from theirs."
        )

    def save(self, commit=True):
        if self.cleaned_data.get("figures_checked"):
            self.instance.last_reviewed = timezone.localdate()
        return super().save(commit=commit)


class CareerSourceChoices:
    """Offer only this guide's sources in a `source` field of an inline."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "source":
            career_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Source.objects.filter(career_id=career_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# One-line items (a duty, a pro, a skill's detail) get a two-line box in tables, not ten.
COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}
# Longer bodies in stacked parts (a step, an answer) start at five lines (resizable).
SHORT_BODY = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 5, "cols": 80})}}


def locked_live_guide(request, career) -> bool:
    """A live guide is changed only through a working draft, unless one may publish."""
    return (
        career is not None
        and career.pk is not None
        and career.is_published
        and not career.is_working_draft
        and not request.user.has_perm("guide.publish_career")
    )


class LiveGuideParts:
    """An inline of a guide: read-only on a live guide for staff who may not publish."""

    def has_add_permission(self, request, obj=None):
        return not locked_live_guide(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not locked_live_guide(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not locked_live_guide(request, obj) and super().has_delete_permission(request, obj)


class OrderedTabularInline(LiveGuideParts, SortableTabularInline):
    """A guide part shown as a table, ordered by dragging its rows (django-admin-sortable2)."""

    formset = OrderedFormSet
    extra = 0
    show_change_link = False
    formfield_overrides = COMPACT_TEXT


class OrderedStackedInline(LiveGuideParts, SortableStackedInline):
    """A guide part shown as blocks, ordered by dragging their headings."""

    formset = OrderedFormSet
    extra = 0
    classes = ["collapse"]
    formfield_overrides = SHORT_BODY


class SourceInline(OrderedTabularInline):
    model = Source
    # A URL typed without a scheme means https (Django 6's default, chosen now).
    # A plain URL box: the admin's "Currently: <link> Change: <box>" takes five lines a row.
    formfield_overrides = {
        **COMPACT_TEXT,
        models.URLField: {"assume_scheme": "https", "widget": forms.URLInput},
    }
    fields = ["title", "publisher", "url", "accessed", "official", "edition"]


class KeyFactInline(CareerSourceChoices, OrderedTabularInline):
    model = KeyFact
    formset = FigureRulesFormSet
    fields = [
        "kind",
        "source",
        "note",
        "as_of",
        "pay_basis",
        "pay_scope",
        "is_estimate",
    ]
    max_num = len(KeyFact.Kind.choices)


class ResponsibilityInline(OrderedTabularInline):
    model = Responsibility
    fields = ["text"]


class CareerSkillInline(OrderedTabularInline):
    model = CareerSkill
    fields = ["skill", "importance", "expected_proficiency", "detail"]
    autocomplete_fields = ["skill"]


class EducationPathInline(OrderedStackedInline):
    model = EducationPath
    fields = ["title", ("typical_cost", "typical_duration"), "description"]


class StepInline(OrderedStackedInline):
    model = Step
    fields = ["title", "duration", "body"]


class CareerLevelInline(CareerSourceChoices, OrderedStackedInline):
    model = CareerLevel
    fields = [
        "title",
        ("years_min", "years_max"),
        ("salary_low_usd", "salary_high_usd", "salary_high_open"),
        ("salary_median_usd", "salary_average_usd"),
        ("pay_basis", "pay_scope", "is_estimate"),
        ("source", "as_of"),
        "expectation_offset",
        "scope",
        "focus_areas",
    ]


class RegionalSalaryInline(CareerSourceChoices, OrderedTabularInline):
    model = RegionalSalary
    fields = [
        "region",
        "salary_usd",
        "salary_low_usd",
        "salary_high_usd",
        "salary_note",
        "pay_basis",
        "pay_scope",
        "is_estimate",
        "source",
        "as_of",
    ]


class SectionInline(OrderedStackedInline):
    model = Section
    fields = [("title", "anchor"), "placement", "body"]
    prepopulated_fields = {"anchor": ["title"]}


class SpecializationInline(OrderedStackedInline):
    model = Specialization
    fields = ["title", "body"]


class ProConInline(OrderedTabularInline):
    model = ProCon
    fields = ["kind", "text"]


class FAQInline(OrderedStackedInline):
    model = FAQ
    fields = ["question", "answer"]


class RelatedCareerInline(OrderedTabularInline):
    model = RelatedCareer
    fk_name = "career"
    fields = ["related_career", "note"]
    autocomplete_fields = ["related_career"]


class CareerOccupationInline(OrderedTabularInline):
    """The standard occupations whose official figures the guide shows (one primary).

    A plain select, not autocomplete: Editors hold only the guide's permissions, and the
    occupations are read-only data imported from BLS (occupations/admin.py)."""

    model = CareerOccupation
    fields = ["occupation", "primary", "fit_note"]


@admin.register(Career)
class CareerAdmin(SortableAdminBase, VersionAdmin):
    """Every save through this admin is a revision (guide/history.py, docs/editing.md)."""

    form = CareerAdminForm
    object_history_template = "admin/guide/career/object_history.html"
    revision_form_template = "admin/guide/career/revision.html"
    history_latest_first = True
    # The jump bar, tables that fit 1,280 px, compact inputs (docs/editing.md).
    change_form_template = "admin/guide/career/change_form.html"

    class Media:
        css = {"all": ["css/admin-guide.css"]}

    # Six columns fit beside the filters at 1,280 px; the category is a filter, the pay
    # figures are on the change page.
    list_display = ["title", "status", "featured", "skill_count", "last_reviewed", "last_changed"]
    list_filter = ["status", "featured", "category"]
    list_select_related = ["category"]
    search_fields = ["title", "summary", "career_skills__skill__name"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at", "preview_link", "content_key", "last_reviewed"]
    date_hierarchy = "updated_at"
    actions = ["publish", "unpublish"]
    save_on_top = True
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "category",
                    ("status", "publish_at"),
                    "featured",
                    "preview_link",
                    "opened_version",
                ]
            },
        ),
        ("Summary", {"fields": ["summary"]}),
        (
            "Review",
            {
                "description": "“Last reviewed” is shown on the guide as the day an editor last "
                "checked its figures; “last changed” is the day of the latest save.",
                "fields": [("last_reviewed", "updated_at"), "figures_checked"],
            },
        ),
        (
            "Key facts",
            {
                "description": "The figures shown in the key-facts box. Cite each one in "
                "“Key fact citations” below. Where the guide has a primary standard "
                "occupation and an OEWS release is imported, the median and range shown "
                "come from the release unless “pay override” is ticked.",
                "fields": [
                    "median_salary_usd",
                    ("salary_low_usd", "salary_high_usd", "salary_high_open"),
                    "pay_override",
                    ("growth_outlook_pct", "growth_period"),
                    "annual_openings",
                    "typical_education",
                    "time_to_ready",
                    "top_industries",
                ],
            },
        ),
        (
            "History",
            {"classes": ["collapse"], "fields": ["created_at", "content_key"]},
        ),
    ]
    inlines = [
        CareerOccupationInline,
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

    # Publishing (docs/editing.md): editors draft, save and preview; publishing, scheduling
    # and rolling back a live guide take guide.publish_career (the Publishers group).

    def has_publish_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("guide.publish_career")

    def has_change_permission(self, request, obj=None):
        return not locked_live_guide(request, obj) and super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_working_draft:
            fields += ["slug", "status"]  # a working draft goes live only by publishing
        elif not self.has_publish_permission(request, obj):
            fields += ["status"]
        if not self.has_publish_permission(request, obj):
            fields += ["publish_at"]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.is_working_draft:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/draft/<str:step>/",
                self.admin_site.admin_view(self.draft_view),
                name="guide_career_draft",
            ),
            path(
                "<path:object_id>/audit/",
                self.admin_site.admin_view(self.audit_view),
                name="guide_career_audit",
            ),
        ]
        return own + super().get_urls()

    def draft_view(self, request, object_id, step):
        """POST only: start a working draft of a live guide, publish one, or discard one."""
        career = get_object_or_404(Career.objects.select_related("draft_of"), pk=unquote(object_id))
        if request.method != "POST" or step not in {"start", "publish", "discard"}:
            return redirect(reverse("admin:guide_career_change", args=[career.pk]))
        if not super().has_change_permission(request):
            raise PermissionDenied
        if step == "start":
            if not career.is_published or career.is_working_draft:
                self.message_user(
                    request, "Only a live guide gets a working draft.", messages.ERROR
                )
                return redirect(reverse("admin:guide_career_change", args=[career.pk]))
            draft = drafts.start_draft(live=career, user=request.user)
            self.message_user(
                request,
                "This is the working draft. Visitors keep seeing the live guide until a "
                "publisher publishes it.",
                messages.SUCCESS,
            )
            return redirect(reverse("admin:guide_career_change", args=[draft.pk]))
        if not career.is_working_draft:
            raise PermissionDenied
        live = career.draft_of
        if step == "discard":
            if request.POST.get("confirm") != "yes":
                self.message_user(
                    request, "Tick “Throw this draft away” to discard it.", messages.ERROR
                )
                return redirect(reverse("admin:guide_career_change", args=[career.pk]))
            drafts.discard_draft(draft=career)
            self.message_user(request, "The working draft was discarded.", messages.SUCCESS)
            return redirect(reverse("admin:guide_career_change", args=[live.pk]))
        if not self.has_publish_permission(request, career):
            raise PermissionDenied
        outcome = drafts.publish_draft(draft=career, user=request.user)
        if not outcome.published:
            self.message_user(
                request,
                "Not published; the live guide is unchanged. Fix these first: "
                + "; ".join(outcome.reasons),
                messages.ERROR,
            )
            return redirect(reverse("admin:guide_career_change", args=[career.pk]))
        self.message_user(request, f"Published: {outcome.summary}.", messages.SUCCESS)
        return redirect(reverse("admin:guide_career_change", args=[live.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            working = obj.draft_of if obj.is_working_draft else None
            context.update(
                working_draft_of=working,
                draft_changes=drafts.draft_changes(obj) if working else None,
                existing_draft=Career.objects.filter(draft_of=obj).first(),
                can_publish=self.has_publish_permission(request, obj),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _create_formsets(self, request, obj, change):
        """Hand the key-fact formset the career form and its siblings (FigureRulesFormSet)."""
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        for formset in formsets:
            if isinstance(formset, FigureRulesFormSet):
                formset.career_form = getattr(obj, "_admin_form", None)
                formset.siblings = formsets
        return formsets, inline_instances

    def changeform_view(self, request, *args, **kwargs):
        # The guide and all its changed inline rows are saved, then searched-for once.
        with search.batch():
            response = super().changeform_view(request, *args, **kwargs)
        adminform = getattr(response, "context_data", {}).get("adminform")
        if adminform is not None and getattr(adminform.form, "conflict", False):
            response.status_code = 409  # someone else saved first: nothing was saved
        return response

    @admin.display(description="last changed", ordering="updated_at")
    def last_changed(self, career):
        return timezone.localtime(career.updated_at).date()

    @admin.display(description="skills", ordering="skill_count")
    def skill_count(self, career):
        return career.skill_count

    @admin.display(description="Page")
    def preview_link(self, career):
        if not career.pk:
            return "Save first to preview."
        if career.is_working_draft:
            label = "Preview the working draft"
        else:
            label = "View the live page" if career.is_published else "Preview the draft"
        return format_html('<a href="{}" target="_blank">{}</a>', career.get_absolute_url(), label)

    def _set_status(self, request, queryset, status, comment) -> int:
        """Change each guide's status with save(), so that its history records the change.

        The list view already runs inside a revision (VersionAdmin); the block below joins
        it, or makes one when called from elsewhere."""
        count = 0
        for career in queryset:
            with reversion.create_revision():
                career.status = status
                career.save(update_fields=["status"])
                reversion.set_user(request.user)
                reversion.set_comment(comment)
            count += 1
        content_changed()
        return count

    @admin.action(description="Publish the selected guides", permissions=["publish"])
    def publish(self, request, queryset):
        queryset = queryset.filter(draft_of__isnull=True)  # drafts of live guides: publish them
        count = self._set_status(request, queryset, Career.Status.PUBLISHED, "Published.")
        self.message_user(request, f"Published {count} guide(s).", messages.SUCCESS)

    @admin.action(
        description="Unpublish the selected guides (back to draft)", permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        count = self._set_status(request, queryset, Career.Status.DRAFT, "Moved back to draft.")
        self.message_user(request, f"Moved {count} guide(s) back to draft.", messages.SUCCESS)

    # History: reversion stores the revisions; the diff and the restore are ours.

    def history_view(self, request, object_id, extra_context=None):
        career = get_object_or_404(Career, pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, career):
            raise PermissionDenied
        context = {"changes": history(career), "can_restore": self._can_restore(request, career)}
        context.update(extra_context or {})
        return admin.ModelAdmin.history_view(self, request, object_id, context)

    def _can_restore(self, request, career) -> bool:
        """Rolling back a live guide is publishing an old version: it takes the publish
        permission. A draft nobody sees can be rolled back by anyone who may change it."""
        if not self.has_change_permission(request, career):
            return False
        return not career.is_published or self.has_publish_permission(request, career)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """One revision: what it changed, and (POST) restoring the guide to it."""
        career = get_object_or_404(Career, pk=unquote(object_id))
        version = get_object_or_404(
            Version.objects.get_for_object(career).select_related("revision__user"),
            pk=version_id,
        )
        if not self.has_view_or_change_permission(request, career):
            raise PermissionDenied
        can_restore = self._can_restore(request, career)
        if request.method == "POST":
            if not can_restore:
                raise PermissionDenied
            restored = restore_revision(career=career, revision=version.revision, user=request.user)
            if restored.refused:
                self.message_user(
                    request,
                    "Not restored; the live guide is unchanged. That version fails today's "
                    "checks: " + "; ".join(restored.refused),
                    messages.ERROR,
                )
                return redirect(request.path)
            self.message_user(request, restored.revision.get_comment(), messages.SUCCESS)
            if restored.left_out:
                self.message_user(
                    request,
                    "Some parts could not be restored: " + "; ".join(restored.left_out),
                    messages.WARNING,
                )
            return redirect(reverse("admin:guide_career_change", args=[career.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": career,
            "title": f"{career}: the revision of {version.revision.date_created:%Y-%m-%d %H:%M}",
            "changes": revision_changes(career, version.revision),
            "can_restore": can_restore,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.revision_form_template, context)

    # --- Figure audit (guide/audit.py, docs/editing.md "Figure audit"): every figure of one
    # guide with its source, date and warnings, at <pk>/audit/, linked from the change page.

    def audit_view(self, request, object_id):
        career = self.get_object(request, unquote(object_id))
        if career is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, career):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": career,
            "title": f"Figures of “{career}”",
            "audit": career_audit(career),
        }
        return TemplateResponse(request, "admin/guide/career/audit.html", context)


class SkillAnchorInline(admin.TabularInline):
    """The skill's own description of each level; a level left out uses the generic one."""

    model = SkillAnchor
    extra = 0
    max_num = len(SkillAnchor._meta.get_field("level").choices)
    fields = ["level", "text"]
    verbose_name_plural = "what each level looks like for this skill (optional)"


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "career_count"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["content_key"]
    inlines = [SkillAnchorInline]

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
