"""Careers and every part of a career guide.

A Career owns ordered parts (responsibilities, steps, levels, sections, FAQ ...).
Skills are shared entities linked to many careers through CareerSkill, which is
what makes comparison and cross-career gap analysis possible. Prose fields hold
Markdown written by staff; templates render it through `guide.markdown.render`,
which sanitises the HTML, so nothing staff type is trusted as raw HTML.
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse


def content_key_field():
    """The key of the shipped content item a row was loaded from (see guide/shipped.py).

    Set once by the loader, never edited: the loader matches rows by it instead of by a
    name or slug that staff may change. Rows staff create themselves have none.
    """
    return models.CharField(
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Key of the shipped content this was loaded from; empty for staff-made rows.",
    )


class PayBasis(models.TextChoices):
    """What a pay figure counts (see docs/content-format.md, "Figures and their basis")."""

    BASE = "base", "Base salary"
    TOTAL = "total", "Total compensation"


class PayScope(models.TextChoices):
    """Whose pay a figure describes."""

    NATIONAL = "national", "National"
    COMPANY = "company", "One company"
    REGIONAL = "regional", "Regional"


class PayFigure(models.Model):
    """What every pay figure states beside its number: basis, scope and whether it is ours.

    The date the figure refers to is `as_of` on each model. The rules that tie these
    together (an estimate never cites an official source, a figure states its basis) live
    in guide/figures.py, which the loader and the admin both call.

    The new columns here and on Career and Source have database defaults (`db_default`)
    so that code and migrations that predate them can still insert rows.
    """

    pay_basis = models.CharField(
        max_length=5,
        choices=PayBasis.choices,
        blank=True,
        db_default="",
        help_text="Base salary only, or total compensation (base, bonus and stock).",
    )
    pay_scope = models.CharField(
        max_length=8,
        choices=PayScope.choices,
        blank=True,
        db_default="",
        help_text="Whose pay: the whole country, one company's staff, or a region (a state, "
        "metro area or country).",
    )
    is_estimate = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Tick when the figure is our own estimate, not a published statistic. The "
        "page then says so, and it must not cite an official source.",
    )

    class Meta:
        abstract = True


class CategoryQuerySet(models.QuerySet):
    def with_published_careers(self):
        """Categories that hold at least one published career: the filters the public sees."""
        return self.filter(
            models.Exists(Career.objects.published().filter(category=models.OuterRef("pk")))
        )


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, help_text="One or two sentences, shown on filters.")
    content_key = content_key_field()

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "category"
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


IMPORTANCE_MAX = 5  # a career skill's importance runs from 1 to this


class Proficiency(models.IntegerChoices):
    """The 0–4 scale a career expects of a skill and a user rates themselves on.

    The label names the step ("Working"); `anchor` says what it means in practice, as the
    skills-gap form and its result put it. See docs/scoring.md."""

    NONE = 0, "None"
    BASIC = 1, "Basic"
    WORKING = 2, "Working"
    STRONG = 3, "Strong"
    EXPERT = 4, "Expert"

    @property
    def anchor(self) -> str:
        return _PROFICIENCY_ANCHORS[self.value]

    @property
    def rating_label(self) -> str:
        """How a rating reads wherever one is chosen: the form's choices and the API's docs."""
        return f"{self.value} — {self.anchor}"

    @classmethod
    def anchors(cls) -> dict[int, str]:
        """Value → what it means, lowest first, for forms and templates."""
        return {member.value: member.anchor for member in cls}


_PROFICIENCY_ANCHORS = {
    0: "Never used it",
    1: "Know the basics; have tried it with help",
    2: "Use it on my own for everyday work",
    3: "Handle hard cases; others ask me about it",
    4: "Could teach it and set standards for a team",
}
Proficiency.RANGE = f"from {min(Proficiency.values)} to {max(Proficiency.values)}"


class Skill(models.Model):
    class Kind(models.TextChoices):
        TECHNICAL = "technical", "Technical"
        SOFT = "soft", "Soft"

    name = models.CharField(
        max_length=120, unique=True, help_text="Shared by every career that needs this skill."
    )
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TECHNICAL)
    description = models.TextField(
        blank=True, help_text="What the skill covers, in a sentence or two (Markdown)."
    )
    content_key = content_key_field()

    class Meta:
        ordering = ["name"]
        verbose_name = "skill"
        verbose_name_plural = "skills"

    def __str__(self):
        return self.name

    def level_anchors(self) -> dict[int, str]:
        """Level → what it looks like for this skill, lowest first: the skill's own anchor
        where staff wrote one, the generic `Proficiency` anchor otherwise. Reads
        `self.anchors.all()`, so prefetch `anchors` when doing this for many skills."""
        own = {anchor.level: anchor.text for anchor in self.anchors.all()}
        return {level: own.get(level, generic) for level, generic in Proficiency.anchors().items()}


class SkillAnchor(models.Model):
    """What one level of the 0–4 scale looks like in practice for one skill.

    Optional: a level without one falls back to the generic `Proficiency` anchor. Shown
    next to the skill's rating choices on the skills-gap form (docs/scoring.md)."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="anchors")
    level = models.PositiveSmallIntegerField(
        choices=Proficiency.choices,
        help_text="The step of the 0–4 scale this describes.",
    )
    text = models.CharField(
        max_length=300,
        help_text="What someone at this level can do with this skill, in one plain sentence "
        "a reader can check against their own work (no Markdown).",
    )
    content_key = content_key_field()

    class Meta:
        ordering = ["skill__name", "level"]
        verbose_name = "skill level anchor"
        verbose_name_plural = "skill level anchors"
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "level"], name="guide_skillanchor_one_per_level"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=0, level__lte=4),
                name="guide_skillanchor_level_0_4",
            ),
        ]

    def __str__(self):
        return f"{self.skill}: {self.level} ({self.get_level_display()})"


