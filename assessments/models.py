"""Assessments: readiness questions, learning resources, results (snapshots) and plans.

A Result is a snapshot: it stores, in `items`, every question text, skill name,
weight and expected level it was scored against, so a user's history reads the same
after staff edit, reorder or delete the guide. The scoring itself lives in
`assessments.scoring` and is documented in docs/scoring.md.
"""

import uuid
from functools import cached_property

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from guide.models import Career, CareerLevel, Skill, Step, content_key_field

from .snapshot import Snapshot

MAX_YEARS_OF_EXPERIENCE = 60


class Goal(models.Model):
    """Where a user is heading: a target career and level, and the experience they have.

    One per user, created on first save. It is the starting point of assessments and
    plans, so it lives here and not in accounts. The rules for changing it are in
    `assessments.goals.goal_clean`.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goal"
    )
    target_career = models.ForeignKey(
        Career,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The career the user is working towards. Only published guides can be "
        "picked; one saved earlier stays when its guide is unpublished.",
    )
    target_level = models.ForeignKey(
        CareerLevel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="A level of the target career; it must belong to that career.",
    )
    years_of_experience = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_YEARS_OF_EXPERIENCE)],
        help_text=f"Years of relevant work experience, 0 to {MAX_YEARS_OF_EXPERIENCE}.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__email"]
        verbose_name = "goal"
        verbose_name_plural = "goals"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years_of_experience__isnull=True)
                | models.Q(
                    years_of_experience__gte=0,
                    years_of_experience__lte=MAX_YEARS_OF_EXPERIENCE,
                ),
                name="assess_goal_years_in_range",
            ),
        ]

    def __str__(self):
        return f"Goal of user #{self.user_id}"  # never the email: see accounts.services


class Dimension(models.Model):
    """A group of readiness questions: education, projects, interview preparation ..."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, help_text="What this dimension measures.")
    advice = models.TextField(
        blank=True,
        help_text="General next step shown when this dimension is among the weakest (Markdown).",
    )
    step_keywords = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "Comma-separated words. A guide step whose title contains one of them is "
            "recommended when this dimension is weak (e.g. “interview, loop”)."
        ),
    )
    order = models.PositiveIntegerField(default=0)
    content_key = content_key_field()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "readiness dimension"
        verbose_name_plural = "readiness dimensions"

    def __str__(self):
        return self.name


class QuestionQuerySet(models.QuerySet):
    def for_career(self, career: Career):
        """Active global questions plus the career's own additions, in page order, less
        the global questions staff left out for this career (`left_out_for`)."""
        return (
            self.filter(active=True)
            .filter(models.Q(career__isnull=True) | models.Q(career=career))
            .exclude(left_out_for=career)
            .select_related("dimension")
            .order_by("dimension__order", "dimension__name", "order", "pk")
        )


class Question(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="questions")
    career = models.ForeignKey(
        Career,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="readiness_questions",
        help_text="Empty: asked for every career. Set: an addition asked only for this career.",
    )
    left_out_for = models.ManyToManyField(
        Career,
        blank=True,
        related_name="readiness_questions_left_out",
        help_text="For a question asked for every career: the careers it is not asked for, "
        "because their guide says it does not matter there. Past results keep their answers.",
    )
    text = models.CharField(max_length=300)
    help_text = models.CharField(
        max_length=300, blank=True, help_text="Optional hint shown under the question."
    )
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(
        default=True, help_text="Untick to stop asking it; past results keep their answers."
    )
    content_key = content_key_field()

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["dimension__order", "order", "pk"]
        verbose_name = "readiness question"
        verbose_name_plural = "readiness questions"
        indexes = [
            # Serves QuestionQuerySet.for_career: active questions, global or of one career.
            models.Index(fields=["active", "career"], name="assess_question_active_career"),
        ]

    def __str__(self):
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=200)
    points = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(10)],
        help_text="Points this answer is worth (0–10). A question's best answer sets its maximum.",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "answer option"
        verbose_name_plural = "answer options"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(points__lte=10), name="assess_option_points_max_10"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.points})"


