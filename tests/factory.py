"""Small builders for test data, each with keyword defaults (see STYLE.md §19)."""

import datetime
import itertools
from datetime import date

from django.utils.text import slugify

from guide.models import (
    FAQ,
    Career,
    CareerLevel,
    CareerOccupation,
    CareerSkill,
    Category,
    EducationPath,
    KeyFact,
    PayBasis,
    PayScope,
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
from occupations.models import Area, Estimate, Occupation, Release

_counter = itertools.count(1)


def make_category(*, name=None, slug=None):
    name = name or f"Category {next(_counter)}"
    return Category.objects.create(name=name, slug=slug or slugify(name))


def make_skill(*, name=None, kind=Skill.Kind.TECHNICAL, description=""):
    name = name or f"Skill {next(_counter)}"
    return Skill.objects.create(name=name, slug=slugify(name), kind=kind, description=description)


def make_career(
    *,
    title=None,
    slug=None,
    status=Career.Status.PUBLISHED,
    summary="A role that builds and runs systems.",
    category=None,
    featured=False,
    **fields,
):
    title = title or f"Career {next(_counter)}"
    return Career.objects.create(
        title=title,
        slug=slug or slugify(title),
        status=status,
        summary=summary,
        category=category,
        featured=featured,
        **fields,
    )


def add_skill(career, skill=None, *, importance=3, expected=2, order=0, **skill_fields):
    skill = skill or make_skill(**skill_fields)
    return CareerSkill.objects.create(
        career=career,
        skill=skill,
        importance=importance,
        expected_proficiency=expected,
        order=order,
    )


def make_full_guide(*, scale=1, **career_fields):
    """A career with every kind of part; `scale` multiplies how many of each it has."""
    career_fields = {
        "median_salary_usd": 110000,
        "growth_outlook_pct": 22,
        "growth_period": "2024–34",
        **career_fields,
    }
    career = make_career(**career_fields)
    n = next(_counter)
    for i in range(2 * scale):
        source = Source.objects.create(career=career, title=f"Source {i}", order=i)
    KeyFact.objects.create(
        career=career,
        kind=KeyFact.Kind.MEDIAN_SALARY,
        source=source,
        pay_basis=PayBasis.BASE,
        pay_scope=PayScope.NATIONAL,
        as_of=date(2025, 5, 1),
    )
    KeyFact.objects.create(career=career, kind=KeyFact.Kind.GROWTH, source=source)
    for i in range(4 * scale):
        Responsibility.objects.create(career=career, text=f"Duty {i}", order=i)
        add_skill(career, name=f"Skill {n}-{i}", importance=1 + i % 5, expected=i % 5, order=i)
        Step.objects.create(career=career, title=f"Step {i}", body="Do it.", order=i)
        FAQ.objects.create(career=career, question=f"Question {i}?", answer="Yes.", order=i)
        ProCon.objects.create(career=career, kind=ProCon.Kind.PRO, text=f"Pro {i}", order=i)
        ProCon.objects.create(career=career, kind=ProCon.Kind.CON, text=f"Con {i}", order=i)
    for i in range(2 * scale):
        EducationPath.objects.create(career=career, title=f"Path {i}", order=i)
        CareerLevel.objects.create(
            career=career,
            title=f"Level {i}",
            years_min=i,
            years_max=i + 2,
            salary_median_usd=100000 + i * 20000,  # the headline (110,000) sits inside
            pay_basis=PayBasis.BASE,
            pay_scope=PayScope.NATIONAL,
            is_estimate=True,
            as_of=date(2026, 1, 1),
            order=i,
        )
        RegionalSalary.objects.create(
            career=career,
            region=f"Region {i}",
            salary_usd=90000,
            pay_basis=PayBasis.BASE,
            pay_scope=PayScope.REGIONAL,
            is_estimate=True,
            as_of=date(2026, 1, 1),
        )
        Section.objects.create(
            career=career, title=f"Section {i}", anchor=f"section-{i}", body="Text.", order=i
        )
        Specialization.objects.create(career=career, title=f"Niche {i}", body="Text.", order=i)
        other = make_career(title=f"Neighbour {n}-{i}")
        RelatedCareer.objects.create(career=career, related_career=other, order=i)
    return career


def make_assessable_career(*, title=None, skills=3, **fields):
    """A published career with levels (junior −1, mid 0, senior +1) and `skills` skills."""
    career = make_career(title=title, **fields)
    for order, (name, offset) in enumerate([("Junior", -1), ("Mid", 0), ("Senior", 1)]):
        CareerLevel.objects.create(
            career=career, title=f"{name} {career.title}", expectation_offset=offset, order=order
        )
    for i in range(skills):
        add_skill(
            career, name=f"{career.title} skill {i}", importance=5 - i % 5, expected=3, order=i
        )
    return career


def make_dimension(*, name=None, slug=None, order=0, advice="Do the thing.", step_keywords=""):
    from assessments.models import Dimension

    name = name or f"Dimension {next(_counter)}"
    return Dimension.objects.create(
        name=name,
        slug=slug or slugify(name),
        order=order,
        advice=advice,
        step_keywords=step_keywords,
    )


def make_question(*, dimension=None, career=None, text=None, points=(0, 1, 2, 4), order=0):
    from assessments.models import Option, Question

    question = Question.objects.create(
        dimension=dimension or make_dimension(),
        career=career,
        text=text or f"Question {next(_counter)}?",
        order=order,
    )
    for i, p in enumerate(points):
        Option.objects.create(question=question, label=f"Answer worth {p}", points=p, order=i)
    return question


def make_result(*, user, career, kind="skills", score=50):
    """A saved result of `user` for `career`, with an empty snapshot."""
    from assessments.models import Result

    return Result.objects.create(
        user=user,
        career=career,
        career_title=career.title,
        career_slug=career.slug,
        kind=kind,
        score=score,
        guide_updated_at=career.updated_at,
    )


# --- Official occupation data (occupations app) ---------------------------------------------


def make_release(*, code=None, name="May 2025", reference_date=None, published=None):
    """An imported OEWS release; its code and publication date follow its reference year."""
    reference_date = reference_date or datetime.date(2025, 5, 1)
    return Release.objects.create(
        code=code or f"{reference_date.year}A01",
        name=name,
        reference_date=reference_date,
        published=published or datetime.date(reference_date.year + 1, 5, 15),
    )


def make_occupation(*, code="15-1252", title="Software Developers"):
    return Occupation.objects.get_or_create(code=code, defaults={"title": title})[0]


def make_area(*, code=None, kind=Area.Kind.STATE, state_fips=None, name=None):
    """An area; a state's code is its FIPS code followed by five zeros, as in OEWS."""
    if code is None:
        n = next(_counter)
        code = {"N": "0000000", "S": f"{n % 100:02}00000"}.get(kind, f"00{n:05}")
    state_fips = state_fips if state_fips is not None else code[:2]
    name = name or f"Area {code}"
    return Area.objects.get_or_create(
        code=code, defaults={"kind": kind, "state_fips": state_fips, "name": name}
    )[0]


_SPREAD = object()  # make_estimate: "a spread around the median" (None means no number)


def make_estimate(
    *,
    release,
    occupation,
    area,
    employment=1000,
    median=100000,
    mean=_SPREAD,
    p10=_SPREAD,
    p25=_SPREAD,
    p75=_SPREAD,
    p90=_SPREAD,
    footnotes=None,
):
    """An estimate; figures left out spread around the median; pass None with a footnote
    ({"p90_annual": "5"}) for a wage BLS does not publish."""
    spread = {"mean": 5000, "p10": -40000, "p25": -20000, "p75": 30000, "p90": 60000}
    given = {"mean": mean, "p10": p10, "p25": p25, "p75": p75, "p90": p90}
    values = {
        f"{name}_annual": (median + spread[name] if median is not None else None)
        if value is _SPREAD
        else value
        for name, value in given.items()
    }
    return Estimate.objects.create(
        release=release,
        occupation=occupation,
        area=area,
        employment=employment,
        median_annual=median,
        footnotes=footnotes or {},
        **values,
    )


# Software Developers (15-1252) in the May 2025 OEWS release, copied from the BLS rows
# (series OEU{N,S,M}<area>000000151252). Keyed by area code, kind, state FIPS and name:
# employment, mean, 10th, 25th, median, 75th and 90th percentile.
SOFTWARE_DEVELOPERS_MAY_2025 = {
    ("0000000", "N", "00", "National"): (1687890, 148100, 82460, 105210, 135980, 171980, 214670),
    ("0600000", "S", "06", "California"): (284390, 186770, 105060, 136990, 174410, 216670, 272670),
    ("5300000", "S", "53", "Washington"): (107030, 171040, 96810, 132290, 166540, 211860, 255350),
    ("2400000", "S", "24", "Maryland"): (31350, 151560, 87690, 109120, 138680, 178000, 222610),
    ("0200000", "S", "02", "Alaska"): (530, None, None, None, None, None, None),
    ("0042660", "M", "53", "Seattle-Tacoma-Bellevue, WA"): (
        92770, 174920, 99190, 132800, 167280, 211860, 257960
    ),
    ("0041940", "M", "06", "San Jose-Sunnyvale-Santa Clara, CA"): (
        87350, 221710, 138420, 173650, 213110, 226080, 289150
    ),
    ("0035620", "M", "36", "New York-Newark-Jersey City, NY-NJ"): (
        121000, 165870, 101690, 130650, 166830, 205970, 224590
    ),
}  # fmt: skip


def make_software_developer_pay(*, release=None):
    """15-1252 Software Developers with real May 2025 figures for the nation, four states
    (Alaska's wages not released, footnote 8) and three metros. Returns the occupation."""
    release = release or make_release()
    occupation = make_occupation(code="15-1252", title="Software Developers")
    for (code, kind, fips, name), figures in SOFTWARE_DEVELOPERS_MAY_2025.items():
        area = make_area(code=code, kind=kind, state_fips=fips, name=name)
        employment, mean, p10, p25, median, p75, p90 = figures
        footnotes = {}
        if median is None:
            footnotes = {f"{n}_annual": "8" for n in ("mean", "p10", "p25", "median", "p75", "p90")}
        make_estimate(
            release=release,
            occupation=occupation,
            area=area,
            employment=employment,
            mean=mean,
            p10=p10,
            p25=p25,
            median=median,
            p75=p75,
            p90=p90,
            footnotes=footnotes,
        )
    return occupation


def link_occupation(career, occupation, *, primary=True, fit_note="", order=0):
    return CareerOccupation.objects.create(
        career=career, occupation=occupation, primary=primary, fit_note=fit_note, order=order
    )


def make_national_estimate(
    *,
    release=None,
    code="15-1252",
    title="Software Developers",
    median=135980,
    p10=82460,
    p90=214670,
    career=None,
):
    """A national OEWS estimate; with `career`, its occupation becomes the career's primary."""
    from guide.models import CareerOccupation
    from occupations.models import Area, Estimate, Occupation

    occupation, _ = Occupation.objects.get_or_create(code=code, defaults={"title": title})
    nation, _ = Area.objects.get_or_create(
        code="0000000", defaults={"kind": Area.Kind.NATIONAL, "state_fips": "00", "name": "U.S."}
    )
    estimate = Estimate.objects.create(
        release=release or make_release(),
        occupation=occupation,
        area=nation,
        median_annual=median,
        p10_annual=p10,
        p90_annual=p90,
    )
    if career is not None:
        CareerOccupation.objects.get_or_create(
            career=career, occupation=occupation, defaults={"primary": True}
        )
    return estimate
