"""Reads that cross guide models, shared by the HTML views and the API."""

from dataclasses import dataclass

from django.core.validators import slug_re
from django.db.models import Prefetch, QuerySet

from . import search
from .models import (
    MAX_SEARCH_WORDS,
    Career,
    CareerLevel,
    CareerOccupation,
    CareerSkill,
    KeyFact,
    ProCon,
    RelatedCareer,
    Section,
    Skill,
)

MAX_QUERY_LENGTH = 100


def search_words(query: str) -> tuple[list[str], list[str]]:
    """The words a search uses (the first MAX_SEARCH_WORDS) and the ones it leaves out."""
    words = " ".join(query.split())[:MAX_QUERY_LENGTH].split()
    return words[:MAX_SEARCH_WORDS], words[MAX_SEARCH_WORDS:]


def is_slug(value: str) -> bool:
    """A value the slug column could hold: ASCII letters, digits, - and _, 120 at most."""
    max_length = Career._meta.get_field("slug").max_length
    return bool(value) and len(value) <= max_length and slug_re.fullmatch(value) is not None


def published_career(*, slug: str, queryset: QuerySet[Career] | None = None) -> Career | None:
    """The published career at this slug, or None: the one door every caller goes through.

    `queryset` may add what the caller loads with it (prefetches, `only`). A value that
    cannot be a slug (NUL bytes, spaces, too long) is simply not found; the database
    never sees it."""
    if not isinstance(slug, str) or not is_slug(slug):
        return None
    careers = Career.objects.all() if queryset is None else queryset
    return careers.published().filter(slug=slug).first()


@dataclass
class CareerSearch:
    """What a search found, for the careers page and the API's list."""

    careers: QuerySet[Career] | list[Career]
    words: list[str]  # the words searched for (at most MAX_SEARCH_WORDS)
    ignored_words: list[str]  # the words past the limit, left out
    corrected_words: list[str] | None = None  # searched instead, when `words` found nothing

    @property
    def corrected_query(self) -> str:
        return " ".join(self.corrected_words or [])


def career_search(*, query: str = "", category: str = "") -> CareerSearch:
    """Published careers in the category (a slug) holding every search word anywhere in
    their guide, best first (see guide/search.py), each with a highlighted `snippet`; by
    title when there are no words.

    With words the result is a list, loaded in one query. When it is empty, words that no
    guide holds are corrected to the closest ones that a guide does hold and the search runs
    once more; the correction is kept only when that finds something.
    """
    careers = Career.objects.published().select_related("category")
    if category:
        careers = careers.filter(category__slug=category)
    words, ignored = search_words(query)
    if not words:
        return CareerSearch(careers=careers.order_by("title"), words=[], ignored_words=ignored)
    found = _ranked(careers, words)
    correction = None
    if not found:
        alternative = search.corrected(words)
        if alternative:
            found = _ranked(careers, alternative)
            correction = alternative if found else None
    return CareerSearch(
        careers=found, words=words, ignored_words=ignored, corrected_words=correction
    )


def _ranked(careers: QuerySet[Career], words: list[str]) -> list[Career]:
    found = list(careers.search(words))
    terms = search.query_terms(words)
    for career in found:
        career.snippet = search.snippet_html(career, terms)
    return found


def career_list(*, query: str = "", category: str = "") -> QuerySet[Career] | list[Career]:
    """The careers of `career_search`: by title, or best first when searching."""
    return career_search(query=query, category=category).careers


def career_for_page(*, slug: str, include_drafts: bool = False) -> Career | None:
    """One career with every part of its guide loaded in a fixed number of queries.

    Query plan: the career with its category (1), then one query per part:
    sources, key facts with their source, responsibilities, skills with the skill,
    education paths, steps, levels, regional salaries, sections, specializations,
    pros and cons, FAQ, related careers that are published, and standard occupations with
    the occupation (14). Total: 15.
    """
    loaded = Career.objects.select_related("category").prefetch_related(
        "sources",
        Prefetch("key_facts", queryset=KeyFact.objects.select_related("source")),
        "responsibilities",
        Prefetch("career_skills", queryset=CareerSkill.objects.select_related("skill")),
        "education_paths",
        "steps",
        "levels",
        "regional_salaries",
        "sections",
        "specializations",
        "pros_cons",
        "faqs",
        Prefetch("occupations", queryset=CareerOccupation.objects.select_related("occupation")),
        Prefetch(
            "related_links",
            queryset=RelatedCareer.objects.filter(
                related_career__status=Career.Status.PUBLISHED
            ).select_related("related_career"),
        ),
    )
    if not include_drafts:
        return published_career(slug=slug, queryset=loaded)
    return loaded.filter(slug=slug).first() if is_slug(slug) else None


@dataclass
class SalaryBar:
    level: CareerLevel
    width_pct: float


