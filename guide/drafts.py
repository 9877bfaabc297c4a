"""Working drafts of a live guide: change it in private, preview it, publish it in one step.

A working draft is a copy of a published guide (a Career row with `draft_of` set, and a
copy of each of its parts, each part remembering in `origin_id` the live part it came
from). Editors change the copy in the admin as they would any guide; visitors keep seeing
the live guide; staff preview the copy on the site with a summary of what differs.

Publishing copies the draft onto the live guide inside one transaction, part by part:
a part that came from a live part updates that part in place (same id), a new part is
added, a live part the draft no longer has is deleted. Steps and levels therefore keep
their ids, so members' plan steps, notes and goals that point at them are untouched.
Nothing is written when the draft fails a check (`publish_problems`). Discarding deletes
the copy and nothing else.

Why a copy in the same tables and not a JSON document (Wagtail's way): the admin's
inlines, validation, ordering and history work on a copy unchanged, and the guide page
renders it with the same queries. docs/editing.md has the whole story.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import reversion
from django.core import serializers
from django.db import models, transaction
from django.urls import Resolver404, resolve
from reversion.models import Version

from . import search
from .cache import content_changed
from .figures import problem_place
from .history import PARTS, Changes, Copy, _diff, _Names
from .models import Career, RelatedCareer
from .selectors import all_statistics, career_figures, figure_problems

# Career fields that belong to the row, not to the guide's content: never copied.
OWN_FIELDS = {"id", "slug", "status", "content_key", "draft_of", "publish_at", "created_at"}
STARTED_COMMENT = "Started a working draft of the live guide."
# A link in staff prose to another guide: /careers/<slug>/ (relative or on this site).
GUIDE_LINK = re.compile(r"\]\((?:https?://[^/)\s]+)?/careers/([-a-zA-Z0-9_]+)/?[)#?\s]")


def draft_slug(live: Career) -> str:
    return f"{live.slug[:100]}--draft-{live.pk}"


def _content_fields(model) -> list[models.Field]:
    skip = OWN_FIELDS if model is Career else {"id", "career", "origin_id"}
    return [f for f in model._meta.concrete_fields if f.name not in skip and not f.auto_created]


def _part_links(model) -> list[models.Field]:
    """A part's links to other parts of the same guide (a figure's source)."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.is_relation and f.name != "career" and f.related_model in PARTS
    ]


# --- Starting and discarding ----------------------------------------------------------


def start_draft(*, live: Career, user) -> Career:
    """The live guide's working draft: the one already started, or a new copy of it."""
    if live.is_working_draft or not live.is_published:
        raise ValueError("Only a published guide gets a working draft; edit a draft directly.")
    with transaction.atomic(), search.batch():
        live = Career.objects.select_for_update().get(pk=live.pk)
        existing = Career.objects.filter(draft_of=live).first()
        if existing is not None:
            return existing
        with reversion.create_revision():
            draft = Career(
                slug=draft_slug(live), status=Career.Status.DRAFT, draft_of=live, publish_at=None
            )
            for f in _content_fields(Career):
                setattr(draft, f.attname, getattr(live, f.attname))
            draft.save()
            copied = {}  # (model, live pk) -> draft pk
            for model in PARTS:
                rows = list(model._default_manager.filter(career=live).order_by("pk"))
                originals = [row.pk for row in rows]
                for row in rows:
                    row.origin_id = row.pk
                    row.pk = None
                    row.career = draft
                    for f in _part_links(model):
                        value = getattr(row, f.attname)
                        if value is not None:
                            setattr(row, f.attname, copied[f.related_model, value])
                    row._state.adding = True
                model._default_manager.bulk_create(rows)
                copied.update(
                    {(model, old): row.pk for old, row in zip(originals, rows, strict=True)}
                )
            reversion.set_user(user)
            reversion.set_comment(STARTED_COMMENT)
            reversion.add_to_revision(draft)
    return draft


def discard_draft(*, draft: Career) -> None:
    """Throw a working draft away; the live guide is not touched."""
    if not draft.is_working_draft:
        raise ValueError("That guide is not a working draft.")
    with transaction.atomic(), search.batch():
        draft.delete()


# --- What differs from the live guide --------------------------------------------------


