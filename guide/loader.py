"""Load the shipped guides from guide/content/*.toml (format: docs/content-format.md).

`make run` and every release call this on a database staff have edited, so loading
never undoes their work. Rows are matched by their `content_key` (guide.shipped), never
by a name or slug staff may change; an item staff deleted stays deleted unless it is
restored by key; a guide is published only when the caller asks (`publish=True`) and
only as it is created. What is missing is created; what exists is left as staff left
it, unless `update=True`, which rewrites the content of existing careers from the files
(not their slug, name or status) while keeping the ids of matched parts.
"""

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DecimalField, Q
from django.utils.text import slugify

from occupations.services import occupation_for_code, soc_is_known

from . import search
from .figures import CareerFigures, contradictions, problem_place
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
    Proficiency,
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
from .selectors import all_statistics, career_figures
from .shipped import Found, LeftOut, ShippedRows, record_shipped, was_recorded

CONTENT_DIR = Path(__file__).resolve().parent / "content"
CATALOG = "catalog.toml"
# The comment on the revision a load records in each written guide's history.
LOADED_COMMENT = "Loaded from content files."

FACT_FIELDS = (
    "median_salary_usd",
    "salary_low_usd",
    "salary_high_usd",
    "salary_high_open",
    "pay_override",
    "growth_outlook_pct",
    "growth_period",
    "annual_openings",
    "typical_education",
    "time_to_ready",
    "top_industries",
)
# What every pay figure states (models.PayFigure), plus its source key and date.
PAY_FIELDS = ("pay_basis", "pay_scope", "is_estimate", "source", "as_of")
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
            "salary_low_usd",
            "salary_high_usd",
            "salary_high_open",
            "salary_median_usd",
            "salary_average_usd",
            "base_low_usd",
            "base_high_usd",
            "base_source",
            *PAY_FIELDS,
            "expectation_offset",
        ),
    ),
    (
        "regional_salaries",
        RegionalSalary,
        (
            "region",
            "salary_usd",
            "salary_low_usd",
            "salary_high_usd",
            "salary_note",
            *PAY_FIELDS,
        ),
    ),
    ("sections", Section, ("title", "anchor", "placement", "body")),
    ("specializations", Specialization, ("title", "body")),
    ("faqs", FAQ, ("question", "answer")),
)


OCCUPATION_FIELDS = ("soc", "primary", "fit_note")
SOC_CODE = re.compile(r"^\d{2}-\d{4}$")


class ContentError(Exception):
    """A content file that does not follow the format; the message names file and field."""


@dataclass
class LoadReport(LeftOut):
    """What a load did; items left out are named as, say, "guide cloud-engineer"."""

    categories_created: int = 0
    skills_created: int = 0
    skills_updated: int = 0
    anchors_created: int = 0
    anchors_updated: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"Guides: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged; skills: {self.skills_created} created, "
            f"{self.skills_updated} updated; categories: {self.categories_created} created; "
            f"skill anchors: {self.anchors_created} created, {self.anchors_updated} updated."
        )
        if self.left_deleted:
            text += f" Left deleted as staff deleted them: {', '.join(self.left_deleted)}."
        return text + self.taken_note()


def skill_key(name: str) -> str:
    """A shipped skill's key: its name in catalog.toml, slugified. Never changes."""
    return slugify(name)


@dataclass
class Catalog:
    """The shipped categories and skills, resolved to the rows they were loaded into."""

    categories: ShippedRows
    skills: ShippedRows
    category_keys: set[str] = field(default_factory=set)
    skill_keys: set[str] = field(default_factory=set)


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


def check_fields(item: dict, allowed: Iterable[str], where: str) -> None:
    """Refuse an item with a field the format does not have (a typo would be lost)."""
    unknown = set(item) - set(allowed)
    if unknown:
        raise ContentError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")


def _pick(item: dict, fields: tuple[str, ...], where: str) -> dict:
    check_fields(item, fields, where)
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


