"""Synthetic published guides for `make bench` at scale (never shipped, never in the dev db).

Each guide is generated in code, with the shape and size of a real one: the structure and
figures of one of the shipped guides (so its figures pass the same rules as theirs:
guide/figures.py, checked by the loader), and new prose everywhere (summary, duties,
skills' details, steps, levels' scope, sections, specialisations, FAQ, pros and cons,
notes), of about the same length, drawn from a fixed vocabulary with a seeded random
generator, so two runs build the same site. The guides are written as content files into
a temporary folder and loaded by the site's own loader (`guide.loader.load_guides`), which
validates them, publishes them and indexes them for search like the shipped ones.
"""

import copy
import datetime
import json
import random
import shutil
import tempfile
import tomllib
from pathlib import Path

from django.db import transaction

from guide import search
from guide.loader import CATALOG, CONTENT_DIR, career_files, load_guides
from guide.models import Career, CareerLevel, CareerPart, Source

SLUG_PREFIX = "synthetic-"

# Words the prose is drawn from: the trade's own vocabulary, so search has something to
# find and rank (every word of the bench's searches is here).
VOCABULARY = """
a the and of to in for on with by from as at into over under across through
cloud engineer engineers engineering builds build runs run systems system aws azure
platform service services network networks data database databases pipeline pipelines
deploy deployment release code review reviews test tests testing monitor monitoring alert
alerts incident incidents on-call latency capacity cost costs budget security identity
access policy policies compliance audit backup restore recovery storage queue queues
cache caching container containers kubernetes cluster clusters terraform module modules
automation script scripts python go java linux shell api apis design designs architecture
team teams customer customers product products roadmap metric metrics dashboard
dashboards reliability availability scale scaling traffic region regions account accounts
migration migrations legacy modern practice practices mentor mentoring senior junior
interview interviews portfolio project projects certificate certification degree course
courses salary pay career careers growth hiring market remote office hybrid visa
employer employers contract contracts manager managers lead leads staff principal
dynamodb lambda serverless observability tracing logging logs debugging profiling
performance throughput resilience failover replication sharding schema index indexes
"""
TITLE_PARTS = """
Payments Search Streaming Mobile Robotics Analytics Security Edge Storage Billing
Identity Messaging Logistics Health Energy Gaming Media Retail Travel Insurance
|
Platform Data Reliability Infrastructure Backend Cloud Network Machine-learning
Integration Release Database Observability Automation Systems Quality
|
Engineer Architect Developer Specialist Administrator Analyst Consultant
"""
WORDS = VOCABULARY.split()
ROLES, FIELDS, KINDS = (part.split() for part in TITLE_PARTS.split("|"))

# Fields holding prose (replaced by generated text of the same length); every other value
# (keys, figures, dates, sources, skill names, placements, anchors) is kept.
PROSE = {
    "summary",
    "typical_education",
    "time_to_ready",
    "note",
    "detail",
    "description",
    "body",
    "answer",
    "scope",
    "focus_areas",
    "fit_note",
    "salary_note",
}
TITLED = ("education_paths", "steps", "sections", "specializations")
# Every part of a guide but its sources (copied first, see _copy_guides).
PART_MODELS = [
    rel.related_model
    for rel in Career._meta.related_objects
    if rel.one_to_many
    and issubclass(rel.related_model, CareerPart)
    and rel.related_model is not Source
]


class Writer:
    """Sentences from WORDS, seeded: `text(like)` is prose about as long as `like`, with
    as many paragraphs (and the same list layout) as `like` has."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)  # noqa: S311 - test data, not security

    def sentence(self, words: int) -> str:
        chosen = self.random.choices(WORDS, k=max(words, 3))
        return " ".join(chosen).capitalize() + "."

    def text(self, like: str) -> str:
        paragraphs = []
        for paragraph in like.split("\n\n"):
            lines = paragraph.split("\n")
            written = []
            for line in lines:
                bullet = "- " if line.lstrip().startswith("- ") else ""
                words = max(3, len(line.split()))
                sentences = []
                while words > 0:
                    n = min(words, self.random.randint(8, 18))
                    sentences.append(self.sentence(n))
                    words -= n
                written.append(bullet + " ".join(sentences))
            paragraphs.append("\n".join(written))
        text = "\n\n".join(paragraphs)
        if len(text) > len(like):  # never longer than the original: fields have limits
            text = text[: len(like) - 1].rsplit(" ", 1)[0].rstrip(".,") + "."
        return text

    def title(self, like: str) -> str:
        return self.text(like).rstrip(".")


def guide_data(n: int, template: dict, title: str, slugs: list[str]) -> dict:
    """Guide number `n`: `template`'s structure and figures, new title, slug and prose."""
    writer = Writer(seed=n)
    old_title = template["title"]
    data = copy.deepcopy(template)
    data.update(
        slug=slugs[n],
        title=title,
        status="published",
        featured=False,
        summary=writer.text(template["summary"]),
        responsibilities=[writer.text(text) for text in template.get("responsibilities", [])],
        pros=[writer.text(text) for text in template.get("pros", [])],
        cons=[writer.text(text) for text in template.get("cons", [])],
    )
    for key, value in data.get("facts", {}).items():
        if key in PROSE and isinstance(value, str):
            data["facts"][key] = writer.text(value)
    for key, rows in data.items():
        if not isinstance(rows, list) or not rows or not isinstance(rows[0], dict):
            continue
        for row in rows:
            for field, value in row.items():
                if field in PROSE and isinstance(value, str):
                    row[field] = writer.text(value)
            if key in TITLED and "title" in row:
                row["title"] = writer.title(row["title"])
            if key == "faqs":
                row["question"] = writer.title(row["question"][:-1]) + "?"
            if key == "levels":
                row["title"] = row["title"].replace(old_title, title)
    # Related to the next three synthetic guides, so the related links are real.
    data["related"] = [
        {"slug": slugs[(n + step) % len(slugs)], "note": writer.sentence(10)}
        for step in (1, 2, 3)
        if len(slugs) > step
    ]
    return data


