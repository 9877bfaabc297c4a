"""Scoring, as documented in docs/scoring.md. Pure functions: no database access.

Skills-gap analysis
    expected_i = clamp(main-level expectation_i + level offset, 0, 4)
    match_i    = 1                              if expected_i == 0
                 min(rating_i, expected_i) / expected_i   otherwise
    overall    = 100 × Σ importance_i × match_i / Σ importance_i
    shortfall_i = max(0, expected_i − rating_i);  priority_i = importance_i × shortfall_i
    Gaps are the skills with a shortfall, highest priority first.
    "Flat" answers: every rating the same (with at least three skills).

Career readiness
    dimension % = 100 × points chosen / best possible points, over its questions
    overall     = mean of the dimension percentages (each dimension counts the same)
    The weakest dimensions are those under 70 %, lowest first (at most three).
"""

from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from guide.models import IMPORTANCE_MAX, Proficiency

RATING_MIN, RATING_MAX = min(Proficiency.values), max(Proficiency.values)
WEAK_DIMENSION_BELOW = 70  # a readiness dimension under this % is weak
MAX_WEAK_DIMENSIONS = 3  # weak dimensions that get recommendations, lowest first
MAX_SKILL_GAPS = 5  # skill gaps shown first and given recommendations, biggest first
MIN_SKILLS_FOR_FLAT_WARNING = 3


@dataclass(frozen=True)
class Band:
    """What a score means in words: scores from `lowest` (a whole percentage) upwards."""

    key: str
    label: str
    lowest: int
    meaning: str


# The one list of score bands, highest first, for both kinds of assessment. A score falls
# in the first band whose `lowest` it reaches, judged on the whole percentage shown.
BANDS = (
    Band("ready", "Ready", 85, "You meet nearly everything this target asks for."),
    Band("close", "Close", 65, "Most of the way there; a few gaps remain."),
    Band("developing", "Developing", 40, "A solid start with several important gaps."),
    Band("early", "Early days", 0, "Most of the way is still ahead; start with the top gaps."),
)


@dataclass(frozen=True)
class Severity:
    """How big a skill's shortfall is: from `levels` steps of the 0–4 scale upwards."""

    key: str
    label: str
    levels: int


# The one list of gap sizes, largest first: a shortfall of 3 or more steps is large.
SEVERITIES = (
    Severity("large", "Large gap", 3),
    Severity("medium", "Medium gap", 2),
    Severity("small", "Small gap", 1),
)


