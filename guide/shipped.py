"""Match shipped content to database rows by a key staff cannot change.

The loaders (guide.loader, assessments.loader) run on every `make run` and every
release, on a database that staff edit. So they never look a row up by a name, a slug
or a text staff may change. Each row a loader creates carries `content_key`, the
item's key in the content files, and is looked up by it alone. `ShippedContent` keeps
one record per key ever loaded: a recorded key that no row carries any more was
deleted by staff, and stays deleted unless the operator restores it. The design and
its reasons are in docs/architecture.md ("Shipped content and staff edits").
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from django.db.models import Model, Q

from .models import ShippedContent


class Found(Enum):
    KEYED = "keyed"  # a row carries the key
    ADOPTED = "adopted"  # an older row without a key had the item's name or slug: now keyed
    NEW = "new"  # never loaded: create it
    DELETED = "deleted"  # loaded once, then deleted by staff: leave it deleted
    TAKEN = "taken"  # its name or slug now belongs to another row: cannot create it


class ShippedRows:
    """The rows of one model that came from content files, indexed by their key."""

    def __init__(self, model: type[Model], *, restore: Iterable[str] = ()):
        self.model = model
        self.kind = model._meta.label_lower
        self.rows = {row.content_key: row for row in model.objects.exclude(content_key=None)}
        self.loaded = set(
            ShippedContent.objects.filter(kind=self.kind).values_list("key", flat=True)
        )
        self.restore = set(restore)

    def get(self, key: str):
        """The row loaded from `key`, or None (never loaded, or deleted by staff)."""
        return self.rows.get(key)

    def deleted(self, key: str) -> bool:
        return key not in self.rows and key in self.loaded and key not in self.restore

    def find(self, key: str, same_identity: Q) -> tuple[Model | None, Found]:
        """Look `key` up. `same_identity` matches rows a new one would clash with.

        A row without a key that `same_identity` matches was loaded before keys existed
        (or typed in by staff under the shipped name): it is adopted, keyed and kept.
        """
        if key in self.rows:
            return self.rows[key], Found.KEYED
        if self.deleted(key):
            return None, Found.DELETED
        clashes = list(self.model.objects.filter(same_identity)[:2])
        if not clashes:
            return None, Found.NEW
        if len(clashes) == 1 and clashes[0].content_key is None:
            row = clashes[0]
            self.model.objects.filter(pk=row.pk).update(content_key=key)
            row.content_key = key
            self.remember(row)
            return row, Found.ADOPTED
        return None, Found.TAKEN

    def remember(self, row: Model) -> None:
        """Record that `row` (saved, with its content_key set) came from the files."""
        self.rows[row.content_key] = row
        if row.content_key not in self.loaded:
            ShippedContent.objects.get_or_create(kind=self.kind, key=row.content_key)
            self.loaded.add(row.content_key)


def was_recorded(model: type[Model], key: str) -> bool:
    """True when an item of `model` with `key` was loaded once (whether or not it still is)."""
    return ShippedContent.objects.filter(kind=model._meta.label_lower, key=key).exists()


def record_shipped(model: type[Model], key: str) -> None:
    """Record that an item of `model` with `key` came from the files (see ShippedRows)."""
    ShippedContent.objects.get_or_create(kind=model._meta.label_lower, key=key)


def was_deleted(model: type[Model], key: str) -> bool:
    """True when `key` of `model` was loaded once and no row carries it any more."""
    recorded = ShippedContent.objects.filter(kind=model._meta.label_lower, key=key).exists()
    return recorded and not model.objects.filter(content_key=key).exists()


@dataclass
class LeftOut:
    """The items a load did not write, kept by each loader's report."""

    left_deleted: list[str] = field(default_factory=list)  # staff deleted them
    taken: list[str] = field(default_factory=list)  # another row has their name or slug

    def left_out(self, found: Found, label: str) -> bool:
        """Note `label` if the item was deleted by staff or its name is taken; True if so."""
        if found is Found.DELETED:
            self.left_deleted.append(label)
        elif found is Found.TAKEN:
            self.taken.append(label)
        else:
            return False
        return True

    def taken_note(self) -> str:
        if not self.taken:
            return ""
        return f" Not loaded, name or slug in use: {', '.join(self.taken)}."
