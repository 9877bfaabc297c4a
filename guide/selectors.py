"""Reads that cross guide models, shared by the HTML views and the API."""

from dataclasses import dataclass

from django.core.validators import slug_re
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from occupations import selectors as official
from occupations.models import Area, Estimate, Release
from occupations.selectors import AreaPay, Citation, PaySummary, current_release

from . import search
from .figures import (
    CareerFigures,
    Headline,
    Problem,
    Statistic,
    contradictions,
    freshness_problems,
    headline_for,
    newest_projection,
    problem_place,
    row_problems,
    uncited_problems,
)
from .models import (
    MAX_SEARCH_WORDS,
    Career,
    CareerLevel,
    CareerOccupation,
    CareerSkill,
    KeyFact,
    ProCon,
    RegionalSalary,
    RelatedCareer,
    Section,
    Skill,
    Source,
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


class Counted:
    """A query whose number of rows is already known: a paginator (Django's or the API's)
    reads only the page it shows, without counting again."""

    def __init__(self, queryset: QuerySet, count: int):
        self.queryset, self._count = queryset, count

    ordered = True  # a search is always ordered, best first

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self.queryset[index]

    def __iter__(self):
        return iter(self.queryset)


@dataclass
class CareerSearch:
    """What a search found, for the careers page and the API's list."""

    careers: QuerySet[Career] | Counted
    words: list[str]  # the words searched for (at most MAX_SEARCH_WORDS)
    ignored_words: list[str]  # the words past the limit, left out
    corrected_words: list[str] | None = None  # searched instead, when `words` found nothing

    @property
    def corrected_query(self) -> str:
        return " ".join(self.corrected_words or [])

    def add_snippets(self, careers):
        """Give each of these careers (a page of `careers`) its highlighted `snippet`: done
        per page shown, so a search that finds a thousand guides costs one page of work."""
        careers = list(careers)
        if self.words:
            search.add_snippets(careers, self.corrected_words or self.words)
        return careers


def career_search(*, query: str = "", category: str = "") -> CareerSearch:
    """Published careers in the category (a slug) holding every search word anywhere in
    their guide, best first (see guide/search.py), each with a highlighted `snippet`; by
    title when there are no words.

    `careers` is a query, best first, counted once and then read only for the page shown;
    `add_snippets` marks the words in that page's careers. When nothing is found, words
    that no guide holds are corrected to the closest ones that a guide does hold and the
    search runs once more; the correction is kept only when that finds something.
    """
    careers = Career.objects.published().select_related("category")
    if category:
        careers = careers.filter(category__slug=category)
    words, ignored = search_words(query)
    if not words:
        return CareerSearch(careers=careers.order_by("title"), words=[], ignored_words=ignored)
    found = careers.search(words)
    total = search.matching(careers, words).count()
    correction = None
    if not total:
        alternative = search.corrected(words)
        if alternative:
            found_again = search.matching(careers, alternative).count()
            if found_again:
                found, total, correction = careers.search(alternative), found_again, alternative
    return CareerSearch(
        careers=Counted(found, total),
        words=words,
        ignored_words=ignored,
        corrected_words=correction,
    )


def career_list(*, query: str = "", category: str = "") -> list[Career]:
    """Every career `career_search` finds, by title or best first, with snippets."""
    found = career_search(query=query, category=category)
    return found.add_snippets(found.careers)


def career_for_page(*, slug: str, include_drafts: bool = False) -> Career | None:
    """One career with every part of its guide loaded in a fixed number of queries.

    Query plan: the career with its category (1), then one query per part:
    sources, key facts with their source, responsibilities, skills with the skill,
    education paths, steps, levels, regional salaries, sections, specializations,
    pros and cons, FAQ, related careers that are published, and the linked standard
    occupations with the occupation (14). Total: 15. With a primary occupation, its official
    pay in the newest release (`career_pay`, 1 more). The career comes back with `pay`
    (CareerPay or None) and `headline` (guide.figures.Headline, built from that same pay).
    """
    loaded = Career.objects.select_related("category").prefetch_related(
        "sources",
        Prefetch("key_facts", queryset=KeyFact.objects.select_related("source")),
        "responsibilities",
        Prefetch("career_skills", queryset=CareerSkill.objects.select_related("skill")),
        "education_paths",
        "steps",
        Prefetch("levels", queryset=CareerLevel.objects.select_related("source", "base_source")),
        Prefetch("regional_salaries", queryset=RegionalSalary.objects.select_related("source")),
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
        career = published_career(slug=slug, queryset=loaded)
    else:
        career = loaded.filter(slug=slug).first() if is_slug(slug) else None
    if career is not None:
        career.pay = career_pay(career)
        facts = {fact.kind: fact for fact in career.key_facts.all()}
        summary = career.pay.summary if career.pay else None
        official_figures = (
            NationalFigures.of(summary.national, summary.release, summary.occupation)
            if summary
            else None
        )
        career.headline = headline_for(career, facts, official_figures)
    return career


@dataclass(frozen=True)
class NationalFigures:
    """An occupation's national figures in one release, as the headline reads them (the
    same values the official pay section shows, so the two can never disagree)."""

    median_annual: int | None
    p10_annual: int | None
    p90_annual: int | None
    release: Release
    occupation: object

    @classmethod
    def of(cls, national: AreaPay | None, release: Release | None, occupation):
        if national is None or release is None:
            return None
        return cls(
            median_annual=national.median.value,
            p10_annual=national.p10.value,
            p90_annual=national.p90.value,
            release=release,
            occupation=occupation,
        )


def primary_national_estimate(career: Career) -> Estimate | None:
    """The national estimate of the career's primary occupation in the newest release.

    One query: the primary occupation and the newest release are subqueries, so careers
    without an occupation or before any import cost the same."""
    if career.pk is None:
        return None
    primary = CareerOccupation.objects.filter(career=career, primary=True).values("occupation")
    return official.national_estimate(Subquery(primary[:1]))


def career_figures(career: Career) -> CareerFigures:
    """Everything the figure rules need about one saved career, read from the database."""
    primary = (
        CareerOccupation.objects.filter(career=career, primary=True)
        .select_related("occupation")
        .first()
    )
    return CareerFigures(
        career=career,
        facts={f.kind: f for f in career.key_facts.select_related("source")},
        levels=list(career.levels.select_related("source")),
        regional=list(career.regional_salaries.select_related("source")),
        estimate=primary_national_estimate(career),
        occupation_code=primary.occupation.code if primary else None,
    )


def all_statistics(*, exclude: Career | None = None) -> list[Statistic]:
    """The projection figures every guide shows, for the one-statistic-one-figure rule.

    Working drafts are not guides of their own (guide/drafts.py): they are never counted,
    and checking one leaves out the live guide it will replace as well."""
    primary_code = CareerOccupation.objects.filter(career=OuterRef("pk"), primary=True).values(
        "occupation__code"
    )[:1]
    careers = (
        Career.objects.guides()
        .annotate(primary_code=Subquery(primary_code))
        .prefetch_related(Prefetch("key_facts", queryset=KeyFact.objects.select_related("source")))
    )
    if exclude is not None and exclude.pk is not None:
        careers = careers.exclude(pk__in=[exclude.pk, exclude.draft_of_id])
    found = []
    for career in careers:
        facts = {fact.kind: fact for fact in career.key_facts.all()}
        found += CareerFigures(career, facts, [], [], None, career.primary_code).statistics()
    return found


def bar_value(level: CareerLevel) -> int:
    """How long a level's bar is drawn: the top of its pay, as far as it is known."""
    values = (
        level.salary_high_usd,
        level.salary_average_usd,
        level.salary_median_usd,
        level.salary_low_usd,
    )
    return max(v for v in values if v is not None)


@dataclass
class CareerPay:
    """A career's official pay: its primary occupation's figures in the current release, the
    link (with its fit note) and the career's other linked occupations."""

    link: CareerOccupation
    others: list[CareerOccupation]
    summary: PaySummary

    @property
    def citation(self) -> Citation:
        return self.summary.citation

    @property
    def fit_note(self) -> str:
        return self.link.fit_note


def primary_link(career: Career) -> CareerOccupation | None:
    """The career's primary occupation link (from the prefetched `occupations`), or None."""
    return next((link for link in career.occupations.all() if link.primary), None)


def career_pay(career: Career) -> CareerPay | None:
    """Official pay for the career's primary occupation: one query (none when the career has
    no primary occupation). None when there is no primary occupation or the newest release
    has no figures for it, so pages show nothing rather than an empty box."""
    link = primary_link(career)
    if link is None:
        return None
    summary = official.occupation_pay(link.occupation)
    if summary is None:
        return None
    others = [other for other in career.occupations.all() if other.pk != link.pk]
    return CareerPay(link=link, others=others, summary=summary)


LEARN_FIRST = 3  # skills named under "what to learn first" in a guide's 60-second summary


@dataclass
class ContentsGroup:
    """One group of a guide's contents (Overview, Skills, Path, Pay, Market, FAQ and more)."""

    key: str
    title: str
    entries: list[tuple[str, str]]

    @property
    def anchor(self) -> str:
        """Where the group starts on the page: its first entry."""
        return self.entries[0][0]


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
    contents: list["ContentsGroup"]
    pay: CareerPay | None = None

    @classmethod
    def build(cls, career: Career) -> "GuidePage":
        sections = {placement: [] for placement in Section.Placement.values}
        for section in career.sections.all():
            sections[section.placement].append(section)
        skills = list(career.career_skills.all())
        salaried = [lvl for lvl in career.levels.all() if lvl.has_pay]
        top = max((bar_value(lvl) for lvl in salaried), default=0)
        bars = [
            SalaryBar(lvl, 100.0 if lvl.salary_high_open else round(100 * bar_value(lvl) / top, 1))
            for lvl in salaried
        ]  # an open-topped range reaches past every other: its bar fills the cell
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
            contents=[],
            pay=career.pay if hasattr(career, "pay") else career_pay(career),
        )
        page.contents = page._contents()
        return page

    @property
    def learn_first(self) -> list[CareerSkill]:
        """The technical skills to start with: the most important three, in guide order."""
        ranked = sorted(self.technical_skills, key=lambda cs: -cs.importance)
        return ranked[:LEARN_FIRST]

    @property
    def toc(self) -> list[tuple[str, str]]:
        """Every entry of the contents, in page order (anchor, title)."""
        return [entry for group in self.contents for entry in group.entries]

    def _contents(self) -> list["ContentsGroup"]:
        """The contents in the page's groups, each group's entries in page order; a group
        with nothing in it is left out."""
        c = self.career
        overview = [("key-facts", "Key facts")]
        overview += [(s.anchor, s.title) for s in self.sections["role"]]
        if c.responsibilities.all():
            overview.append(("responsibilities", "What the job involves"))
        skills = []
        if self.technical_skills or self.soft_skills or self.sections["skills"]:
            skills.append(("skills", "Skills"))
        path = []
        if c.education_paths.all() or self.sections["education"]:
            path.append(("education", "Education and training"))
        if c.steps.all():
            path.append(("how-to-become", "How to get there"))
        if c.levels.all():
            path.append(("career-path", "Career path"))
        path += [(s.anchor, s.title) for s in self.sections["path"]]
        pay = []
        if self.pay is not None:
            pay.append(("official-pay", "Pay in the United States"))
        if self.salary_bars or c.regional_salaries.all() or self.sections["salary"]:
            pay.append(("salary", "Salary"))
        market = [(s.anchor, s.title) for s in self.sections["outlook"]]
        if c.specializations.all():
            market.append(("specializations", "Emerging specializations"))
        more = []
        if self.pros or self.cons:
            more.append(("pros-cons", "Pros and cons"))
        if c.faqs.all():
            more.append(("faq", "FAQ"))
        if c.related_links.all():
            more.append(("related", "Related careers"))
        if c.sources.all():
            more.append(("sources", "Sources"))
        groups = [
            ContentsGroup("overview", "Overview", overview),
            ContentsGroup("skills", "Skills", skills),
            ContentsGroup("path", "Path", path),
            ContentsGroup("pay", "Pay", pay),
            ContentsGroup("market", "Market", market),
            ContentsGroup("more", "FAQ and more", more),
        ]
        return [group for group in groups if group.entries]


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
    pay: "ComparedPay | None" = None
    headlines: tuple[Headline, Headline] = ()


@dataclass
class ComparedPay:
    """The national official figures of both careers' primary occupations, one release."""

    a_link: CareerOccupation | None
    b_link: CareerOccupation | None
    a: AreaPay | None
    b: AreaPay | None
    citation_a: Citation | None
    citation_b: Citation | None
    release: Release | None = None

    @property
    def links(self) -> list[CareerOccupation | None]:
        return [self.a_link, self.b_link]

    @property
    def pays(self) -> list[AreaPay | None]:
        return [self.a, self.b]

    @property
    def citations(self) -> list[Citation | None]:
        return [self.citation_a, self.citation_b]

    @property
    def distinct_citations(self) -> list[Citation]:
        """One source line per occupation shown (one when both share it)."""
        seen = []
        for citation in self.citations:
            if citation is not None and citation not in seen:
                seen.append(citation)
        return seen

    @property
    def basis(self) -> str:
        return official.BASIS[Area.Kind.NATIONAL]

    @property
    def shared(self) -> CareerOccupation | None:
        """The primary occupation both careers use, if they use the same one."""
        if self.a_link and self.b_link and self.a_link.occupation_id == self.b_link.occupation_id:
            return self.a_link
        return None


def compared_pay(a: Career, b: Career) -> ComparedPay | None:
    """National official pay for both careers' primary occupations, in one query; None when
    neither has figures in the newest release."""
    a_link, b_link = primary_link(a), primary_link(b)
    links = [link for link in (a_link, b_link) if link is not None]
    if not links:
        return None
    pays, release = official.national_pay({link.occupation_id for link in links})
    if release is None:  # no release, or neither occupation has figures in it
        return None

    def pay_of(link):
        return pays.get(link.occupation_id) if link else None

    def citation_of(link):
        if link is None or link.occupation_id not in pays:
            return None
        return Citation.build(release, link.occupation)

    return ComparedPay(
        a_link=a_link,
        b_link=b_link,
        a=pay_of(a_link),
        b=pay_of(b_link),
        citation_a=citation_of(a_link),
        citation_b=citation_of(b_link),
        release=release,
    )


def career_comparison(*, a_slug: str, b_slug: str) -> Comparison | None:
    """Two published careers side by side; None when either slug is unknown or a draft."""
    careers = {
        c.slug: c
        for c in Career.objects.published()
        .filter(slug__in=[a_slug, b_slug])
        .select_related("category")
        .prefetch_related(
            Prefetch("career_skills", queryset=CareerSkill.objects.select_related("skill")),
            Prefetch(
                "levels", queryset=CareerLevel.objects.select_related("source", "base_source")
            ),
            Prefetch("key_facts", queryset=KeyFact.objects.select_related("source")),
            Prefetch("occupations", queryset=CareerOccupation.objects.select_related("occupation")),
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
    pay = compared_pay(a, b)
    headlines = tuple(
        headline_for(
            career,
            {f.kind: f for f in career.key_facts.all()},
            NationalFigures.of(national, pay.release, link.occupation if link else None)
            if pay
            else None,
        )
        for career, national, link in (
            (a, pay.a if pay else None, pay.a_link if pay else None),
            (b, pay.b if pay else None, pay.b_link if pay else None),
        )
    )
    return Comparison(
        a=a,
        b=b,
        shared=shared,
        only_a=only_a,
        only_b=only_b,
        levels=levels,
        pay=pay,
        headlines=headlines,
    )


@dataclass(frozen=True)
class Finding:
    """One line of `manage.py check_guides`."""

    career: Career
    kind: str  # "stale", "contradiction" or "unsourced"
    problem: Problem

    def __str__(self) -> str:
        return f"{self.career.slug}: {self.kind}: {problem_place(self.problem)}: " + (
            self.problem.message
        )


def figure_findings() -> list[Finding]:
    """Every stale figure, contradiction and uncited figure in every guide, drafts included.

    Stale means older than the newest imported OEWS release (for figures cited to an
    official source) or than the newest projection period any guide or source states."""
    release = current_release()
    projection = projection_in_use()
    every = [career_figures(career) for career in Career.objects.order_by("slug")]
    statistics = [stat for figures in every for stat in figures.statistics()]
    findings = []
    for figures in every:
        for kind, problem in figure_problems(
            figures, release=release, projection=projection, statistics=statistics
        ):
            findings.append(Finding(figures.career, kind, problem))
    return findings


def projection_in_use() -> tuple[int, int] | None:
    """The newest projection period any guide or source states: the freshness yardstick
    for growth and openings. Two queries."""
    periods = list(Career.objects.values_list("growth_period", flat=True))
    periods += Source.objects.exclude(edition="").values_list("edition", flat=True)
    return newest_projection(periods)


def figure_problems(
    figures: CareerFigures,
    *,
    release: Release | None,
    projection: tuple[int, int] | None,
    statistics: list[Statistic],
) -> list[tuple[str, Problem]]:
    """One guide's problems, each with its kind ("stale", "contradiction" or "unsourced"):
    what `check_guides` lists and the admin's figure audit (guide/audit.py) shows.
    `statistics` are the other guides' projection figures (the guide's own are skipped).
    Working drafts are not guides of their own: their figures are never among the others,
    and a draft is checked against every guide but the live one it will replace."""
    draft_of = figures.career.draft_of_id
    statistics = [
        stat
        for stat in statistics
        if not stat.career.is_working_draft and stat.career.pk != draft_of
    ]
    stale = freshness_problems(figures, release=release, projection=projection)
    found = []
    for kind, problems in (
        ("stale", stale),
        ("contradiction", contradictions(figures, statistics)),
        ("contradiction", _row_problems(figures)),
        ("unsourced", uncited_problems(figures)),
    ):
        found += [(kind, problem) for problem in problems]
    return found


def _row_problems(figures: CareerFigures) -> list[Problem]:
    rows = [(fact, fact.is_pay) for fact in figures.facts.values()]
    rows += [(row, row.has_pay) for row in [*figures.levels, *figures.regional]]
    return [problem for row, has_pay in rows for problem in row_problems(row, has_pay=has_pay)]
