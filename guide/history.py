"""A guide's history: every save recorded as a revision, a readable diff, and restoring.

django-reversion records the revisions (docs/editing.md): `register()` below makes it
store, with every save of a Career, a copy of the career and of all its parts (the
inline rows of the admin). The admin (`CareerAdmin`, a reversion `VersionAdmin`) and
the loader save inside a revision, with who and a comment.

What reversion leaves to us, written here:

- `revision_changes`: what one revision changed against the one before it, field by
  field and part by part, read from the stored JSON copies (reversion-compare was not
  worth a dependency: it diffs one model at a time, and here a change is spread over
  fourteen kinds of part).
- `restore_revision`: brings the guide back to a revision as a new revision. Unlike
  reversion's own revert it touches only this guide (a revision from the career list
  may hold several), and it restores what it can: a part pointing at a skill, an
  occupation or a guide deleted since is left out and named, not a failed save.
"""

from __future__ import annotations

import difflib
import json
from collections import defaultdict
from dataclasses import dataclass, field

import reversion
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from reversion.models import Revision, Version

from .cache import content_changed
from .models import (
    FAQ,
    Career,
    CareerLevel,
    CareerOccupation,
    CareerSkill,
    EducationPath,
    KeyFact,
    ProCon,
    RegionalSalary,
    RelatedCareer,
    Responsibility,
    Section,
    Source,
    Specialization,
    Step,
)

# The parts of a guide, in the order the admin shows them; each has a `career` key.
PARTS = [
    CareerOccupation,
    Source,
    KeyFact,
    Responsibility,
    CareerSkill,
    EducationPath,
    Step,
    CareerLevel,
    RegionalSalary,
    Section,
    Specialization,
    ProCon,
    FAQ,
    RelatedCareer,
]
# Fields a diff leaves out: they change with every save and say nothing about content.
UNSHOWN = {"created_at", "updated_at", "career", "origin_id", "draft_of"}
# A text longer than this is shown as what changed inside it, with some words around.
SHORT_TEXT = 80
CONTEXT_WORDS = 6
# How many revisions the history page shows with their changes.
HISTORY_LIMIT = 50


def register() -> None:
    """Record a career together with every part (called once, from GuideConfig.ready)."""
    follow = [model._meta.get_field("career").remote_field.get_accessor_name() for model in PARTS]
    for model in PARTS:
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Career):
        reversion.register(Career, follow=follow)


# --- Reading revisions ---------------------------------------------------------------


@dataclass(frozen=True)
class Copy:
    """One stored row of a revision: its model, id, label and fields."""

    model: type[models.Model]
    pk: str
    label: str
    fields: dict


def _copy(version: Version) -> Copy:
    data = json.loads(version.serialized_data)[0]
    return Copy(version._model, str(version.object_id), version.object_repr, data["fields"])


def _is_of(copy: Copy, career_pk: str) -> bool:
    if copy.model is Career:
        return copy.pk == career_pk
    return str(copy.fields.get("career")) == career_pk


def guide_copies(versions, career: Career) -> dict[tuple, Copy]:
    """The rows of one guide among a revision's stored rows, keyed by (model, id)."""
    career_pk = str(career.pk)
    copies = {}
    for version in versions:
        if version._model is not Career and version._model not in PARTS:
            continue
        copy = _copy(version)
        if _is_of(copy, career_pk):
            copies[copy.model, copy.pk] = copy
    return copies


def career_revisions(career: Career):
    """The revisions that hold this career, newest first."""
    ids = Version.objects.get_for_object(career).values("revision_id")
    return Revision.objects.filter(pk__in=ids).select_related("user").order_by("-pk")


@dataclass
class FieldChange:
    label: str
    old: str = ""
    new: str = ""
    # For long text: (kind, words) pieces, kind in "same", "old", "new".
    pieces: list = field(default_factory=list)


@dataclass
class PartChange:
    kind: str  # "added", "removed", "changed"
    part: str  # the kind of part, e.g. "FAQ"
    label: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class Changes:
    revision: Revision
    first: bool = False
    career: list[FieldChange] = field(default_factory=list)
    parts: list[PartChange] = field(default_factory=list)
    part_count: int = 0
    version_id: int | None = None  # the career's stored copy in this revision (for links)

    @property
    def empty(self) -> bool:
        return not self.first and not self.career and not self.parts