def _copies(career: Career, *, as_draft: bool) -> dict[tuple, Copy]:
    """The guide's rows as the history diff reads them. A draft's parts are keyed by the
    live part they came from (new ones by "new<id>"), and their links to sources are
    translated to the live sources, so that only real changes show."""
    career = Career.objects.get(pk=career.pk)  # as stored, not as an instance was left
    rows = [career] + [
        row for model in PARTS for row in model._default_manager.filter(career=career)
    ]
    origin = {}
    if as_draft:
        origin = {(type(row), row.pk): row.origin_id for row in rows[1:] if row.origin_id}
    copies = {}
    for row in rows:
        data = serializers.serialize("json", [row])
        fields = json.loads(data)[0]["fields"]
        model = type(row)
        if model is Career:
            pk = str(career.draft_of_id if as_draft else career.pk)
            for name in OWN_FIELDS:
                fields.pop(name, None)
        else:
            pk = str(row.origin_id) if as_draft and row.origin_id else str(row.pk)
            if as_draft and not row.origin_id:
                pk = f"new{row.pk}"
            for f in _part_links(model) if as_draft else ():
                value = fields.get(f.name)
                if value is not None:
                    fields[f.name] = origin.get((f.related_model, value), f"new{value}")
        fields.pop("origin_id", None)
        copies[model, pk] = Copy(model, pk, str(row), fields)
    return copies


def draft_changes(draft: Career) -> Changes:
    """What publishing this draft would change on the live guide, field by field and part
    by part (the same diff the history shows)."""
    live = draft.draft_of
    names = _Names()
    changes = _diff(None, _copies(live, as_draft=False), _copies(draft, as_draft=True), names)
    names.finish()
    return changes


# --- Publishing -------------------------------------------------------------------------


def _link_problems(draft: Career) -> list[str]:
    """Links that would be broken on the live guide: related guides that are not public,
    and links in its prose to guide addresses that do not exist or are not public."""
    problems = []
    live_pk = draft.draft_of_id or draft.pk
    for link in RelatedCareer.objects.filter(career=draft).select_related("related_career"):
        other = link.related_career
        if other.pk == live_pk:
            problems.append("Related careers: a guide cannot be related to itself.")
        elif not other.is_published or other.is_working_draft:
            problems.append(f"Related careers: “{other.title}” is not published.")
    slugs = set()
    for model in [Career, *PARTS]:
        texts = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.TextField)]
        if not texts:
            continue
        rows = [draft] if model is Career else model._default_manager.filter(career=draft)
        for row in rows:
            for name in texts:
                slugs.update(GUIDE_LINK.findall(getattr(row, name) or ""))
    # Only addresses of guide pages count: /careers/compare/ is a page of its own.
    slugs = {slug for slug in slugs if _is_guide_address(slug)}
    public = set(Career.objects.published().filter(slug__in=slugs).values_list("slug", flat=True))
    own = draft.draft_of.slug if draft.draft_of_id else draft.slug
    for slug in sorted(slugs - public - {own}):
        problems.append(
            f"A link in the text points to /careers/{slug}/, which is not a live guide."
        )
    return problems


def _is_guide_address(slug: str) -> bool:
    try:
        return resolve(f"/careers/{slug}/").url_name == "career-detail"
    except Resolver404:
        return False


def publish_problems(draft: Career) -> list[str]:
    """Why this guide may not go live as it stands: contradictions between its figures or
    with another guide's, figures with no source (the rules `check_guides` and the audit
    apply, through `figure_problems`; an old figure is a warning there, not a refusal
    here), broken links. Empty: it may."""
    found = figure_problems(
        career_figures(draft),
        release=None,
        projection=None,
        statistics=all_statistics(exclude=draft),
    )
    reasons = [f"{problem_place(p)}: {p.message}" for kind, p in found if kind != "stale"]
    return reasons + _link_problems(draft)


@dataclass(frozen=True)
class Published:
    live: Career
    published: bool
    reasons: tuple[str, ...] = ()
    summary: str = ""


def _unique_fields(model) -> set[str]:
    names = set()
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            names.update(constraint.fields)
            if constraint.condition is not None:
                names.update(dict(constraint.condition.children))
    names.discard("career")
    return {model._meta.get_field(name).attname for name in names}