def load_catalog(
    data: dict, *, update: bool, report: LoadReport, restore: set[str] = frozenset()
) -> Catalog:
    catalog = Catalog(
        categories=ShippedRows(Category, restore=restore),
        skills=ShippedRows(Skill, restore=restore),
    )
    anchors = ShippedRows(SkillAnchor)
    for item in data.get("categories", []):
        where = f"{CATALOG} category {item.get('slug', '?')!r}"
        key = _require(item, "slug", where)
        name = _require(item, "name", where)
        description = item.get("description", "")
        catalog.category_keys.add(key)
        category, found = catalog.categories.find(key, Q(slug=key) | Q(name__iexact=name))
        if report.left_out(found, f"category {key}"):
            continue
        if found is Found.NEW:
            category = Category(slug=key, name=name, description=description, content_key=key)
            full_clean_or_error(category, where)
            category.save()
            catalog.categories.remember(category)
            report.categories_created += 1
        elif update:  # the name and slug are the staff's; only the description is content
            Category.objects.filter(pk=category.pk).update(description=description)
    for item in data.get("skills", []):
        where = f"{CATALOG} skill {item.get('name', '?')!r}"
        name = _require(item, "name", where)
        if item.get("kind", "technical") not in Skill.Kind.values:
            raise ContentError(f"{where}: kind must be one of {', '.join(Skill.Kind.values)}")
        key = skill_key(name)
        if key in catalog.skill_keys:
            raise ContentError(f"{where}: a second skill with the same name")
        catalog.skill_keys.add(key)
        defaults = {
            "kind": item.get("kind", "technical"),
            "description": item.get("description", ""),
        }
        skill, found = catalog.skills.find(key, Q(slug=key) | Q(name__iexact=name))
        if report.left_out(found, f"skill {key}"):
            continue
        if found is Found.NEW:
            skill = Skill(name=name, slug=key, content_key=key, **defaults)
            full_clean_or_error(skill, where)
            skill.save()
            catalog.skills.remember(skill)
            report.skills_created += 1
        elif update:  # a renamed skill keeps its new name
            Skill.objects.filter(pk=skill.pk).update(**defaults)
            report.skills_updated += 1
        _load_anchors(skill, key, item.get("anchors"), anchors, update, report, where)
    return catalog


LEVELS = Proficiency.values


def _load_anchors(skill, key, texts, anchors: ShippedRows, update, report, where) -> None:
    """A skill's own level anchors: `anchors` lists one text per level, lowest first; an
    empty text leaves that level to the generic anchor. Each is shipped content keyed
    `<skill key>:<level>`, so one staff deleted stays deleted."""
    if texts is None:
        return
    if (
        not isinstance(texts, list)
        or len(texts) != len(LEVELS)
        or not all(isinstance(t, str) for t in texts)
    ):
        raise ContentError(
            f"{where}: anchors must list {len(LEVELS)} texts, one per level "
            f"{Proficiency.RANGE} (an empty text keeps the generic one)"
        )
    for level, text in zip(LEVELS, texts, strict=True):
        text = " ".join(text.split())
        if not text:
            continue
        anchor_key = f"{key}:{level}"
        anchor, found = anchors.find(anchor_key, Q(skill=skill, level=level))
        if report.left_out(found, f"skill anchor {anchor_key}"):
            continue
        if found is Found.NEW:
            anchor = SkillAnchor(skill=skill, level=level, content_key=anchor_key)
            report.anchors_created += 1
        elif update:
            report.anchors_updated += 1
        else:
            continue
        anchor.text = text
        full_clean_or_error(anchor, f"{where} anchors[{level}]", exclude=["skill"])
        anchor.save()
        anchors.remember(anchor)


def _sync_positional(
    career: Career, model, items: list[dict], fields, where: str, sources: dict
) -> None:
    """Make the career's rows of `model` equal `items`, matching rows by position."""
    existing = list(model.objects.filter(career=career).order_by("order", "pk"))
    for index, item in enumerate(items):
        values = _pick(item, fields, f"{where}[{index + 1}]")
        obj = existing[index] if index < len(existing) else model(career=career)
        for name in fields:
            if name in ("source", "base_source"):  # a key of the guide's [[sources]]
                cited = _cited(values.get(name), sources, f"{where}[{index + 1}]")
                setattr(obj, name, cited)
                continue
            model_field = model._meta.get_field(name)
            default = None if model_field.null else model_field.get_default()
            setattr(obj, name, values.get(name, default))
        obj.order = index + 1
        full_clean_or_error(obj, f"{where}[{index + 1}]", exclude=["career"])
        obj.save()
    for obj in existing[len(items) :]:
        obj.delete()


