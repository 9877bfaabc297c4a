"""Load the shipped guides from guide/content/*.toml (format: docs/content-format.md).

Loading is idempotent: what is missing is created, what exists is left as staff
left it, unless `update=True`, which rewrites existing careers from the files while
keeping the ids of matched parts (so links to steps and levels survive).
"""

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DecimalField
from django.utils.text import slugify

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

CONTENT_DIR = Path(__file__).resolve().parent / "content"
CATALOG = "catalog.toml"

FACT_FIELDS = (
    "median_salary_usd",
    "salary_low_usd",
    "salary_high_usd",
    "salary_high_open",
    "growth_outlook_pct",
    "growth_period",
    "annual_openings",
    "typical_education",
    "top_industries",
)
# Ordered parts matched by position: (file key, model, fields copied from each item).
POSITIONAL_PARTS = (
    (
        "education_paths",
        EducationPath,
        ("title", "description", "typical_cost", "typical_duration"),
    ),
    ("steps", Step, ("title", "body", "duration")),
    (
        "levels",
        CareerLevel,
        (
            "title",
            "years_min",
            "years_max",
            "scope",
            "focus_areas",
            "salary_median_usd",
            "salary_average_usd",
            "expectation_offset",
        ),
    ),
    ("regional_salaries", RegionalSalary, ("region", "salary_usd", "salary_note")),
    ("sections", Section, ("title", "anchor", "placement", "body")),
    ("specializations", Specialization, ("title", "body")),
    ("faqs", FAQ, ("question", "answer")),
)


class ContentError(Exception):
    """A content file that does not follow the format; the message names file and field."""


@dataclass
class LoadReport:
    categories_created: int = 0
    skills_created: int = 0
    skills_updated: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"Guides: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged; skills: {self.skills_created} created, "
            f"{self.skills_updated} updated; categories: {self.categories_created} created."
        )


def read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path.name}: not valid TOML: {exc}") from None


def career_files(content_dir: Path) -> list[Path]:
    return sorted(p for p in content_dir.glob("*.toml") if p.name != CATALOG)


def _require(data: dict, key: str, where: str):
    if key not in data or data[key] in ("", None):
        raise ContentError(f"{where}: missing required field {key!r}")
    return data[key]


def _pick(item: dict, fields: tuple[str, ...], where: str) -> dict:
    unknown = set(item) - set(fields)
    if unknown:
        raise ContentError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    model_defaults = {}
    for name in fields:
        if name in item:
            model_defaults[name] = item[name]
    return model_defaults


def full_clean_or_error(obj, where: str, exclude=None):
    """Validate `obj` with its model's own rules; a ContentError names `where` and the fields."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        raise ContentError(f"{where}: {details}") from None


def load_catalog(data: dict, *, update: bool, report: LoadReport) -> None:
    for item in data.get("categories", []):
        where = f"{CATALOG} category {item.get('slug', '?')!r}"
        slug = _require(item, "slug", where)
        defaults = {
            "name": _require(item, "name", where),
            "description": item.get("description", ""),
        }
        category, created = Category.objects.get_or_create(slug=slug, defaults=defaults)
        report.categories_created += created
        if update and not created:
            Category.objects.filter(pk=category.pk).update(**defaults)
    for item in data.get("skills", []):
        where = f"{CATALOG} skill {item.get('name', '?')!r}"
        name = _require(item, "name", where)
        if item.get("kind", "technical") not in Skill.Kind.values:
            raise ContentError(f"{where}: kind must be one of {', '.join(Skill.Kind.values)}")
        defaults = {
            "kind": item.get("kind", "technical"),
            "description": item.get("description", ""),
        }
        skill = Skill.objects.filter(name__iexact=name).first()
        if skill is None:
            Skill.objects.create(name=name, slug=slugify(name), **defaults)
            report.skills_created += 1
        elif update:
            Skill.objects.filter(pk=skill.pk).update(**defaults)
            report.skills_updated += 1


def _sync_positional(career: Career, model, items: list[dict], fields, where: str) -> None:
    """Make the career's rows of `model` equal `items`, matching rows by position."""
    existing = list(model.objects.filter(career=career).order_by("order", "pk"))
    for index, item in enumerate(items):
        values = _pick(item, fields, f"{where}[{index + 1}]")
        obj = existing[index] if index < len(existing) else model(career=career)
        for name in fields:
            model_field = model._meta.get_field(name)
            default = None if model_field.null else model_field.get_default()
            setattr(obj, name, values.get(name, default))
        obj.order = index + 1
        full_clean_or_error(obj, f"{where}[{index + 1}]", exclude=["career"])
        obj.save()
    for obj in existing[len(items) :]:
        obj.delete()


