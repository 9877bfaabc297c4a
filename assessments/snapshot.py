"""The schema of what a Result keeps of the guide it was scored against.

A Result stores, as JSON, one item per skill (skills-gap) or per dimension (readiness)
and the recommendations made, plus the target level's title and `snapshot_version`.
This module is the one definition of those shapes: the services write through
`Snapshot.to_fields()`, and the views, templates, API and export read through
`Snapshot.of(result)`. Rows saved before the version was recorded are version 1, the
shape below; a later shape gets a new number and `_upgrade` learns to read the old one.
"""

from dataclasses import asdict, dataclass, field, fields
from typing import Self

SNAPSHOT_VERSION = 1


def _known(cls, data: dict) -> dict:
    """The keys of `data` that `cls` has, so an extra key in an old row is no error."""
    names = {f.name for f in fields(cls)}
    return {key: value for key, value in data.items() if key in names}


class _Part:
    """How a part of a snapshot (a dataclass) is read from and written to its JSON."""

    @classmethod
    def from_dict(cls, data: dict) -> Self:
        return cls(**_known(cls, data))

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SkillItem(_Part):
    """One skill as it was scored: the guide's numbers then and the user's rating.

    Every field has a default so a partial row from an early version still reads."""

    skill_id: int = 0
    name: str = ""
    kind: str = ""
    importance: int = 0
    expected: int = 0
    rating: int = 0
    match: float = 0.0
    shortfall: int = 0
    priority: int = 0
    match_pct: float = 0.0


@dataclass
class Answer(_Part):
    question: str = ""
    answer: str = ""
    points: int = 0
    max: int = 0
    # Which question and option they were, to pre-fill a retake; 0 in rows saved before
    # these were kept (a retake then matches the question and answer by their text).
    question_id: int = 0
    option_id: int = 0


@dataclass
class DimensionItem(_Part):
    """One readiness dimension: points scored of the best possible, and the answers."""

    slug: str = ""
    name: str = ""
    points: int = 0
    max_points: int = 0
    pct: float = 0.0
    answers: list[Answer] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> "DimensionItem":
        known = _known(cls, data)
        known["answers"] = [Answer.from_dict(a) for a in known.get("answers", [])]
        return cls(**known)


@dataclass
class Recommendation(_Part):
    """What to do next and why: `kind` is resource, advice or step."""

    kind: str
    title: str
    url: str
    detail: str
    subject: str
    why: str
    resource_kind: str | None = None  # resources only

    def to_dict(self) -> dict:
        data = {"kind": self.kind}
        if self.resource_kind is not None:
            data["resource_kind"] = self.resource_kind
        data |= {
            "title": self.title,
            "url": self.url,
            "detail": self.detail,
            "subject": self.subject,
            "why": self.why,
        }
        return data


SKILLS, READINESS = "skills", "readiness"  # Result.Kind values


@dataclass
class Snapshot:
    kind: str
    items: list[SkillItem] | list[DimensionItem]
    recommendations: list[Recommendation]
    target: str = ""  # the target level's title; skills-gap analyses only
    version: int = SNAPSHOT_VERSION

    @classmethod
    def from_dict(cls, data: dict) -> "Snapshot":
        data = _upgrade(dict(data))
        item = SkillItem if data["kind"] == SKILLS else DimensionItem
        return cls(
            kind=data["kind"],
            items=[item.from_dict(i) for i in data.get("items") or []],
            recommendations=[
                Recommendation.from_dict(r) for r in data.get("recommendations") or []
            ],
            target=data.get("target") or "",
            version=SNAPSHOT_VERSION,
        )

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "version": self.version,
            "target": self.target,
            "items": self.item_dicts,
            "recommendations": self.recommendation_dicts,
        }

    @property
    def item_dicts(self) -> list[dict]:
        return [i.to_dict() for i in self.items]

    @property
    def recommendation_dicts(self) -> list[dict]:
        return [r.to_dict() for r in self.recommendations]

    @classmethod
    def items_of(cls, result) -> list[SkillItem] | list[DimensionItem]:
        """Only the items, for callers that did not load the recommendations."""
        data = _upgrade({"kind": result.kind, "version": result.snapshot_version})
        item = SkillItem if data["kind"] == SKILLS else DimensionItem
        return [item.from_dict(i) for i in result.items or []]

    @classmethod
    def of(cls, result) -> "Snapshot":
        """The snapshot a saved Result holds, whatever version it was saved in."""
        return cls.from_dict(
            {
                "kind": result.kind,
                "version": result.snapshot_version,
                "target": result.target_level,
                "items": result.items,
                "recommendations": result.recommendations,
            }
        )

    def to_fields(self) -> dict:
        """The Result fields that store this snapshot."""
        data = self.to_dict()
        return {
            "kind": data["kind"],
            "snapshot_version": data["version"],
            "target_level": data["target"],
            "items": data["items"],
            "recommendations": data["recommendations"],
        }


def _upgrade(data: dict) -> dict:
    """Bring a stored snapshot to the current version. Version 1 (and rows saved before
    the number was kept, read as 1) is the current shape."""
    version = data.get("version") or 1
    if version > SNAPSHOT_VERSION:
        raise ValueError(f"Snapshot version {version} is newer than this code reads.")
    return data
