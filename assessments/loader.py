"""Load readiness dimensions, questions and learning resources from content/readiness.toml.

Format: docs/assessment-content-format.md. Creates what is missing (dimensions by
slug, questions by text, resources by title) and leaves staff edits alone unless
`update=True`.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from guide.loader import ContentError, full_clean_or_error
from guide.models import Career, Skill

from .models import Dimension, Option, Question, Resource

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "readiness.toml"


@dataclass
class LoadReport:
    dimensions: int = 0
    questions: int = 0
    resources: int = 0
    updated: int = 0

    def summary(self) -> str:
        return (
            f"Assessments: {self.dimensions} dimensions, {self.questions} questions, "
            f"{self.resources} resources created; {self.updated} updated."
        )


def _check_keys(item: dict, allowed: set[str], where: str) -> None:
    unknown = set(item) - allowed
    if unknown:
        raise ContentError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")


def _upsert(model, lookup: dict, values: dict, *, update: bool, where: str):
    obj = model.objects.filter(**lookup).first()
    if obj is not None and not update:
        return obj, False, False
    created = obj is None
    obj = obj or model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    full_clean_or_error(obj, where)
    obj.save()
    return obj, created, not created


def load_assessments(*, path: Path | None = None, update: bool = False) -> LoadReport:
    path = path or CONTENT_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path.name}: not valid TOML: {exc}") from None
    _check_keys(data, {"dimensions", "questions", "resources"}, path.name)
    report = LoadReport()
    careers = {c.slug: c for c in Career.objects.all()}
    skills = {s.name.lower(): s for s in Skill.objects.all()}

    def career_for(item, where):
        slug = item.get("career")
        if slug is None:
            return None
        if slug not in careers:
            raise ContentError(f"{where}: no career with slug {slug!r}")
        return careers[slug]

    with transaction.atomic():
        dimensions = {}
        for n, item in enumerate(data.get("dimensions", []), 1):
            where = f"{path.name} dimensions[{n}]"
            _check_keys(
                item, {"slug", "name", "order", "description", "advice", "step_keywords"}, where
            )
            values = {k: v for k, v in item.items() if k != "slug"}
            obj, created, updated = _upsert(
                Dimension, {"slug": item.get("slug", "")}, values, update=update, where=where
            )
            dimensions[obj.slug] = obj
            report.dimensions += created
            report.updated += updated
        dimensions |= {d.slug: d for d in Dimension.objects.exclude(slug__in=dimensions)}

        for n, item in enumerate(data.get("questions", []), 1):
            where = f"{path.name} questions[{n}]"
            _check_keys(item, {"dimension", "career", "text", "help_text", "options"}, where)
            dimension = dimensions.get(item.get("dimension"))
            if dimension is None:
                raise ContentError(f"{where}: unknown dimension {item.get('dimension')!r}")
            options = item.get("options") or []
            if len(options) < 2:
                raise ContentError(f"{where}: a question needs at least two options")
            question, created, updated = _upsert(
                Question,
                {"text": item.get("text", ""), "career": career_for(item, where)},
                {"dimension": dimension, "help_text": item.get("help_text", ""), "order": n},
                update=update,
                where=where,
            )
            if created or updated:
                question.options.all().delete()
                for i, option in enumerate(options, 1):
                    _check_keys(option, {"label", "points"}, f"{where} options[{i}]")
                    obj = Option(question=question, order=i, **option)
                    full_clean_or_error(obj, f"{where} options[{i}]")
                    obj.save()
            report.questions += created
            report.updated += updated

        for n, item in enumerate(data.get("resources", []), 1):
            where = f"{path.name} resources[{n}]"
            _check_keys(
                item, {"title", "kind", "url", "description", "skill", "dimension", "career"}, where
            )
            skill = None
            if "skill" in item:
                skill = skills.get(str(item["skill"]).lower())
                if skill is None:
                    raise ContentError(f"{where}: skill {item['skill']!r} is not in the catalog")
            dimension = None
            if "dimension" in item:
                dimension = dimensions.get(item["dimension"])
                if dimension is None:
                    raise ContentError(f"{where}: unknown dimension {item['dimension']!r}")
            if skill is None and dimension is None:
                raise ContentError(f"{where}: give a skill or a dimension")
            _obj, created, updated = _upsert(
                Resource,
                {"title": item.get("title", ""), "career": career_for(item, where)},
                {
                    "kind": item.get("kind", Resource.Kind.COURSE),
                    "url": item.get("url", ""),
                    "description": item.get("description", ""),
                    "skill": skill,
                    "dimension": dimension,
                    "order": n,
                },
                update=update,
                where=where,
            )
            report.resources += created
            report.updated += updated
    return report