# Words of a search beyond this many are ignored (the page and the API say so). This bounds
# the work a single request can ask for (the query text, and typo lookups one per word).
MAX_SEARCH_WORDS = 8


class CareerQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: used by every public view, the sitemap and the API."""
        return self.filter(status=Career.Status.PUBLISHED)

    def guides(self):
        """Every guide but the working drafts of live ones (guide/drafts.py): what the
        figure checks compare and what the career list in the admin leads with."""
        return self.filter(draft_of__isnull=True)

    def search(self, words):
        """These careers holding every word (a string or a list of words) anywhere in their
        guide, best first, with `search_rank` (guide/search.py; `search.add_snippets` cuts
        the passages of the page shown).

        Only the first MAX_SEARCH_WORDS words count. Each career has one search document,
        so the match is one indexed lookup whatever the number of words: no join over the
        guide's parts, no DISTINCT.
        """
        from .search import ranked

        if isinstance(words, str):
            words = words.split()
        return ranked(self, list(words)[:MAX_SEARCH_WORDS])


class Career(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=120, help_text='The role, e.g. "Amazon Engineer".')
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The address: /careers/<slug>/. Avoid changing it."
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="careers", null=True, blank=True
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Only published guides are visible to the public. Staff can preview drafts.",
    )
    featured = models.BooleanField(default=False, help_text="Show on the home page.")
    summary = models.TextField(
        max_length=600, help_text="Two or three plain sentences for lists, search and the page top."
    )
    # Key facts. Each has a citation row in KeyFact.
    median_salary_usd = models.PositiveIntegerField(
        null=True, blank=True, help_text="Median yearly pay in US dollars."
    )
    salary_low_usd = models.PositiveIntegerField(
        null=True, blank=True, help_text="Low end of the typical pay range, USD."
    )
    salary_high_usd = models.PositiveIntegerField(
        null=True, blank=True, help_text="High end of the typical pay range, USD."
    )
    salary_high_open = models.BooleanField(
        default=False, help_text='Tick when the range has no real top ("$350k+").'
    )
    pay_override = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Show the median and range typed here instead of the official figures of the "
        "career's primary standard occupation. Cite them in the key fact citations below.",
    )
    growth_outlook_pct = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Projected employment growth over the period, in percent.",
    )
    growth_period = models.CharField(
        max_length=20, blank=True, help_text='Projection period, e.g. "2022–32".'
    )
    annual_openings = models.PositiveIntegerField(
        null=True, blank=True, help_text="Projected openings per year (growth plus replacements)."
    )
    typical_education = models.TextField(blank=True, help_text="Markdown allowed.")
    time_to_ready = models.CharField(
        max_length=200,
        blank=True,
        db_default="",  # rows written by code or migrations older than the column still insert
        help_text="How long it usually takes to become hireable from scratch, in one phrase, e.g. "
        '"9–18 months of focused study". Shown in the guide\'s 60-second summary.',
    )
    top_industries = models.TextField(blank=True, help_text="Comma-separated, most common first.")
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When an editor last checked every fact in this guide."
    )
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="A draft with a time here is published then by the publish_due command "
        "(run by cron, docs/deploy.md), if its figures pass the checks. Leave empty to "
        "publish by hand.",
    )
    content_key = content_key_field()
    draft_of = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="working_draft",
        help_text="The live guide this is a working draft of (guide/drafts.py). Publishing the "
        "draft copies it onto that guide; the draft itself is never public.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    related = models.ManyToManyField(
        "self", through="RelatedCareer", symmetrical=False, related_name="+", blank=True
    )

    objects = CareerQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = "career"
        verbose_name_plural = "careers"
        permissions = [
            ("publish_career", "Can publish guides and their drafts, schedule and roll back"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_low_usd__isnull=True)
                | models.Q(salary_high_usd__isnull=True)
                | models.Q(salary_low_usd__lte=models.F("salary_high_usd")),
                name="guide_career_salary_range_ordered",
            ),
        ]
        indexes = [
            # Serves CareerQuerySet.published() ordered by title on /careers/ and the sitemap.
            models.Index(fields=["status", "title"], name="guide_career_status_title"),
        ]

    def __str__(self):
        # Read without a query: a career loaded with only() some fields has no draft_of.
        return f"{self.title} (working draft)" if self.__dict__.get("draft_of_id") else self.title

    def get_absolute_url(self):
        return reverse("guide:career-detail", kwargs={"slug": self.slug})

    def clean(self):
        if (
            self.salary_low_usd is not None
            and self.salary_high_usd is not None
            and self.salary_low_usd > self.salary_high_usd
        ):
            raise ValidationError(
                {"salary_high_usd": "The high end must not be below the low end."}
            )
        if self.publish_at and self.status == self.Status.PUBLISHED:
            raise ValidationError(
                {"publish_at": "This guide is already published; clear the publish time."}
            )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_working_draft(self) -> bool:
        return self.draft_of_id is not None

    @property
    def industries_list(self) -> list[str]:
        return [item.strip() for item in self.top_industries.split(",") if item.strip()]


class CareerPart(models.Model):
    """Base for the ordered parts of a guide."""

    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")
    # In a working draft (guide/drafts.py): the id of the live guide's part this row was
    # copied from, so publishing updates that part in place and members' links to it hold.
    origin_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class Source(CareerPart):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=200)
    publisher = models.CharField(max_length=120, blank=True)
    url = models.URLField(max_length=500, blank=True)
    accessed = models.DateField(null=True, blank=True, help_text="When the source was read.")
    official = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Published by a government statistics office (BLS, O*NET). Figures cited to it "
        "are official statistics, never our own estimates.",
    )
    edition = models.CharField(
        max_length=40,
        blank=True,
        db_default="",
        help_text='The release or projection period the source gives, e.g. "May 2025" for pay '
        'or "2024–34" for projections. A growth figure must state the same period.',
    )

    class Meta(CareerPart.Meta):
        verbose_name = "source"
        verbose_name_plural = "sources"

    def __str__(self):
        return f"{self.publisher}: {self.title}" if self.publisher else self.title


class KeyFact(CareerPart, PayFigure):
    """The citation for one key fact; the value itself lives on the Career.

    The pay facts (median and range) also state their basis and scope; the others leave
    them empty. `is_estimate` applies to any fact."""

    class Kind(models.TextChoices):
        MEDIAN_SALARY = "median_salary", "Median salary"
        SALARY_RANGE = "salary_range", "Salary range"
        GROWTH = "growth", "Growth outlook"
        OPENINGS = "openings", "Annual openings"
        EDUCATION = "education", "Typical education"
        INDUSTRIES = "industries", "Top industries"

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="key_facts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the figure covers, e.g. the occupation it is for.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="key_facts",
        help_text="Save new sources first; then pick one of this guide's sources.",
    )
    as_of = models.DateField(null=True, blank=True, help_text="The date the figure refers to.")

    class Meta(CareerPart.Meta):
        verbose_name = "key fact citation"
        verbose_name_plural = "key fact citations"
        constraints = [
            models.UniqueConstraint(fields=["career", "kind"], name="guide_keyfact_one_per_kind"),
        ]

    def __str__(self):
        return f"{self.career}: {self.get_kind_display()}"

    PAY_KINDS = frozenset({"median_salary", "salary_range"})

    @property
    def is_pay(self) -> bool:
        return self.kind in self.PAY_KINDS

    def clean(self):
        from .figures import raise_row_problems

        if self.source_id and self.career_id and self.source.career_id != self.career_id:
            raise ValidationError({"source": "Pick a source that belongs to this guide."})
        raise_row_problems(self, has_pay=self.is_pay)


class Responsibility(CareerPart):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="responsibilities")
    text = models.TextField(help_text="One duty, one or two sentences (Markdown).")

    class Meta(CareerPart.Meta):
        verbose_name = "responsibility"
        verbose_name_plural = "responsibilities"

    def __str__(self):
        return self.text[:60]


class CareerSkill(CareerPart):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="career_skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="career_skills")
    importance = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="How much the skill matters for this career: 1 (nice to have) to 5 (essential).",
    )
    expected_proficiency = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(4)],
        help_text="Proficiency expected at the career's main level: 0 (none) to 4 (expert).",
    )
    detail = models.TextField(
        blank=True, help_text="What this career needs of the skill in particular (Markdown)."
    )

    class Meta(CareerPart.Meta):
        verbose_name = "career skill"
        verbose_name_plural = "career skills"
        constraints = [
            models.UniqueConstraint(fields=["career", "skill"], name="guide_careerskill_unique"),
            models.CheckConstraint(
                condition=models.Q(importance__gte=1, importance__lte=5),
                name="guide_careerskill_importance_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(expected_proficiency__gte=0, expected_proficiency__lte=4),
                name="guide_careerskill_proficiency_0_4",
            ),
        ]

    def __str__(self):
        return f"{self.skill} for {self.career}"

    # The scales' tops, for pages that say "3 of 5" without typing a number.
    importance_max = IMPORTANCE_MAX
    proficiency_max = max(Proficiency.values)

    @property
    def expected_label(self) -> str:
        return Proficiency(self.expected_proficiency).label

    @property
    def importance_pips(self) -> list[bool]:
        """One flag per step of the importance scale: filled up to this skill's importance."""
        return [step <= self.importance for step in range(1, IMPORTANCE_MAX + 1)]