def _sync_list(career: Career, model, texts: list, extra: dict, where: str) -> None:
    items = []
    for index, text in enumerate(texts):
        if not isinstance(text, str) or not text.strip():
            raise ContentError(f"{where}[{index + 1}]: must be a non-empty string")
        items.append({"text": text.strip()})
    existing = list(model.objects.filter(career=career, **extra).order_by("order", "pk"))
    for index, item in enumerate(items):
        obj = existing[index] if index < len(existing) else model(career=career, **extra)
        obj.text = item["text"]
        obj.order = index + 1
        obj.save()
    for obj in existing[len(items) :]:
        obj.delete()


def _sync_sources(career: Career, data: dict, where: str) -> dict[str, Source]:
    fields = ("key", "title", "publisher", "url", "accessed")
    by_key = {}
    items = data.get("sources", [])
    existing = list(career.sources.order_by("order", "pk"))
    for index, item in enumerate(items):
        here = f"{where} sources[{index + 1}]"
        values = _pick(item, fields, here)
        key = _require(values, "key", here)
        if key in by_key:
            raise ContentError(f"{here}: duplicate key {key!r}")
        obj = existing[index] if index < len(existing) else Source(career=career)
        obj.title = _require(values, "title", here)
        obj.publisher = values.get("publisher", "")
        obj.url = values.get("url", "")
        obj.accessed = values.get("accessed")
        obj.order = index + 1
        full_clean_or_error(obj, here, exclude=["career"])
        obj.save()
        by_key[key] = obj
    for obj in existing[len(items) :]:
        obj.delete()
    return by_key


def _sync_key_facts(career: Career, data: dict, sources: dict, where: str) -> None:
    seen = set()
    for index, item in enumerate(data.get("key_facts", [])):
        here = f"{where} key_facts[{index + 1}]"
        values = _pick(item, ("kind", "source", "note", "as_of"), here)
        kind = _require(values, "kind", here)
        if kind not in KeyFact.Kind.values:
            raise ContentError(f"{here}: kind must be one of {', '.join(KeyFact.Kind.values)}")
        if kind in seen:
            raise ContentError(f"{here}: a second citation for {kind!r}")
        seen.add(kind)
        source_key = values.get("source")
        if source_key and source_key not in sources:
            raise ContentError(f"{here}: source {source_key!r} is not a key in [[sources]]")
        KeyFact.objects.update_or_create(
            career=career,
            kind=kind,
            defaults={
                "source": sources.get(source_key),
                "note": values.get("note", ""),
                "as_of": values.get("as_of"),
                "order": index + 1,
            },
        )
    career.key_facts.exclude(kind__in=seen).delete()


def _sync_skills(career: Career, data: dict, skills: dict[str, Skill], where: str) -> None:
    seen = []
    for index, item in enumerate(data.get("skills", [])):
        here = f"{where} skills[{index + 1}]"
        values = _pick(item, ("name", "importance", "expected", "detail"), here)
        name = _require(values, "name", here)
        skill = skills.get(name.lower())
        if skill is None:
            raise ContentError(f"{here}: skill {name!r} is not in {CATALOG}")
        obj = CareerSkill.objects.filter(career=career, skill=skill).first() or CareerSkill(
            career=career, skill=skill
        )
        obj.importance = values.get("importance", 3)
        obj.expected_proficiency = values.get("expected", 2)
        obj.detail = values.get("detail", "")
        obj.order = index + 1
        full_clean_or_error(obj, here, exclude=["career", "skill"])
        obj.save()
        seen.append(skill.pk)
    career.career_skills.exclude(skill_id__in=seen).delete()