def _cited(key: str | None, sources: dict, where: str) -> Source | None:
    if key and key not in sources:
        raise ContentError(f"{where}: source {key!r} is not a key in [[sources]]")
    return sources.get(key) if key else None


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
    fields = ("key", "title", "publisher", "url", "accessed", "official", "edition")
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
        obj.official = bool(values.get("official", False))
        obj.edition = values.get("edition", "")
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
        values = _pick(item, ("kind", "source", "note", *PAY_FIELDS), here)
        kind = _require(values, "kind", here)
        if kind not in KeyFact.Kind.values:
            raise ContentError(f"{here}: kind must be one of {', '.join(KeyFact.Kind.values)}")
        if kind in seen:
            raise ContentError(f"{here}: a second citation for {kind!r}")
        seen.add(kind)
        fact = KeyFact.objects.filter(career=career, kind=kind).first() or KeyFact(
            career=career, kind=kind
        )
        fact.source = _cited(values.get("source"), sources, here)
        fact.note = values.get("note", "")
        fact.as_of = values.get("as_of")
        fact.pay_basis = values.get("pay_basis", "")
        fact.pay_scope = values.get("pay_scope", "")
        fact.is_estimate = bool(values.get("is_estimate", False))
        fact.order = index + 1
        full_clean_or_error(fact, here, exclude=["career"])
        fact.save()
    career.key_facts.exclude(kind__in=seen).delete()


def _sync_skills(career: Career, data: dict, catalog: Catalog, where: str) -> None:
    seen = []
    for index, item in enumerate(data.get("skills", [])):
        here = f"{where} skills[{index + 1}]"
        values = _pick(item, ("name", "importance", "expected", "detail"), here)
        name = _require(values, "name", here)
        if skill_key(name) not in catalog.skill_keys:
            raise ContentError(f"{here}: skill {name!r} is not in {CATALOG}")
        skill = catalog.skills.get(skill_key(name))
        if skill is None:  # staff deleted the skill, or its name is taken: leave it out
            continue
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


def read_occupations(data: dict, where: str) -> list[dict]:
    """The career's `occupations` entries, checked: known SOC codes, exactly one primary."""
    items = data.get("occupations", [])
    if not isinstance(items, list):
        raise ContentError(f"{where} occupations: must be a list of {{ soc = ... }} tables")
    entries, seen = [], set()
    for index, item in enumerate(items):
        here = f"{where} occupations[{index + 1}]"
        if not isinstance(item, dict):
            raise ContentError(f'{here}: must be a table like {{ soc = "15-1252" }}')
        values = _pick(item, OCCUPATION_FIELDS, here)
        code = _require(values, "soc", here)
        if not isinstance(code, str) or not SOC_CODE.match(code):
            raise ContentError(f'{here} soc: {code!r} is not a SOC code like "15-1252"')
        if not soc_is_known(code):
            raise ContentError(
                f"{here} soc: {code!r} is not a known occupation (the shipped titles are in "
                "occupations/data/oews/oe.occupation; docs/data.md)"
            )
        if code in seen:
            raise ContentError(f"{here} soc: {code!r} is listed twice")
        seen.add(code)
        primary = values.get("primary", False)
        fit_note = values.get("fit_note", "")
        if not isinstance(primary, bool):
            raise ContentError(f"{here} primary: must be true or false")
        if not isinstance(fit_note, str):
            raise ContentError(f"{here} fit_note: must be text")
        entries.append({"soc": code, "primary": primary, "fit_note": fit_note.strip()})
    primaries = sum(entry["primary"] for entry in entries)
    if entries and primaries != 1:
        raise ContentError(
            f"{where} occupations: exactly one needs primary = true (found {primaries})"
        )
    return entries


def _link_key(career: Career, code: str) -> str:
    return f"{career.content_key}/{code}"