@dataclass
class GuidePage:
    """A loaded career arranged for its page: grouped parts and the table of contents."""

    career: Career
    sections: dict[str, list[Section]]
    key_facts: dict[str, KeyFact]
    technical_skills: list[CareerSkill]
    soft_skills: list[CareerSkill]
    salary_bars: list[SalaryBar]
    pros: list[ProCon]
    cons: list[ProCon]
    toc: list[tuple[str, str]]

    @classmethod
    def build(cls, career: Career) -> "GuidePage":
        sections = {placement: [] for placement in Section.Placement.values}
        for section in career.sections.all():
            sections[section.placement].append(section)
        skills = list(career.career_skills.all())
        salaried = [lvl for lvl in career.levels.all() if lvl.salary_median_usd]
        top = max((lvl.salary_average_usd or lvl.salary_median_usd for lvl in salaried), default=0)
        bars = [SalaryBar(lvl, round(100 * lvl.salary_median_usd / top, 1)) for lvl in salaried]
        pros_cons = list(career.pros_cons.all())
        page = cls(
            career=career,
            sections=sections,
            key_facts={fact.kind: fact for fact in career.key_facts.all()},
            technical_skills=[cs for cs in skills if cs.skill.kind == Skill.Kind.TECHNICAL],
            soft_skills=[cs for cs in skills if cs.skill.kind == Skill.Kind.SOFT],
            salary_bars=bars,
            pros=[item for item in pros_cons if item.kind == ProCon.Kind.PRO],
            cons=[item for item in pros_cons if item.kind == ProCon.Kind.CON],
            toc=[],
        )
        page.toc = page._table_of_contents()
        return page

    def _table_of_contents(self) -> list[tuple[str, str]]:
        c = self.career
        entries = [("key-facts", "Key facts")]
        entries += [(s.anchor, s.title) for s in self.sections["role"]]
        if c.responsibilities.all():
            entries.append(("responsibilities", "What the job involves"))
        if self.technical_skills or self.soft_skills or self.sections["skills"]:
            entries.append(("skills", "Skills"))
        if c.education_paths.all() or self.sections["education"]:
            entries.append(("education", "Education and training"))
        if c.steps.all():
            entries.append(("how-to-become", "How to get there"))
        if self.salary_bars or c.regional_salaries.all() or self.sections["salary"]:
            entries.append(("salary", "Salary"))
        if c.levels.all():
            entries.append(("career-path", "Career path"))
        entries += [(s.anchor, s.title) for s in self.sections["path"] + self.sections["outlook"]]
        if c.specializations.all():
            entries.append(("specializations", "Emerging specializations"))
        if self.pros or self.cons:
            entries.append(("pros-cons", "Pros and cons"))
        if c.faqs.all():
            entries.append(("faq", "FAQ"))
        if c.related_links.all():
            entries.append(("related", "Related careers"))
        if c.sources.all():
            entries.append(("sources", "Sources"))
        return entries


@dataclass
class SkillRow:
    name: str
    kind: str
    a: CareerSkill | None
    b: CareerSkill | None


@dataclass
class Comparison:
    a: Career
    b: Career
    shared: list[SkillRow]
    only_a: list[SkillRow]
    only_b: list[SkillRow]
    levels: list[tuple[CareerLevel | None, CareerLevel | None]]


def career_comparison(*, a_slug: str, b_slug: str) -> Comparison | None:
    """Two published careers side by side; None when either slug is unknown or a draft."""
    careers = {
        c.slug: c
        for c in Career.objects.published()
        .filter(slug__in=[a_slug, b_slug])
        .select_related("category")
        .prefetch_related(
            Prefetch("career_skills", queryset=CareerSkill.objects.select_related("skill")),
            "levels",
        )
    }
    a, b = careers.get(a_slug), careers.get(b_slug)
    if a is None or b is None:
        return None
    a_skills = {cs.skill_id: cs for cs in a.career_skills.all()}
    b_skills = {cs.skill_id: cs for cs in b.career_skills.all()}

    def by_importance(rows):
        return sorted(
            rows,
            key=lambda r: (
                -max(r.a.importance if r.a else 0, r.b.importance if r.b else 0),
                r.name,
            ),
        )

    def row(cs_a, cs_b):
        skill = (cs_a or cs_b).skill
        return SkillRow(name=skill.name, kind=skill.kind, a=cs_a, b=cs_b)

    shared = by_importance(row(a_skills[k], b_skills[k]) for k in a_skills.keys() & b_skills.keys())
    only_a = by_importance(row(a_skills[k], None) for k in a_skills.keys() - b_skills.keys())
    only_b = by_importance(row(None, b_skills[k]) for k in b_skills.keys() - a_skills.keys())
    a_levels, b_levels = list(a.levels.all()), list(b.levels.all())
    depth = max(len(a_levels), len(b_levels))
    levels = [
        (
            a_levels[i] if i < len(a_levels) else None,
            b_levels[i] if i < len(b_levels) else None,
        )
        for i in range(depth)
    ]
    return Comparison(a=a, b=b, shared=shared, only_a=only_a, only_b=only_b, levels=levels)