class Resource(models.Model):
    """A learning resource or project idea, recommended for a skill or a dimension."""

    class Kind(models.TextChoices):
        COURSE = "course", "Course"
        BOOK = "book", "Book or guide"
        PRACTICE = "practice", "Practice"
        PROJECT = "project", "Project idea"
        CERTIFICATION = "certification", "Certification"
        COMMUNITY = "community", "Community"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COURSE)
    url = models.URLField(max_length=500, blank=True)
    description = models.TextField(help_text="What to do and what it builds (Markdown).")
    skill = models.ForeignKey(
        Skill,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resources",
        help_text="Recommend it when this skill is a gap.",
    )
    dimension = models.ForeignKey(
        Dimension,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resources",
        help_text="Recommend it when this readiness dimension is weak.",
    )
    career = models.ForeignKey(
        Career,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resources",
        help_text="Empty: for every career. Set: only for this career.",
    )
    order = models.PositiveIntegerField(default=0)
    content_key = content_key_field()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "learning resource"
        verbose_name_plural = "learning resources"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(skill__isnull=False) | models.Q(dimension__isnull=False),
                name="assess_resource_has_skill_or_dimension",
                violation_error_message="Link the resource to a skill or a dimension.",
            ),
        ]

    def __str__(self):
        return self.title