def _text_pieces(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level changes between two long texts, with a few words around each."""
    a, b = old.split(), new.split()
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            words = a[i1:i2]
            if len(words) > 2 * CONTEXT_WORDS:
                words = [*words[:CONTEXT_WORDS], "…", *words[-CONTEXT_WORDS:]]
            pieces.append(("same", " ".join(words)))
            continue
        if i2 > i1:
            pieces.append(("old", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("new", " ".join(b[j1:j2])))
    if pieces and pieces[0][0] == "same":  # the text's opening: only the words before a change
        words = pieces[0][1].split()
        if len(words) > CONTEXT_WORDS:
            pieces[0] = ("same", " ".join(["…", *words[-CONTEXT_WORDS:]]))
    return pieces


class _Names:
    """Readable values: choices by label, links to other rows by their name.

    Names of linked rows are gathered while diffing and fetched once per model at the end,
    so the history page costs the same few queries however many revisions it shows."""

    def __init__(self):
        self.known = {}
        self.wanted = defaultdict(set)
        self.pending = []  # (FieldChange, field, old value, new value)

    def learn(self, copies):
        self.known.update({(copy.model, copy.pk): copy.label for copy in copies})

    def later(self, change: FieldChange, f, before, after):
        for value in (before, after):
            if f.is_relation and value is not None:
                self.wanted[f.related_model].add(value)
        self.pending.append((change, f, before, after))

    def finish(self):
        for target, pks in self.wanted.items():
            missing = {pk for pk in pks if (target, str(pk)) not in self.known}
            for obj in target._default_manager.filter(pk__in=missing):
                self.known[target, str(obj.pk)] = str(obj)
        for change, f, before, after in self.pending:
            change.old, change.new = self.show(f, before), self.show(f, after)
        self.wanted.clear()
        self.pending.clear()

    def show(self, f, value) -> str:
        if value is None or value == "":
            return "(empty)"
        if f.is_relation:
            return self.known.get((f.related_model, str(value)), f"(deleted, id {value})")
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(f, models.BooleanField):
            return "yes" if value else "no"
        return str(value)


def _same(before, after) -> bool:
    """Equal, or texts that differ only in spacing and line endings (a browser sends a
    text box back with CRLF line ends and the form trims it: no reader sees a change)."""
    if isinstance(before, str) and isinstance(after, str):
        return before.split() == after.split()
    return before == after


def _field_changes(model, old: dict, new: dict, names: _Names) -> list[FieldChange]:
    changes = []
    for f in model._meta.concrete_fields:
        if f.name in UNSHOWN or f.name == "order" or f.primary_key:
            continue  # a part's position is reported as a new order of its kind (_reordered)
        if _same(old.get(f.name), new.get(f.name)):
            continue
        label = str(f.verbose_name)
        before, after = old.get(f.name), new.get(f.name)
        if (
            isinstance(before, str)
            and isinstance(after, str)
            and max(len(before), len(after)) > SHORT_TEXT
        ):
            changes.append(FieldChange(label, pieces=_text_pieces(before, after)))
        else:
            change = FieldChange(label)
            names.later(change, f, before, after)
            changes.append(change)
    return changes


def _rank(pk: str) -> tuple[int, int]:
    """Parts in id order; a working draft's new parts ("new<id>", guide/drafts.py) last."""
    return (1, int(pk[3:])) if pk.startswith("new") else (0, int(pk))


def _diff(revision, before: dict | None, after: dict, names: _Names) -> Changes:
    """The changes from `before` to `after`; call names.finish() before showing them."""
    changes = Changes(revision=revision, part_count=len(after) - 1)
    if before is None:
        changes.first = True
        return changes
    changes.parts += _reordered(before, after)
    names.learn([*before.values(), *after.values()])
    order = {model: index for index, model in enumerate(PARTS)}
    for key in sorted(set(before) | set(after), key=lambda k: (order.get(k[0], -1), _rank(k[1]))):
        model = key[0]
        old, new = before.get(key), after.get(key)
        if model is Career:
            changes.career = (
                _field_changes(Career, old.fields, new.fields, names) if old and new else []
            )
            continue
        part = str(model._meta.verbose_name)
        if old is None:
            changes.parts.append(PartChange("added", part, new.label))
        elif new is None:
            changes.parts.append(PartChange("removed", part, old.label))
        else:
            fields = _field_changes(model, old.fields, new.fields, names)
            if fields:
                changes.parts.append(PartChange("changed", part, new.label, fields))
    return changes


def _reordered(before: dict, after: dict) -> list[PartChange]:
    """The kinds of part whose rows now come in another order, with the new order. Rows
    are compared among those in both versions, within their kind (pros apart from cons);
    positions renumbered without moving anything are not a change."""

    def position(copy):
        return (str(copy.fields.get("kind", "")), copy.fields.get("order") or 0, _rank(copy.pk))

    found = []
    both = before.keys() & after.keys()
    for model in PARTS:
        keys = [key for key in both if key[0] is model]
        sequences = [
            [copy.pk for copy in sorted((copies[key] for key in keys), key=position)]
            for copies in (before, after)
        ]
        if sequences[0] != sequences[1]:
            labels = [after[model, pk].label for pk in sequences[1]]
            shown = ", ".join(labels[:6]) + (", …" if len(labels) > 6 else "")
            found.append(PartChange("reordered", str(model._meta.verbose_name_plural), shown))
    return found


def history(career: Career, *, limit: int = HISTORY_LIMIT) -> list[Changes]:
    """The latest revisions of a guide, newest first, each with what it changed."""
    revisions = list(career_revisions(career)[: limit + 1])
    versions = defaultdict(list)
    for version in Version.objects.filter(revision__in=revisions).select_related("content_type"):
        versions[version.revision_id].append(version)
    copies = [guide_copies(versions[revision.pk], career) for revision in revisions]
    result = []
    names = _Names()
    for index, revision in enumerate(revisions[:limit]):
        before = copies[index + 1] if index + 1 < len(revisions) else None
        changes = _diff(revision, before, copies[index], names)
        changes.version_id = next(
            version.pk
            for version in versions[revision.pk]
            if version._model is Career and version.object_id == str(career.pk)
        )
        result.append(changes)
    names.finish()
    return result


def revision_changes(career: Career, revision: Revision) -> Changes:
    """What one revision of a guide changed against the revision before it."""
    previous = career_revisions(career).filter(pk__lt=revision.pk).first()
    after = guide_copies(revision.version_set.all(), career)
    before = guide_copies(previous.version_set.all(), career) if previous else None
    names = _Names()
    changes = _diff(revision, before, after, names)
    names.finish()
    return changes


# --- Restoring -----------------------------------------------------------------------


@dataclass
class Restored:
    revision: Revision | None
    left_out: list[str]
    # Why a live guide was not rolled back (its restored figures fail the checks a
    # publish runs, guide/drafts.py publish_problems); nothing was changed then.
    refused: list[str] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, reasons):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def _missing_links(obj, restoring: set) -> tuple[list, list]:
    """The links of a row whose target no longer exists: (nullable, required) fields."""
    nullable, required = [], []
    for f in obj._meta.concrete_fields:
        if not f.is_relation:
            continue
        value = getattr(obj, f.attname)
        if value is None or (f.related_model, str(value)) in restoring:
            continue
        if not f.related_model._default_manager.filter(pk=value).exists():
            (nullable if f.null else required).append(f)
    return nullable, required