class EducationPath(CareerPart):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="education_paths")
    title = models.CharField(max_length=160)
    description = models.TextField(blank=True, help_text="Markdown.")
    typical_cost = models.CharField(max_length=80, blank=True, help_text='e.g. "$7k–20k".')
    typical_duration = models.CharField(max_length=80, blank=True, help_text='e.g. "3–6 months".')

    class Meta(CareerPart.Meta):
        verbose_name = "education path"
        verbose_name_plural = "education paths"

    def __str__(self):
        return self.title


class Step(CareerPart):
    """One step of "how to become"; these also become the steps of a user's plan."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(max_length=160)
    body = models.TextField(help_text="Markdown.")
    duration = models.CharField(max_length=80, blank=True, help_text='e.g. "3–6 months".')

    class Meta(CareerPart.Meta):
        verbose_name = "step"
        verbose_name_plural = "how-to-become steps"

    def __str__(self):
        return self.title


class CareerLevel(CareerPart, PayFigure):
    """A rung of the career ladder, with its pay where known (the salary-by-level table).

    Pay is a range (low–high) and/or a median and average; whichever is given states its
    basis, scope, source and date (PayFigure)."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="levels")
    title = models.CharField(max_length=120)
    years_min = models.PositiveSmallIntegerField(
        default=0, help_text="Typical years of experience."
    )
    years_max = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty for an open end (“10+ years”)."
    )
    scope = models.TextField(blank=True, help_text="What someone at this level owns (Markdown).")
    focus_areas = models.TextField(blank=True, help_text="What to work on here (Markdown).")
    salary_low_usd = models.PositiveIntegerField(
        null=True, blank=True, help_text="Low end of this level's pay range, USD a year."
    )
    salary_high_usd = models.PositiveIntegerField(
        null=True, blank=True, help_text="High end of this level's pay range, USD a year."
    )
    salary_high_open = models.BooleanField(
        default=False,
        db_default=False,
        help_text='Tick when the range has no real top ("$500k+").',
    )
    salary_median_usd = models.PositiveIntegerField(null=True, blank=True)
    salary_average_usd = models.PositiveIntegerField(null=True, blank=True)
    base_low_usd = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="When the row's pay is total compensation: the low end of this level's base "
        "salary alone, USD a year (as of the row's date).",
    )
    base_high_usd = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The high end of this level's base salary; the same as the low end when the "
        "source gives one typical figure.",
    )
    base_source = models.ForeignKey(
        "Source",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where the base salary comes from, when not the row's own source.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where the pay figures come from; one of this guide's sources.",
    )
    as_of = models.DateField(
        null=True, blank=True, help_text="The date or period start the pay figures refer to."
    )
    expectation_offset = models.SmallIntegerField(
        default=0,
        validators=[MinValueValidator(-4), MaxValueValidator(4)],
        help_text=(
            "How this level's skill expectations differ from the career's main level, used by "
            "the skills-gap analysis: -1 expects one point less on every skill, +1 one more "
            "(always kept within 0–4)."
        ),
    )

    class Meta(CareerPart.Meta):
        verbose_name = "career level"
        verbose_name_plural = "career levels and salary by level"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years_max__isnull=True)
                | models.Q(years_max__gte=models.F("years_min")),
                name="guide_careerlevel_years_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(expectation_offset__gte=-4, expectation_offset__lte=4),
                name="guide_careerlevel_offset_range",
            ),
            models.CheckConstraint(
                condition=models.Q(salary_low_usd__isnull=True)
                | models.Q(salary_high_usd__isnull=True)
                | models.Q(salary_low_usd__lte=models.F("salary_high_usd")),
                name="guide_careerlevel_salary_range_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(base_low_usd__isnull=True)
                | models.Q(base_high_usd__isnull=True)
                | models.Q(base_low_usd__lte=models.F("base_high_usd")),
                name="guide_careerlevel_base_range_ordered",
                violation_error_message="The base salary's low end is above its high end.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def has_pay(self) -> bool:
        return any(
            value is not None
            for value in (
                self.salary_low_usd,
                self.salary_high_usd,
                self.salary_median_usd,
                self.salary_average_usd,
            )
        )

    def clean(self):
        from .figures import raise_row_problems

        raise_row_problems(self, has_pay=self.has_pay)

    @property
    def years_label(self) -> str:
        if self.years_max is None:
            return f"{self.years_min}+ years"
        return f"{self.years_min}–{self.years_max} years"


class RegionalSalary(CareerPart, PayFigure):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="regional_salaries")
    region = models.CharField(max_length=120)
    salary_usd = models.PositiveIntegerField(
        null=True, blank=True, help_text="Typical (median) yearly pay converted to USD."
    )
    salary_low_usd = models.PositiveIntegerField(
        null=True, blank=True, help_text="Low end of the pay range, converted to USD."
    )
    salary_high_usd = models.PositiveIntegerField(
        null=True, blank=True, help_text="High end of the pay range, converted to USD."
    )
    salary_note = models.CharField(
        max_length=200, blank=True, help_text='Shown beside the figure, e.g. "range $90k–$160k".'
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where the pay figures come from; one of this guide's sources.",
    )
    as_of = models.DateField(
        null=True, blank=True, help_text="The date or period start the pay figures refer to."
    )

    class Meta(CareerPart.Meta):
        verbose_name = "regional salary"
        verbose_name_plural = "regional salaries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_low_usd__isnull=True)
                | models.Q(salary_high_usd__isnull=True)
                | models.Q(salary_low_usd__lte=models.F("salary_high_usd")),
                name="guide_regionalsalary_range_ordered",
            ),
        ]

    def __str__(self):
        return self.region

    @property
    def has_pay(self) -> bool:
        return any(
            v is not None for v in (self.salary_usd, self.salary_low_usd, self.salary_high_usd)
        )

    def clean(self):
        from .figures import raise_row_problems

        raise_row_problems(self, has_pay=self.has_pay)