def _sync_occupations(career: Career, entries: list[dict], where: str) -> None:
    """Make the career's occupation links equal the file's (a new or updated guide)."""
    existing = {
        link.occupation.code: link for link in career.occupations.select_related("occupation")
    }
    career.occupations.exclude(occupation__code__in=[e["soc"] for e in entries]).delete()
    career.occupations.filter(primary=True).update(primary=False)  # one primary at a time
    for index, entry in enumerate(entries):
        link = existing.get(entry["soc"]) or CareerOccupation(
            career=career, occupation=occupation_for_code(code=entry["soc"])
        )
        link.primary, link.fit_note, link.order = entry["primary"], entry["fit_note"], index + 1
        full_clean_or_error(link, f"{where} occupations[{index + 1}]", exclude=["career"])
        link.save()
        record_shipped(CareerOccupation, _link_key(career, entry["soc"]))


def _add_occupations(career: Career, entries: list[dict]) -> None:
    """Give a guide staff may have edited the links it never had; never touch the others.

    A link loaded before and since deleted by staff stays deleted; a new primary link
    is added as primary only if the career has none.
    """
    for index, entry in enumerate(entries):
        key = _link_key(career, entry["soc"])
        if was_recorded(CareerOccupation, key):
            continue
        if not career.occupations.filter(occupation__code=entry["soc"]).exists():
            has_primary = career.occupations.filter(primary=True).exists()
            CareerOccupation.objects.create(
                career=career,
                occupation=occupation_for_code(code=entry["soc"]),
                primary=entry["primary"] and not has_primary,
                fit_note=entry["fit_note"],
                order=index + 1,
            )
        record_shipped(CareerOccupation, key)


def _write_career(career: Career, data: dict, catalog: Catalog, where: str) -> None:
    """Write the file's content into `career`; its slug and status are the caller's."""
    category_slug = data.get("category")
    if category_slug and category_slug not in catalog.category_keys:
        raise ContentError(f"{where}: category {category_slug!r} is not in {CATALOG}")
    facts = data.get("facts", {})
    unknown = set(facts) - set(FACT_FIELDS)
    if unknown:
        raise ContentError(f"{where} [facts]: unknown field(s) {', '.join(sorted(unknown))}")
    career.title = _require(data, "title", where)
    career.summary = _require(data, "summary", where).strip()
    career.category = catalog.categories.get(category_slug) if category_slug else None
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

    sources = _sync_sources(career, data, where)
    _sync_key_facts(career, data, sources, where)
    _sync_list(
        career, Responsibility, data.get("responsibilities", []), {}, f"{where} responsibilities"
    )
    _sync_list(career, ProCon, data.get("pros", []), {"kind": ProCon.Kind.PRO}, f"{where} pros")
    _sync_list(career, ProCon, data.get("cons", []), {"kind": ProCon.Kind.CON}, f"{where} cons")
    _sync_skills(career, data, catalog, where)
    for key, model, fields in POSITIONAL_PARTS:
        _sync_positional(career, model, data.get(key, []), fields, f"{where} {key}", sources)
    _sync_occupations(career, read_occupations(data, where), where)
    _refuse(career_figures(career), [], where)


def _refuse(figures: CareerFigures, others: list, where: str) -> None:
    """A contradiction in the figures is a ContentError naming the guide and field."""
    problems = contradictions(figures, others)
    if problems:
        details = "; ".join(f"{problem_place(p)}: {p.message}" for p in problems)
        raise ContentError(f"{where}: {details}")


