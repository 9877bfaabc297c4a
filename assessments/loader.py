"""Load readiness dimensions, questions and learning resources from content/readiness.toml.

Format: docs/assessment-content-format.md. Like the guide loader (guide/shipped.py),
it runs on every `make run` on a database staff edit, so rows are matched by their
`content_key` (a dimension's slug, a question's or resource's `key` in the file), never
by a name, slug or text staff may change; what staff deleted stays deleted; guides and
skills are found by their shipped keys, so a renamed skill or a moved guide neither
stops the load nor gets a duplicate. What is missing is created; staff edits are left
alone unless `update=True`, which rewrites the content (not a dimension's name or slug).
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from guide.loader import ContentError, check_fields, full_clean_or_error, read_toml, skill_key
from guide.models import Career, ShippedContent, Skill
from guide.shipped import Found, LeftOut, ShippedRows, was_deleted

from .models import Dimension, Option, Question, Resource

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "readiness.toml"
DIMENSION_FIELDS = {"slug", "name", "order", "description", "advice", "step_keywords"}
QUESTION_FIELDS = {"key", "dimension", "career", "left_out_for", "text", "help_text", "options"}
# ShippedContent kind of a (question, career) pair a file left out; see _leave_out.
LEFT_OUT_KIND = "assessments.question.left_out_for"
RESOURCE_FIELDS = {"key", "title", "kind", "url", "description", "skill", "dimension", "career"}


class _Skip(Exception):
    """The item points at a guide, skill or dimension staff deleted: leave it out."""


@dataclass
class LoadReport(LeftOut):
    dimensions: int = 0
    questions: int = 0
    resources: int = 0
    left_out_for: int = 0
    updated: int = 0

    def summary(self) -> str:
        text = (
            f"Assessments: {self.dimensions} dimensions, {self.questions} questions, "
            f"{self.resources} resources created; {self.updated} updated."
        )
        if self.left_out_for:
            text += f" Questions left out for a career: {self.left_out_for}."
        if self.left_deleted:
            text += f" Left out, deleted by staff: {len(self.left_deleted)}."
        return text + self.taken_note()


def _entries(
    data: dict,
    section: str,
    allowed: set[str],
    key_name: str,
    path: Path,
    seen: set[str] | None = None,
):
    """(n, item, key, where) for each entry of a section, its fields checked and its key
    present and unique; `seen`, if given, collects the keys."""
    seen = set() if seen is None else seen
    for n, item in enumerate(data.get(section, []), 1):
        where = f"{path.name} {section}[{n}]"
        check_fields(item, allowed, where)
        yield n, item, _key(item, key_name, where, seen), where


def _key(item: dict, name: str, where: str, seen: set[str]) -> str:
    key = item.get(name)
    if not isinstance(key, str) or not key.strip():
        raise ContentError(f"{where}: missing required field {name!r}")
    if key in seen:
        raise ContentError(f"{where}: a second entry with {name} {key!r}")
    seen.add(key)
    return key


def _career(item: dict, careers: ShippedRows, where: str) -> Career | None:
    """The guide shipped with slug `career`, wherever staff have moved it since."""
    key = item.get("career")
    if key is None:
        return None
    career = careers.get(key) or Career.objects.filter(slug=key, content_key=None).first()
    if career is not None:
        return career
    if was_deleted(Career, key):
        raise _Skip(f"guide {key}")
    raise ContentError(f"{where}: no career with slug {key!r} (run load_guides first)")


def _left_out_for(
    item: dict, career: Career | None, careers: ShippedRows, report: LoadReport, where: str
) -> list[tuple[str, Career]]:
    """(guide key, guide) for each career a global question is not asked for."""
    keys = item.get("left_out_for", [])
    if not isinstance(keys, list) or not all(isinstance(k, str) and k for k in keys):
        raise ContentError(f"{where}: left_out_for must be a list of guide slugs")
    if keys and career is not None:
        raise ContentError(
            f"{where}: left_out_for is for questions asked for every career; this one has a career"
        )
    found = []
    for key in keys:
        try:
            found.append((key, _career({"career": key}, careers, f"{where} left_out_for")))
        except _Skip:
            report.left_deleted.append(f"guide {key} (left out of a question)")
    return found


def _leave_out(question: Question | None, left_out_for, report: LoadReport) -> None:
    """Leave the question out for each career the file names, once: a pair already given
    to this database and since removed by staff stays removed (the loaders' rule)."""
    if question is None:
        return
    for career_key, career in left_out_for:
        record, created = ShippedContent.objects.get_or_create(
            kind=LEFT_OUT_KIND, key=f"{question.content_key}:{career_key}"[:120]
        )
        if created:
            question.left_out_for.add(career)
            report.left_out_for += 1


def _skill(item: dict, where: str) -> Skill | None:
    if "skill" not in item:
        return None
    key = skill_key(str(item["skill"]))
    skill = Skill.objects.filter(content_key=key).first()
    if skill is not None:
        return skill
    if was_deleted(Skill, key):
        raise _Skip(f"skill {key}")
    raise ContentError(f"{where}: skill {item['skill']!r} is not in the catalog")


def _to_write(rows: ShippedRows, key: str, same_identity: Q, *, update: bool):
    """The row a question or resource is written to (None for a new one) and how it was
    found; None when it exists and this is no update. Raises _Skip when staff deleted it
    or another row has its text or title: both are reported as left out."""
    row, found = rows.find(key, same_identity)
    if found in (Found.DELETED, Found.TAKEN):
        raise _Skip(key)
    if found is not Found.NEW and not update:
        return None
    return row, found


def _write(obj, values: dict, where: str) -> None:
    for name, value in values.items():
        setattr(obj, name, value)
    full_clean_or_error(obj, where)
    obj.save()


def load_assessments(*, path: Path | None = None, update: bool = False) -> LoadReport:
    path = path or CONTENT_FILE
    data = read_toml(path)
    check_fields(data, {"dimensions", "questions", "resources"}, path.name)
    report = LoadReport()

    with transaction.atomic():
        careers = ShippedRows(Career)
        dimensions = ShippedRows(Dimension)
        dimension_keys: set[str] = set()
        entries = _entries(data, "dimensions", DIMENSION_FIELDS, "slug", path, dimension_keys)
        for _n, item, key, where in entries:
            name = item.get("name", "")
            values = {k: v for k, v in item.items() if k not in {"slug", "name"}}
            obj, found = dimensions.find(key, Q(slug=key) | Q(name__iexact=name))
            if report.left_out(found, f"dimension {key}"):
                continue
            if found is Found.NEW:
                obj = Dimension(slug=key, name=name, content_key=key)
                _write(obj, values, where)
                dimensions.remember(obj)
                report.dimensions += 1
            elif update:  # name and slug are the staff's; the rest is content
                _write(obj, values, where)
                report.updated += 1

        def dimension_for(item, where):
            key = item.get("dimension")
            if key not in dimension_keys:
                raise ContentError(f"{where}: unknown dimension {key!r}")
            dimension = dimensions.get(key)
            if dimension is None:
                raise _Skip(f"dimension {key}")
            return dimension

        questions = ShippedRows(Question)
        for n, item, key, where in _entries(data, "questions", QUESTION_FIELDS, "key", path):
            options = item.get("options") or []
            if len(options) < 2:
                raise ContentError(f"{where}: a question needs at least two options")
            for i, option in enumerate(options, 1):
                check_fields(option, {"label", "points"}, f"{where} options[{i}]")
            text = item.get("text", "")
            try:
                career = _career(item, careers, where)
                left_out_for = _left_out_for(item, career, careers, report, where)
                dimension = dimension_for(item, where)
                target = _to_write(questions, key, Q(text=text, career=career), update=update)
            except _Skip:
                report.left_deleted.append(f"question {key}")
                continue
            if target is None:
                _leave_out(questions.get(key), left_out_for, report)
                continue
            question, found = target
            values = {"dimension": dimension, "help_text": item.get("help_text", ""), "order": n}
            if found is Found.NEW:
                question = Question(content_key=key, text=text, career=career)
                report.questions += 1
            else:
                values |= {"text": text, "career": career}
                report.updated += 1
            _write(question, values, where)
            questions.remember(question)
            _leave_out(question, left_out_for, report)
            question.options.all().delete()
            for i, option in enumerate(options, 1):
                obj = Option(question=question, order=i, **option)
                full_clean_or_error(obj, f"{where} options[{i}]")
                obj.save()

        resources = ShippedRows(Resource)
        for n, item, key, where in _entries(data, "resources", RESOURCE_FIELDS, "key", path):
            if "skill" not in item and "dimension" not in item:
                raise ContentError(f"{where}: give a skill or a dimension")
            title = item.get("title", "")
            try:
                career = _career(item, careers, where)
                skill = _skill(item, where)
                dimension = dimension_for(item, where) if "dimension" in item else None
                target = _to_write(resources, key, Q(title=title, career=career), update=update)
            except _Skip:
                report.left_deleted.append(f"resource {key}")
                continue
            if target is None:
                continue
            resource, found = target
            if found is Found.NEW:
                resource = Resource(content_key=key)
                report.resources += 1
            else:
                report.updated += 1
            values = {
                "title": title,
                "career": career,
                "kind": item.get("kind", Resource.Kind.COURSE),
                "url": item.get("url", ""),
                "description": item.get("description", ""),
                "skill": skill,
                "dimension": dimension,
                "order": n,
            }
            _write(resource, values, where)
            resources.remember(resource)
    return report