def restore_revision(*, career: Career, revision: Revision, user) -> Restored:
    """Bring the guide back to `revision`, recorded as a new revision by `user`.

    Parts added since are deleted, parts removed since come back with their old ids (so
    members' plan steps and goals find them again), changed ones get their old fields.
    A part that points at a skill, an occupation or a guide deleted since is left out
    (a link it may go without is cleared instead); `left_out` names each."""
    copies = guide_copies(revision.version_set.all(), career)
    if (Career, str(career.pk)) not in copies:
        raise ValueError("That revision does not hold this guide.")
    versions = {
        (version._model, str(version.object_id)): version
        for version in revision.version_set.all()
        if (version._model, str(version.object_id)) in copies
    }
    left_out = []
    try:
        _restore(career, revision, copies, versions, left_out, user)
    except _Refused as refused:
        return Restored(revision=None, left_out=left_out, refused=refused.reasons)
    content_changed()
    latest = career_revisions(career).first()
    return Restored(revision=latest, left_out=left_out)


def _restore(career, revision, copies, versions, left_out, user) -> None:
    with transaction.atomic(), reversion.create_revision():
        restoring = set(copies)
        kept = []
        for key, copy in copies.items():
            obj = versions[key]._object_version.object
            part = f"{obj._meta.verbose_name} “{copy.label}”"
            nullable, required = _missing_links(obj, restoring)
            if required:
                names = ", ".join(str(f.verbose_name) for f in required)
                left_out.append(f"{part}: its {names} no longer exists")
                restoring.discard(key)
                continue
            for f in nullable:
                setattr(obj, f.attname, None)
                left_out.append(f"the {f.verbose_name} of {part} was deleted since; left empty")
            kept.append((obj, part))
        # Parts added since that revision go.
        collector = Collector(using="default")
        for model in PARTS:
            keep = [pk for (m, pk) in restoring if m is model]
            added = model._default_manager.filter(career=career).exclude(pk__in=keep)
            if added.exists():
                collector.collect(list(added))
        collector.delete()
        # The career first, then the parts in the order the admin shows them.
        kept.sort(key=lambda row: -1 if isinstance(row[0], Career) else PARTS.index(type(row[0])))
        for obj, part in kept:
            try:
                with transaction.atomic():
                    obj.save()
            except IntegrityError:
                left_out.append(f"{part}: it clashes with a part kept")
        when = timezone.localtime(revision.date_created).strftime("%Y-%m-%d %H:%M")
        comment = f"Restored the version of {when} (revision {revision.pk})."
        if left_out:
            comment += " Left out: " + "; ".join(left_out) + "."
        restored = Career.objects.get(pk=career.pk)
        if restored.is_published:
            # Rolling back a live guide publishes the old version: the same checks apply.
            from .drafts import publish_problems

            reasons = publish_problems(restored)
            if reasons:
                raise _Refused(reasons)  # the transaction is rolled back: nothing changed
        reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(restored)