def titles(count: int) -> list[str]:
    """`count` distinct job titles ("Payments Platform Engineer" ...), always the same."""
    combos = [f"{r} {f} {k}" for k in KINDS for f in FIELDS for r in ROLES]
    random.Random(0).shuffle(combos)  # noqa: S311 - test data
    if count > len(combos):
        raise ValueError(f"at most {len(combos)} synthetic guides")
    return combos[:count]


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def to_toml(data: dict) -> str:
    """The content file for `data`: plain keys first, then tables and arrays of tables."""
    lines, tables = [], []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append(f"\n[{key}]")
            tables += [f"{k} = {_toml_value(v)}" for k, v in value.items()]
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for row in value:
                tables.append(f"\n[[{key}]]")
                tables += [f"{k} = {_toml_value(v)}" for k, v in row.items()]
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines + tables) + "\n"


DISTINCT = 50  # guides written by the loader; the rest are copies of them with new names


def create_guides(*, count: int, distinct: int = DISTINCT) -> list[str]:
    """`count` published guides; their slugs, in order. The first `distinct` are generated
    and loaded by the site's loader (validated, published, indexed); the others copy one
    of those row for row under a title and slug of their own and are indexed for search
    the same way (loading a thousand through the loader, which checks every guide's figures
    against every other's, takes many minutes). The shipped catalog (skills, categories)
    must be loaded already or is loaded with them."""
    templates = [tomllib.loads(path.read_text()) for path in career_files(CONTENT_DIR)]
    names = titles(count)
    slugs = [f"{SLUG_PREFIX}{n + 1:04d}" for n in range(count)]
    written = min(count, distinct)
    folder = Path(tempfile.mkdtemp(prefix="bench-guides-"))
    try:
        shutil.copy(CONTENT_DIR / CATALOG, folder / CATALOG)
        for n in range(written):
            data = guide_data(n, templates[n % len(templates)], names[n], slugs[:written])
            (folder / f"{slugs[n]}.toml").write_text(to_toml(data))
        load_guides(content_dir=folder, publish=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if count > written:
        originals = list(Career.objects.filter(slug__in=slugs[:written]).order_by("slug"))
        copies = [(originals[n % written], names[n], slugs[n]) for n in range(written, count)]
        with transaction.atomic():
            ids = _copy_guides(copies)
            search.index_careers(ids)
    return slugs


def _copy_guides(copies: list[tuple[Career, str, str]]) -> list[int]:
    """Copy each (original, title, slug) with all its parts; the new careers' ids."""
    careers = Career.objects.bulk_create(
        [
            Career(
                **{**_values(original), "title": title, "slug": slug, "content_key": None},
            )
            for original, title, slug in copies
        ]
    )
    originals = {original.pk: original for original, _title, _slug in copies}
    pairs = zip(copies, careers, strict=True)
    new_for = [(original.pk, career) for (original, _title, _slug), career in pairs]
    # Sources first: the figures of other parts cite them.
    sources = {pk: list(Source.objects.filter(career_id=pk).order_by("pk")) for pk in originals}
    copied_sources = Source.objects.bulk_create(
        [
            Source(**{**_values(row), "career_id": career.pk})
            for pk, career in new_for
            for row in sources[pk]
        ]
    )
    source_map, at = {}, 0  # (new career id, original source id) -> copied source id
    for pk, career in new_for:
        for row in sources[pk]:
            source_map[career.pk, row.pk] = copied_sources[at].pk
            at += 1
    for model in PART_MODELS:
        rows: dict[int, list] = {}
        for row in model.objects.filter(career_id__in=originals).order_by("pk"):
            rows.setdefault(row.career_id, []).append(row)
        cited = [f.attname for f in model._meta.concrete_fields if f.related_model is Source]
        batch = []
        for pk, career in new_for:
            for row in rows.get(pk, []):
                values = {**_values(row), "career_id": career.pk}
                for attname in cited:
                    if values[attname] is not None:
                        values[attname] = source_map[career.pk, values[attname]]
                if model is CareerLevel:
                    values["title"] = values["title"].replace(originals[pk].title, career.title)
                batch.append(model(**values))
        model.objects.bulk_create(batch, batch_size=1000)
    return [career.pk for career in careers]


def _values(row) -> dict:
    """A row's column values but its id (and its content key, which is the loader's)."""
    return {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if not field.primary_key and field.name != "content_key"
    }