def _apply_parts(draft: Career, live: Career) -> None:
    """Make the live guide's parts those of the draft, keeping the ids of the parts the
    draft came from. Removed rows go first and rows whose unique fields changed are put
    back with their id, so no uniqueness rule trips half way; sources go last, once
    nothing points at the removed ones."""
    ids = {}  # (model, draft pk) -> live pk
    linked = {f.related_model for model in PARTS for f in _part_links(model)}  # sources
    removed_sources = []
    for model in PARTS:
        fields = _content_fields(model)
        unique = _unique_fields(model)
        live_rows = {row.pk: row for row in model._default_manager.filter(career=live)}
        kept, added, put_back = [], [], []
        for row in model._default_manager.filter(career=draft).order_by("pk"):
            for f in _part_links(model):
                value = getattr(row, f.attname)
                if value is not None:
                    setattr(row, f.attname, ids[f.related_model, value])
            target = live_rows.get(row.origin_id)
            if target is None:
                added.append(row)
            elif any(getattr(row, name) != getattr(target, name) for name in unique):
                put_back.append(row)
            else:
                kept.append((row, target))
        gone = set(live_rows) - {row.origin_id for row, _ in kept}
        gone -= {row.origin_id for row in put_back}
        if model in linked:
            removed_sources.append((model, gone))
        else:
            model._default_manager.filter(pk__in=gone).delete()
        model._default_manager.filter(pk__in=[row.origin_id for row in put_back]).delete()
        for row, target in kept:
            changed = [
                f.name for f in fields if getattr(row, f.attname) != getattr(target, f.attname)
            ]
            for name in changed:
                setattr(target, name, getattr(row, name))
            if changed:
                target.save(update_fields=changed)
            ids[model, row.pk] = target.pk
        for row in [*put_back, *added]:
            draft_pk = row.pk
            row.pk = row.origin_id if row in put_back else None
            row.origin_id = None
            row.career = live
            row._state.adding = True
            row.save(force_insert=True)
            ids[model, draft_pk] = row.pk
    for model, gone in removed_sources:
        model._default_manager.filter(pk__in=gone).delete()


def publish_draft(*, draft: Career, user, comment: str = "") -> Published:
    """Put the draft's content on the live guide in one transaction, recorded as one
    revision of the live guide by `user`, and delete the draft. Refused, with the
    reasons and nothing written, when `publish_problems` finds any."""
    if not draft.is_working_draft:
        raise ValueError("That guide is not a working draft.")
    live = draft.draft_of
    reasons = publish_problems(draft)
    if reasons:
        return Published(live, published=False, reasons=tuple(reasons))
    changes = draft_changes(draft)
    summary = describe(changes)
    with transaction.atomic(), search.batch():
        live = Career.objects.select_for_update().get(pk=live.pk)
        _record_before(live)
        _publish(draft, live, user, comment, summary)
    transaction.on_commit(content_changed)
    content_changed()
    return Published(live, published=True, summary=summary)


def _record_before(live: Career) -> None:
    """A guide never saved inside a revision (made before history was kept, or by code)
    gets one of its present state first, so the publish shows as a diff and can be undone."""
    if not Version.objects.get_for_object(live).exists():
        with reversion.create_revision():
            reversion.set_comment("The live guide as it was before a working draft was published.")
            reversion.add_to_revision(live)


def _publish(draft: Career, live: Career, user, comment: str, summary: str) -> None:
    with reversion.create_revision():
        for f in _content_fields(Career):
            if f.name != "updated_at":
                setattr(live, f.attname, getattr(draft, f.attname))
        live.save()
        _apply_parts(draft, live)
        draft.delete()
        reversion.set_user(user)
        comment = comment or "Published the working draft: {summary}."
        reversion.set_comment(comment.format(summary=summary))
        reversion.add_to_revision(Career.objects.get(pk=live.pk))


def describe(changes: Changes) -> str:
    """One line naming what a draft changes, e.g. "2 guide fields; FAQ: 1 added"."""
    counts = {}
    for part in changes.parts:
        counts.setdefault(part.part, {}).setdefault(part.kind, 0)
        counts[part.part][part.kind] += 1
    bits = []
    if changes.career:
        bits.append("guide fields: " + ", ".join(change.label for change in changes.career))
    for part, kinds in counts.items():
        bits.append(f"{part}: " + ", ".join(f"{n} {kind}" for kind, n in kinds.items()))
    return "; ".join(bits) or "no changes"
