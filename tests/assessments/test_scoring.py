"""The scoring formulas, checked against hand-computed examples (docs/scoring.md)."""

from decimal import Decimal

import pytest

from assessments.scoring import (
    QuestionInput,
    SkillInput,
    expected_at_level,
    score_readiness,
    score_skills,
)

SKILLS = [
    SkillInput(skill_id=1, name="System design", kind="technical", importance=5, main_expected=3),
    SkillInput(
        skill_id=2, name="Core programming", kind="technical", importance=4, main_expected=4
    ),
    SkillInput(skill_id=3, name="Communication", kind="soft", importance=2, main_expected=2),
]


def test_hand_computed_skills_example():
    # System design: min(1,3)/3 = 0.333; programming: min(4,4)/4 = 1; communication: 2/2 = 1
    # overall = (5×0.333 + 4×1 + 2×1) / (5+4+2) = 7.667 / 11 = 69.70 %
    outcome = score_skills(SKILLS, {1: 1, 2: 4, 3: 3}, offset=0)
    assert outcome.score == Decimal("69.7")
    gaps = outcome.gaps
    assert [g.name for g in gaps] == ["System design"]
    assert (gaps[0].rating, gaps[0].expected, gaps[0].shortfall, gaps[0].priority) == (1, 3, 2, 10)
    assert not outcome.flat


def test_rating_above_expected_earns_no_extra_credit():
    outcome = score_skills(SKILLS, {1: 4, 2: 4, 3: 4}, offset=0)
    assert outcome.score == Decimal("100.0")
    assert outcome.gaps == []


def test_gaps_are_ordered_by_importance_times_shortfall():
    # System design 5×(3−2)=5; programming 4×(4−1)=12; communication 2×(2−0)=4
    outcome = score_skills(SKILLS, {1: 2, 2: 1, 3: 0}, offset=0)
    assert [(g.name, g.priority) for g in outcome.gaps] == [
        ("Core programming", 12),
        ("System design", 5),
        ("Communication", 4),
    ]


def test_target_level_offset_moves_expectations_within_0_to_4():
    assert expected_at_level(3, +1) == 4
    assert expected_at_level(4, +2) == 4
    assert expected_at_level(1, -2) == 0
    senior = score_skills(SKILLS, {1: 3, 2: 4, 3: 2}, offset=1)
    # expected becomes 4, 4, 3: matches 3/4, 1, 2/3 → (3.75 + 4 + 1.333) / 11 = 82.58 %
    assert senior.score == Decimal("82.6")


def test_expected_zero_counts_as_a_full_match():
    skills = [
        SkillInput(skill_id=1, name="Optional", kind="technical", importance=3, main_expected=0)
    ]
    outcome = score_skills(skills, {1: 0}, offset=0)
    assert outcome.score == Decimal("100.0")
    assert outcome.items[0].match == 1.0
    assert outcome.gaps == []


def test_all_zero_ratings_score_zero_and_are_flat():
    outcome = score_skills(SKILLS, {1: 0, 2: 0, 3: 0}, offset=0)
    assert outcome.score == Decimal("0.0")
    assert outcome.flat
    assert len(outcome.gaps) == 3


def test_all_max_ratings_score_100_and_are_flagged_flat():
    outcome = score_skills(SKILLS, {1: 4, 2: 4, 3: 4}, offset=0)
    assert outcome.score == Decimal("100.0")
    assert outcome.flat


def test_flat_warning_needs_three_skills():
    outcome = score_skills(SKILLS[:2], {1: 2, 2: 2}, offset=0)
    assert not outcome.flat


@pytest.mark.parametrize("bad", [-1, 5])
def test_out_of_range_rating_is_refused(bad):
    with pytest.raises(ValueError, match="0–4"):
        score_skills(SKILLS, {1: bad, 2: 0, 3: 0}, offset=0)


def test_a_career_without_skills_cannot_be_scored():
    with pytest.raises(ValueError):
        score_skills([], {}, offset=0)


def q(pk, dimension, *points):
    options = tuple((pk * 10 + i, f"option {i}", p) for i, p in enumerate(points))
    return QuestionInput(
        question_id=pk,
        text=f"Question {pk}",
        dimension_slug=dimension,
        dimension_name=dimension.title(),
        options=options,
    )


def test_hand_computed_readiness_example():
    questions = [q(1, "education", 0, 2, 4), q(2, "education", 0, 1, 4), q(3, "network", 0, 4)]
    # education: (2 + 4) / (4 + 4) = 75 %; network: 0 / 4 = 0 %; overall = (75 + 0) / 2
    outcome = score_readiness(questions, {1: 11, 2: 22, 3: 30})
    assert [(d.slug, d.points, d.max_points, d.pct) for d in outcome.dimensions] == [
        ("education", 6, 8, Decimal("75.0")),
        ("network", 0, 4, Decimal("0.0")),
    ]
    assert outcome.score == Decimal("37.5")
    assert [d.slug for d in outcome.weakest] == ["network"]


def test_readiness_overall_uses_unrounded_dimension_shares():
    questions = [q(1, "a", 0, 1, 3), q(2, "b", 0, 1, 3), q(3, "c", 0, 3)]
    # a = 1/3, b = 1/3, c = 1 → mean 5/9 = 55.56 %
    outcome = score_readiness(questions, {1: 11, 2: 21, 3: 31})
    assert outcome.score == Decimal("55.6")


def test_an_answer_that_is_not_an_option_is_refused():
    with pytest.raises(ValueError, match="not one of its options"):
        score_readiness([q(1, "education", 0, 4)], {1: 999})