class Result(models.Model):
    """One scored attempt, frozen as it was scored. Never edited after it is saved."""

    class Kind(models.TextChoices):
        SKILLS = "skills", "Skills-gap analysis"
        READINESS = "readiness", "Career readiness"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessment_results",
        help_text="Empty while the result belongs to a visitor's session.",
    )
    career = models.ForeignKey(
        Career,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Kept for links; the title below is the snapshot.",
    )
    career_title = models.CharField(max_length=120)
    career_slug = models.SlugField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    target_level = models.CharField(
        max_length=120, blank=True, help_text="Title of the level the skills were rated against."
    )
    score = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Overall percentage.",
    )
    items = models.JSONField(
        default=list, help_text="Per-skill or per-dimension snapshot with the answers."
    )
    recommendations = models.JSONField(default=list)
    snapshot_version = models.PositiveSmallIntegerField(
        default=1,
        help_text="Shape of the stored items and recommendations (assessments/snapshot.py).",
    )
    flat_answers = models.BooleanField(
        default=False, help_text="Every rating was the same, which makes the result less reliable."
    )
    guide_updated_at = models.DateTimeField(
        help_text="When the guide was last changed at the time of scoring."
    )
    submission_key = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="One per form shown, so a double submission makes one result.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "assessment result"
        verbose_name_plural = "assessment results"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="assess_result_score_0_100"
            ),
        ]
        indexes = [
            # Serves the dashboard: one user's results grouped by career and kind, newest first.
            models.Index(
                fields=["user", "career_slug", "kind", "-created_at"],
                name="assess_result_history",
            ),
            # Serves the dashboard's full history: one user's results newest first, a page
            # at a time, without reading every row.
            models.Index(fields=["user", "-created_at"], name="assess_result_newest"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.career_title}: {self.score}%"

    def get_absolute_url(self):
        return reverse("assessments:result", kwargs={"pk": self.pk})

    @cached_property
    def snapshot(self) -> Snapshot:
        """The stored items and recommendations read through their one schema."""
        return Snapshot.of(self)


class Plan(models.Model):
    """A user's plan for one career: a status and a note for each of the guide's steps.

    The plan is the user's, like their results: it outlives the guide. When staff
    delete the guide, `career` becomes empty and the title and slug kept here name it;
    while the guide is unpublished or gone the plan is shown read-only.
    """

    class GuideState(models.TextChoices):
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Not published at the moment"
        REMOVED = "removed", "Removed by the editors"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    career = models.ForeignKey(
        Career,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when staff deleted the guide; the title and slug below are kept.",
    )
    career_title = models.CharField(
        max_length=120, help_text="The guide's title when the plan was last saved."
    )
    career_slug = models.SlugField(
        max_length=120, help_text="The guide's address when the plan was last saved."
    )
    target_date = models.DateField(
        null=True, blank=True, help_text="When the user wants to be ready; drives the pace line."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "plan"
        verbose_name_plural = "plans"
        constraints = [
            # One live plan per guide; plans of removed guides (career empty) are kept apart.
            models.UniqueConstraint(
                fields=["user", "career"],
                condition=models.Q(career__isnull=False),
                name="assess_plan_one_per_career",
            ),
        ]

    def __str__(self):
        return f"Plan for {self.title} (user #{self.user_id})"

    def get_absolute_url(self):
        return reverse("assessments:plan", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        return self.career.title if self.career_id is not None else self.career_title

    @property
    def slug(self) -> str:
        """The plan page's address: the guide's slug, or the kept one once it is gone."""
        return self.career.slug if self.career_id is not None else self.career_slug

    @property
    def guide_state(self) -> str:
        if self.career_id is None:
            return self.GuideState.REMOVED
        if self.career.status != Career.Status.PUBLISHED:
            return self.GuideState.UNPUBLISHED
        return self.GuideState.PUBLISHED

    @property
    def guide_state_label(self) -> str:
        return self.GuideState(self.guide_state).label

    @property
    def read_only(self) -> bool:
        """Steps can change only while the guide is published."""
        return self.guide_state != self.GuideState.PUBLISHED


class PlanStep(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", "To do"
        DOING = "doing", "Doing"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="plan_steps")
    step = models.ForeignKey(
        Step,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when staff removed the step from the guide; the title is kept.",
    )
    step_title = models.CharField(max_length=160, help_text="The step's title when last saved.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TODO)
    note = models.TextField(max_length=4000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["step__order", "pk"]
        verbose_name = "plan step"
        verbose_name_plural = "plan steps"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "step"],
                condition=models.Q(step__isnull=False),
                name="assess_planstep_one_per_step",
            ),
        ]

    def __str__(self):
        return f"{self.step_title}: {self.get_status_display()}"


class PlanItem(models.Model):
    """Something to do that came from the user's own results, not from the guide's steps.

    Made by `services.plan_items_generate` from the latest skills-gap analysis (a gap
    per skill, and each learning resource for it) and the latest readiness result (a
    weak area, and its resources). `key` names what the item is about ("skill:12",
    "area:network", "resource:40") and is unique in its plan, so generating again after
    a new result adds what is new and keeps the status and note of what was there.
    The item keeps its own text, so it reads the same after the resource is deleted.
    """

    class Kind(models.TextChoices):
        GAP = "gap", "Skill gap"
        AREA = "area", "Readiness area"
        RESOURCE = "resource", "Learning resource"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(
        max_length=80, help_text="What the item is about: skill:<id>, area:<slug> or resource:<id>."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    skill = models.ForeignKey(
        Skill, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resource = models.ForeignKey(
        Resource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when staff deleted the resource; the text below is kept.",
    )
    subject = models.CharField(
        max_length=120, help_text="The skill or readiness area the item is for."
    )
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True, help_text="Markdown, as it was when the item was made.")
    url = models.CharField(max_length=500, blank=True)
    resource_kind = models.CharField(max_length=40, blank=True)
    why = models.TextField(blank=True, help_text="Why it was suggested, from the result.")
    priority = models.PositiveIntegerField(
        default=0, help_text="Importance × shortfall of the gap (0 for readiness areas)."
    )
    order = models.PositiveIntegerField(default=0)
    source_result = models.ForeignKey(
        Result,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The result the item was last found in.",
    )
    in_latest = models.BooleanField(
        default=True, help_text="Still a gap (or still suggested) in the latest result."
    )
    status = models.CharField(
        max_length=10, choices=PlanStep.Status.choices, default=PlanStep.Status.TODO
    )
    note = models.TextField(max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "plan item"
        verbose_name_plural = "plan items"
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="assess_planitem_one_per_key"),
        ]

    def __str__(self):
        return f"{self.title}: {self.get_status_display()}"