class Section(CareerPart):
    """Free-form prose: work environment, tools, market reality, remote work, visas ..."""

    class Placement(models.TextChoices):
        ROLE = "role", "With “the role” (after the summary)"
        SKILLS = "skills", "Before the skills list"
        EDUCATION = "education", "With education and training"
        SALARY = "salary", "After the salary table"
        PATH = "path", "After the career path"
        OUTLOOK = "outlook", "Market, remote work and beyond"

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=160)
    placement = models.CharField(
        max_length=10,
        choices=Placement.choices,
        default=Placement.OUTLOOK,
        help_text="Where on the page the section appears; within a place, by order.",
    )
    anchor = models.SlugField(
        max_length=80, help_text="Used for the link in the table of contents."
    )
    body = models.TextField(help_text="Markdown. Headings, lists, links and tables are allowed.")

    class Meta(CareerPart.Meta):
        verbose_name = "prose section"
        verbose_name_plural = "prose sections"
        constraints = [
            models.UniqueConstraint(
                fields=["career", "anchor"], name="guide_section_anchor_unique"
            ),
        ]

    def __str__(self):
        return self.title


class Specialization(CareerPart):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="specializations")
    title = models.CharField(max_length=160)
    body = models.TextField(help_text="Markdown.")

    class Meta(CareerPart.Meta):
        verbose_name = "emerging specialization"
        verbose_name_plural = "emerging specializations"

    def __str__(self):
        return self.title