def whole(value) -> int:
    """A percentage (or a difference of percentages) as the whole number shown, half-up."""
    sign = -1 if value < 0 else 1
    return sign * int(Decimal(str(abs(value))).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def band_of(score) -> Band:
    """The band of a score, judged on the whole percentage the user sees."""
    shown = whole(score)
    return next(band for band in BANDS if shown >= band.lowest)


def band_table() -> list[tuple[Band, int]]:
    """Each band with the highest whole percentage in it, for legends: (band, highest)."""
    highest = [100] + [band.lowest - 1 for band in BANDS[:-1]]
    return list(zip(BANDS, highest, strict=True))


def severity_of(shortfall: int) -> Severity | None:
    """The size of a skill's shortfall in steps of the scale; None when there is none."""
    return next((s for s in SEVERITIES if shortfall >= s.levels), None)


def with_article(title: str) -> str:
    """ "an Amazon Engineer", "a Cloud Engineer": the indefinite article by first letter."""
    article = "an" if title[:1].lower() in "aeiou" and title[:1] else "a"
    return f"{article} {title}"


def percent(value: float) -> Decimal:
    """A percentage rounded half-up to one decimal place, as stored and shown."""
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SkillInput:
    skill_id: int
    name: str
    kind: str
    importance: int
    main_expected: int


@dataclass
class SkillScore:
    skill_id: int
    name: str
    kind: str
    importance: int
    expected: int
    rating: int
    match: float
    shortfall: int
    priority: int

    @property
    def match_pct(self) -> Decimal:
        return percent(self.match * 100)


@dataclass
class SkillsOutcome:
    score: Decimal
    items: list[SkillScore]
    flat: bool

    @property
    def gaps(self) -> list[SkillScore]:
        return gaps_of(self.items)

    def items_as_dicts(self) -> list[dict]:
        return [asdict(item) | {"match_pct": float(item.match_pct)} for item in self.items]


def expected_at_level(main_expected: int, offset: int) -> int:
    return max(RATING_MIN, min(RATING_MAX, main_expected + offset))


def gaps_of(items):
    """Skills with a shortfall, by priority (importance × shortfall), then importance, name.

    The one ordering of gaps: for skills being scored and for saved snapshot items."""
    return sorted(
        (i for i in items if i.shortfall > 0),
        key=lambda i: (-i.priority, -i.importance, i.name),
    )


def in_gap_order(items):
    """Every skill: the gaps as `gaps_of` orders them, then the rest by importance, name."""
    rest = sorted((i for i in items if i.shortfall == 0), key=lambda i: (-i.importance, i.name))
    return gaps_of(items) + rest


def in_size_order(items):
    """Every skill for the per-skill table: biggest shortfall first (then importance, name),
    then the skills that meet their expectation by importance, name."""
    gaps = sorted(
        (i for i in items if i.shortfall > 0),
        key=lambda i: (-i.shortfall, -i.importance, i.name),
    )
    rest = sorted((i for i in items if i.shortfall == 0), key=lambda i: (-i.importance, i.name))
    return gaps + rest


def is_weak(pct) -> bool:
    return pct < WEAK_DIMENSION_BELOW


def terms() -> dict:
    """The scale and thresholds, by name, for templates (read when called)."""
    return {
        "rating_min": RATING_MIN,
        "rating_max": RATING_MAX,
        "importance_max": IMPORTANCE_MAX,
        "weak_below": WEAK_DIMENSION_BELOW,
        "max_weak": MAX_WEAK_DIMENSIONS,
        "max_gaps": MAX_SKILL_GAPS,
        "bands": band_table(),
        "severities": SEVERITIES,
    }


def score_skills(skills: list[SkillInput], ratings: dict[int, int], offset: int) -> SkillsOutcome:
    """Score ratings (skill id → 0..4) against the skills at a level with `offset`."""
    if not skills:
        raise ValueError("A career needs at least one skill to be assessed.")
    items = []
    for skill in skills:
        rating = ratings[skill.skill_id]
        if not RATING_MIN <= rating <= RATING_MAX:
            raise ValueError(
                f"Rating for {skill.name} must be {RATING_MIN}–{RATING_MAX}, got {rating}."
            )
        expected = expected_at_level(skill.main_expected, offset)
        match = 1.0 if expected == 0 else min(rating, expected) / expected
        shortfall = max(0, expected - rating)
        items.append(
            SkillScore(
                skill_id=skill.skill_id,
                name=skill.name,
                kind=skill.kind,
                importance=skill.importance,
                expected=expected,
                rating=rating,
                match=match,
                shortfall=shortfall,
                priority=skill.importance * shortfall,
            )
        )
    total_weight = sum(i.importance for i in items)
    score = percent(100 * sum(i.importance * i.match for i in items) / total_weight)
    values = {i.rating for i in items}
    flat = len(items) >= MIN_SKILLS_FOR_FLAT_WARNING and len(values) == 1
    return SkillsOutcome(score=score, items=items, flat=flat)


@dataclass(frozen=True)
class QuestionInput:
    question_id: int
    text: str
    dimension_slug: str
    dimension_name: str
    options: tuple[tuple[int, str, int], ...]  # (option id, label, points)

    @property
    def max_points(self) -> int:
        return max((points for _id, _label, points in self.options), default=0)


@dataclass
class DimensionScore:
    slug: str
    name: str
    points: int
    max_points: int
    pct: Decimal
    answers: list[dict] = field(default_factory=list)


@dataclass
class ReadinessOutcome:
    score: Decimal
    dimensions: list[DimensionScore]

    @property
    def weakest(self) -> list[DimensionScore]:
        return weakest_of(self.dimensions)

    def items_as_dicts(self) -> list[dict]:
        return [asdict(d) | {"pct": float(d.pct)} for d in self.dimensions]


def weakest_of(dimensions):
    weak = [d for d in dimensions if is_weak(d.pct)]
    return sorted(weak, key=lambda d: (d.pct, d.name))[:MAX_WEAK_DIMENSIONS]


def score_readiness(questions: list[QuestionInput], answers: dict[int, int]) -> ReadinessOutcome:
    """Score answers (question id → option id). Dimensions keep the questions' order."""
    by_dimension: dict[str, DimensionScore] = {}
    for question in questions:
        options = {opt_id: (label, points) for opt_id, label, points in question.options}
        option_id = answers[question.question_id]
        if option_id not in options:
            raise ValueError(f"Answer to {question.text!r} is not one of its options.")
        label, points = options[option_id]
        dimension = by_dimension.setdefault(
            question.dimension_slug,
            DimensionScore(
                slug=question.dimension_slug,
                name=question.dimension_name,
                points=0,
                max_points=0,
                pct=Decimal(0),
            ),
        )
        dimension.points += points
        dimension.max_points += question.max_points
        dimension.answers.append(
            {
                "question_id": question.question_id,
                "option_id": option_id,
                "question": question.text,
                "answer": label,
                "points": points,
                "max": question.max_points,
            }
        )
    dimensions = [d for d in by_dimension.values() if d.max_points > 0]
    if not dimensions:
        raise ValueError("There are no questions with points to score.")
    ratios = [d.points / d.max_points for d in dimensions]
    for d, ratio in zip(dimensions, ratios, strict=True):
        d.pct = percent(100 * ratio)
    overall = percent(100 * sum(ratios) / len(ratios))
    return ReadinessOutcome(score=overall, dimensions=dimensions)