def _write_related(
    career: Career, data: dict, careers: ShippedRows, keys: set[str], where: str
) -> None:
    wanted = []
    for index, item in enumerate(data.get("related", [])):
        here = f"{where} related[{index + 1}]"
        values = _pick(item, ("slug", "note"), here)
        slug = _require(values, "slug", here)
        if slug not in keys:
            raise ContentError(f"{here}: no shipped guide has slug {slug!r}")
        if slug == career.content_key:
            raise ContentError(f"{here}: a career cannot be related to itself")
        target = careers.get(slug)  # by key: the guide may have a new slug now
        if target is None:  # deleted by staff: no link
            continue
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
    "occupations",
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
    *,
    content_dir: Path | None = None,
    update: bool = False,
    only: str | None = None,
    publish: bool = False,
    restore: Iterable[str] = (),
) -> LoadReport:
    """Create missing categories, skills and careers from the content files; see module doc.

    `publish`: a guide created now gets the file's status; otherwise it starts as a
    draft. Existing guides keep their status whatever the flags. `restore`: keys of
    items staff deleted that should be created again.
    """
    content_dir = content_dir or CONTENT_DIR
    restore = {slugify(key) for key in restore}  # a skill may be named as in the file
    report = LoadReport()
    catalog_data = read_toml(content_dir / CATALOG) if (content_dir / CATALOG).exists() else {}
    files = [(path, read_toml(path)) for path in career_files(content_dir)]
    keys = set()
    for path, data in files:
        unknown = set(data) - KNOWN_KEYS
        if unknown:
            raise ContentError(f"{path.name}: unknown field(s) {', '.join(sorted(unknown))}")
        if not isinstance(data.get("slug"), str) or not data["slug"]:
            raise ContentError(f"{path.name}: missing required field 'slug'")
        if data["slug"] in keys:
            raise ContentError(f"{path.name}: a second guide with slug {data['slug']!r}")
        keys.add(data["slug"])
        status = data.get("status", Career.Status.DRAFT)
        if status not in Career.Status.values:
            raise ContentError(
                f"{path.name}: status must be one of {', '.join(Career.Status.values)}"
            )
    if only:
        files = [(path, data) for path, data in files if data["slug"] == only]
        if not files:
            raise ContentError(f"no content file has slug {only!r}")
    unknown = restore - _all_keys(content_dir)
    if unknown:
        raise ContentError(
            f"nothing shipped has the key {', '.join(sorted(unknown))} "
            "(a guide slug, a category slug or a skill name as in the files)"
        )

    # One search reindex per guide written, when the load is done (guide/search.py), and one
    # revision for the run: each guide written shows it in its history (guide/history.py).
    with transaction.atomic(), search.batch(), reversion.create_revision():
        reversion.set_comment(LOADED_COMMENT)
        catalog = load_catalog(catalog_data, update=update, report=report, restore=restore)
        careers = ShippedRows(Career, restore=restore)
        written = []
        for path, data in files:
            key = data["slug"]
            career, found = careers.find(key, Q(slug=key))
            if report.left_out(found, f"guide {key}"):
                continue
            if found is not Found.NEW and not update:
                _add_occupations(career, read_occupations(data, path.name))
                report.unchanged.append(key)
                continue
            if found is Found.NEW:
                career = Career(slug=key, content_key=key)
                career.status = (
                    data.get("status", Career.Status.DRAFT) if publish else Career.Status.DRAFT
                )
                report.created.append(key)
            else:
                report.updated.append(key)
            _write_career(career, data, catalog, path.name)
            careers.remember(career)
            written.append((career, data, path.name))
        # Relations last, so that every career they point at exists.
        for career, data, name in written:
            _write_related(career, data, careers, keys, name)
        # One statistic, one figure: checked once every guide of this run is written.
        for career, _data, name in written:
            figures = career_figures(career)
            _refuse(figures, all_statistics(exclude=career), name)
    return report


def _all_keys(content_dir: Path | None) -> set[str]:
    content_dir = content_dir or CONTENT_DIR
    catalog = read_toml(content_dir / CATALOG) if (content_dir / CATALOG).exists() else {}
    keys = {data.get("slug") for data in map(read_toml, career_files(content_dir))}
    keys |= {skill_key(s.get("name", "")) for s in catalog.get("skills", [])}
    keys |= {c.get("slug") for c in catalog.get("categories", [])}
    return {key for key in keys if isinstance(key, str) and key}


def check_guides(*, content_dir: Path | None = None) -> LoadReport:
    """Load everything into a transaction that is rolled back: validates the files."""

    class _Rollback(Exception):
        pass

    report = LoadReport()
    try:
        with transaction.atomic():
            # Restoring every key makes the guides staff deleted count as checked too.
            everything = _all_keys(content_dir)
            report = load_guides(content_dir=content_dir, update=True, restore=everything)
            raise _Rollback
    except _Rollback:
        pass
    return report