class ProCon(CareerPart):
    class Kind(models.TextChoices):
        PRO = "pro", "Pro"
        CON = "con", "Con"

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="pros_cons")
    kind = models.CharField(max_length=3, choices=Kind.choices)
    text = models.TextField(help_text="Markdown.")

    class Meta(CareerPart.Meta):
        verbose_name = "pro or con"
        verbose_name_plural = "pros and cons"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:50]}"


class FAQ(CareerPart):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text="Markdown.")

    class Meta(CareerPart.Meta):
        verbose_name = "FAQ"
        verbose_name_plural = "FAQ"

    def __str__(self):
        return self.question


class RelatedCareer(CareerPart):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="related_links")
    related_career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=300, blank=True, help_text="Why the two are related.")

    class Meta(CareerPart.Meta):
        verbose_name = "related career"
        verbose_name_plural = "related careers"
        constraints = [
            models.UniqueConstraint(
                fields=["career", "related_career"], name="guide_relatedcareer_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(career=models.F("related_career")),
                name="guide_relatedcareer_not_self",
            ),
        ]

    def __str__(self):
        return f"{self.career} → {self.related_career}"


class CareerOccupation(CareerPart):
    """A standard occupation whose official figures describe this career (or a slice of it)."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="occupations")
    occupation = models.ForeignKey(
        "occupations.Occupation", on_delete=models.PROTECT, related_name="career_links"
    )
    primary = models.BooleanField(
        default=False,
        help_text="The occupation whose official pay heads the guide. One per career.",
    )
    fit_note = models.CharField(
        max_length=300,
        blank=True,
        help_text='How well the occupation fits, e.g. "Amazon engineers are one slice of it."',
    )

    class Meta(CareerPart.Meta):
        verbose_name = "standard occupation"
        verbose_name_plural = "standard occupations"
        constraints = [
            models.UniqueConstraint(
                fields=["career", "occupation"], name="guide_careeroccupation_unique"
            ),
            models.UniqueConstraint(
                fields=["career"],
                condition=models.Q(primary=True),
                name="guide_careeroccupation_one_primary",
                violation_error_message="A career has one primary occupation.",
            ),
        ]

    def __str__(self):
        return f"{self.career} ~ {self.occupation}"


class ShippedContent(models.Model):
    """One shipped content item this database has been given, kept after staff delete it.

    A key recorded here with no row carrying it as `content_key` is an item staff
    deleted; the loaders leave it deleted unless an operator restores it.
    """

    kind = models.CharField(
        max_length=60, help_text='The model the item was loaded into, e.g. "guide.career".'
    )
    key = models.CharField(max_length=120, help_text="The item's key in the content files.")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "key"]
        verbose_name = "shipped content record"
        verbose_name_plural = "shipped content records"
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="guide_shippedcontent_unique"),
        ]

    def __str__(self):
        return f"{self.kind} {self.key}"


class SearchDocument(models.Model):
    """Every word of one career's guide as plain text, for search (see guide/search.py).

    Rebuilt from the guide whenever any part of it is saved or deleted; never edited by
    hand. Three fields, because where a word appears decides how a result ranks: the
    title first, then the summary, category and skill names, then the rest of the guide.
    On PostgreSQL `vector` holds the weighted full-text vector (GIN index, migration
    0008); on SQLite the same text is also written to an FTS5 table (migration 0008).
    """

    career = models.OneToOneField(
        Career, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField()
    keywords = models.TextField(help_text="Summary, category and skill names.")
    body = models.TextField(help_text="Every other word of the guide, Markdown stripped.")
    vector = SearchVectorField(null=True, editable=False)  # PostgreSQL only; NULL on SQLite
    # PostgreSQL only: the title (A) and keywords (B) alone, small enough to test the ranking
    # tiers without reading the whole guide's vector again (docs/search.md).
    head = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "search document"
        verbose_name_plural = "search documents"
        default_permissions = ()  # derived data: nobody edits it, not even staff

    def __str__(self):
        return self.title


class SearchTerm(models.Model):
    """One word found in some guide: the vocabulary that typo correction picks from.

    Words are added as guides are indexed; `reindex_search` rebuilds the list, dropping
    words no guide holds any more.
    """

    # The unique index serves the "which of these words are known" lookup; on PostgreSQL a
    # trigram GIN index (migration 0008) serves the lookup of words similar to a typo.
    term = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["term"]
        verbose_name = "search term"
        verbose_name_plural = "search terms"
        default_permissions = ()  # derived data: nobody edits it, not even staff

    def __str__(self):
        return self.term