def _write_career(career: Career, data: dict, where: str) -> None:
    categories = {c.slug: c for c in Category.objects.all()}
    category_slug = data.get("category")
    if category_slug and category_slug not in categories:
        raise ContentError(f"{where}: category {category_slug!r} is not in {CATALOG}")
    facts = data.get("facts", {})
    unknown = set(facts) - set(FACT_FIELDS)
    if unknown:
        raise ContentError(f"{where} [facts]: unknown field(s) {', '.join(sorted(unknown))}")
    status = data.get("status", Career.Status.DRAFT)
    if status not in Career.Status.values:
        raise ContentError(f"{where}: status must be one of {', '.join(Career.Status.values)}")

    career.title = _require(data, "title", where)
    career.summary = _require(data, "summary", where).strip()
    career.category = categories.get(category_slug)
    career.status = status
    career.featured = bool(data.get("featured", False))
    career.last_reviewed = data.get("last_reviewed")
    for name in FACT_FIELDS:
        model_field = Career._meta.get_field(name)
        value = facts.get(name, None if model_field.null else model_field.get_default())
        if isinstance(model_field, DecimalField) and isinstance(value, float):
            value = Decimal(str(value))  # TOML floats are binary; 12.3 must stay 12.3
        setattr(career, name, value)
    full_clean_or_error(career, where, exclude=["slug"])
    career.save()

    skills = {s.name.lower(): s for s in Skill.objects.all()}
    sources = _sync_sources(career, data, where)
    _sync_key_facts(career, data, sources, where)
    _sync_list(
        career, Responsibility, data.get("responsibilities", []), {}, f"{where} responsibilities"
    )
    _sync_list(career, ProCon, data.get("pros", []), {"kind": ProCon.Kind.PRO}, f"{where} pros")
    _sync_list(career, ProCon, data.get("cons", []), {"kind": ProCon.Kind.CON}, f"{where} cons")
    _sync_skills(career, data, skills, where)
    for key, model, fields in POSITIONAL_PARTS:
        _sync_positional(career, model, data.get(key, []), fields, f"{where} {key}")


def _write_related(career: Career, data: dict, where: str) -> None:
    wanted = []
    for index, item in enumerate(data.get("related", [])):
        here = f"{where} related[{index + 1}]"
        values = _pick(item, ("slug", "note"), here)
        slug = _require(values, "slug", here)
        target = Career.objects.filter(slug=slug).first()
        if target is None:
            raise ContentError(f"{here}: no career with slug {slug!r}")
        if target.pk == career.pk:
            raise ContentError(f"{here}: a career cannot be related to itself")
        RelatedCareer.objects.update_or_create(
            career=career,
            related_career=target,
            defaults={"note": values.get("note", ""), "order": index + 1},
        )
        wanted.append(target.pk)
    career.related_links.exclude(related_career_id__in=wanted).delete()


KNOWN_KEYS = {
    "slug",
    "title",
    "category",
    "status",
    "featured",
    "last_reviewed",
    "summary",
    "responsibilities",
    "pros",
    "cons",
    "facts",
    "sources",
    "key_facts",
    "skills",
    "related",
    *(key for key, _model, _fields in POSITIONAL_PARTS),
}


def load_guides(
    *, content_dir: Path | None = None, update: bool = False, only: str | None = None
) -> LoadReport:
    """Create missing categories, skills and careers from the content files; see module doc."""
    content_dir = content_dir or CONTENT_DIR
    report = LoadReport()
    catalog = read_toml(content_dir / CATALOG) if (content_dir / CATALOG).exists() else {}
    files = [(path, read_toml(path)) for path in career_files(content_dir)]
    for path, data in files:
        unknown = set(data) - KNOWN_KEYS
        if unknown:
            raise ContentError(f"{path.name}: unknown field(s) {', '.join(sorted(unknown))}")
        if not isinstance(data.get("slug"), str) or not data["slug"]:
            raise ContentError(f"{path.name}: missing required field 'slug'")
    if only:
        files = [(path, data) for path, data in files if data["slug"] == only]
        if not files:
            raise ContentError(f"no content file has slug {only!r}")

    with transaction.atomic():
        load_catalog(catalog, update=update, report=report)
        written = []
        for path, data in files:
            slug = data["slug"]
            career = Career.objects.filter(slug=slug).first()
            if career is not None and not update:
                report.unchanged.append(slug)
                continue
            if career is None:
                career = Career(slug=slug)
                report.created.append(slug)
            else:
                report.updated.append(slug)
            _write_career(career, data, path.name)
            written.append((career, data, path.name))
        # Relations last, so that every career they point at exists.
        for career, data, name in written:
            _write_related(career, data, name)
    return report


def check_guides(*, content_dir: Path | None = None) -> LoadReport:
    """Load everything into a transaction that is rolled back: validates the files."""

    class _Rollback(Exception):
        pass

    report = LoadReport()
    try:
        with transaction.atomic():
            report = load_guides(content_dir=content_dir, update=True)
            raise _Rollback
    except _Rollback:
        pass
    return report
