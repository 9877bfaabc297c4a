"""What a score means: its band in words, whole percentages, gap sizes with a legend, the
per-skill table in the order its caption states, plain words, and readiness reasons once."""

import re

import pytest

from assessments import scoring
from assessments.models import Resource, Result
from guide.models import CareerSkill, Step
from tests.assessments.helpers import rate_all, readiness_post, skills_post
from tests.factory import (
    add_skill,
    make_assessable_career,
    make_career,
    make_dimension,
    make_question,
)

pytestmark = pytest.mark.django_db


def _rows(page: str) -> list[str]:
    """The skill names of the per-skill table, top to bottom."""
    table = page[page.index('aria-labelledby="skills-h"') :]
    return re.findall(r'<th scope="row">([^<]+)</th>', table)


@pytest.mark.parametrize(
    ("score", "band"),
    [(100, "ready"), (85, "ready"), (84.5, "ready"), (84.4, "close"), (65, "close"),
     (64.9, "close"), (40, "developing"), (39.4, "early"), (0, "early")],
)  # fmt: skip
def test_bands_are_judged_on_the_whole_percentage_shown(score, band):
    assert scoring.band_of(score).key == band


def test_every_whole_percentage_has_exactly_one_band():
    covered = [p for band, highest in scoring.band_table() for p in range(band.lowest, highest + 1)]
    assert sorted(covered) == list(range(101))


def test_gap_sizes_by_levels_short():
    assert [scoring.severity_of(n) for n in (0,)] == [None]
    assert [scoring.severity_of(n).key for n in (1, 2, 3, 4)] == [
        "small",
        "medium",
        "large",
        "large",
    ]


def test_articles():
    assert scoring.with_article("Amazon Engineer") == "an Amazon Engineer"
    assert scoring.with_article("Cloud Engineer") == "a Cloud Engineer"


def test_result_states_its_band_in_words_with_the_thresholds(client, owner):
    career = make_assessable_career(title="Cloud Engineer")
    client.force_login(owner)
    ratings = rate_all(career, 3) | {career.career_skills.first().skill_id: 1}
    skills_post(client, career, ratings=ratings)
    page = client.get(Result.objects.get().get_absolute_url()).content.decode()
    # (5/3 + 4 + 3) / 12 = 72.2 % → shown as 72 %, band "Close".
    assert '<span class="score-value">72%</span>' in page
    assert "72.2" not in page
    assert 'class="band band-close">Close</span>' in page
    for band, highest in scoring.band_table():
        assert f"{band.lowest}–{highest}%" in page
        assert band.meaning in page


def test_gap_sizes_have_their_own_colour_and_words_and_a_legend(client, owner):
    career = make_career(title="Data Engineer")
    career.levels.create(title="Mid", expectation_offset=0, order=0)
    small = add_skill(career, name="Small one", importance=3, expected=3, order=0)
    medium = add_skill(career, name="Medium one", importance=3, expected=3, order=1)
    large = add_skill(career, name="Large one", importance=3, expected=3, order=2)
    client.force_login(owner)
    ratings = {small.skill_id: 2, medium.skill_id: 1, large.skill_id: 0}
    skills_post(client, career, ratings=ratings, level=career.levels.get())
    page = client.get(Result.objects.get().get_absolute_url()).content.decode()
    for key, label in [("small", "Small gap"), ("medium", "Medium gap"), ("large", "Large gap")]:
        assert f'<span class="severity severity-{key}">{label}</span>' in page
        assert f"gap-{key}" in page  # the row's colour
    legend = page[page.index('class="severity-legend"') :]
    assert "3 or more levels below what is expected" in legend
    assert "1 level below what is expected" in legend


def test_per_skill_table_is_sorted_as_its_caption_says(client, owner):
    # An important skill one level short outranks, by priority, a minor one two levels
    # short; the table says "biggest gaps first", so the two-level gap comes first.
    career = make_career(title="Data Engineer")
    career.levels.create(title="Mid", expectation_offset=0, order=0)
    key = add_skill(career, name="Key skill", importance=5, expected=3, order=0)
    minor = add_skill(career, name="Minor skill", importance=1, expected=3, order=1)
    met = add_skill(career, name="Met skill", importance=4, expected=2, order=2)
    client.force_login(owner)
    ratings = {key.skill_id: 2, minor.skill_id: 1, met.skill_id: 2}
    skills_post(client, career, ratings=ratings, level=career.levels.get())
    page = client.get(Result.objects.get().get_absolute_url()).content.decode()
    assert "biggest gaps first (most levels short" in page
    assert _rows(page) == ["Minor skill", "Key skill", "Met skill"]


def test_no_unexplained_priority_number(client, owner):
    career = make_assessable_career(title="Cloud Engineer")
    client.force_login(owner)
    skills_post(client, career, ratings=rate_all(career, 1))
    page = client.get(Result.objects.get().get_absolute_url()).content.decode()
    assert "priority" not in page.lower()
    assert "importance times how many levels you are" in page


def test_reasons_use_the_right_article(client, owner):
    career = make_assessable_career(title="Amazon Engineer")
    client.force_login(owner)
    skills_post(client, career, ratings=rate_all(career, 1))
    whys = [r["why"] for r in Result.objects.get().recommendations]
    assert whys and all("for an Amazon Engineer." in why for why in whys)
    assert not any("a Amazon" in why for why in whys)


def test_readiness_gives_one_reason_per_weak_area_then_its_actions(client, owner):
    career = make_assessable_career(title="Cloud Engineer")
    network = make_dimension(name="Network", advice="Meet people.", step_keywords="mentor")
    make_question(dimension=network, text="Do you know people in the field?")
    Step.objects.create(career=career, title="Find a mentor", body="Ask around.", order=1)
    for title in ("Meetup list", "Open source intro"):
        Resource.objects.create(title=title, kind="community", description="Go.", dimension=network)
    client.force_login(owner)
    readiness_post(client, career, choose=lambda options: options[0])
    result = Result.objects.get()
    assert len(result.recommendations) == 4  # advice, step and two resources
    page = client.get(result.get_absolute_url()).content.decode()
    assert page.count("Network scored 0% (0 of 4 points), one of your weakest areas.") == 1
    assert page.count("<strong>Why:</strong>") == 1
    assert page.index("one of your weakest areas") < page.index("Meetup list")
    assert "The guide&#x27;s step 1 is about exactly this." in page
    # The card colours have a key, and each card names its kind in words.
    assert "Green edge</span>: a step of the guide" in page
    assert '<span class="tag">Step of the guide</span>' in page
    assert '<span class="tag">Advice</span>' in page
    words = " ".join(page.split())
    assert "Weak area" in page and f"under {scoring.WEAK_DIMENSION_BELOW}%" in words


def test_skills_that_meet_the_level_say_so(client, owner):
    # A skill without a gap shows "Met" (plus the legend's own "Met"), not an empty cell.
    career = make_assessable_career(title="Cloud Engineer")
    client.force_login(owner)
    skills_post(client, career, ratings=rate_all(career, 4))
    page = client.get(Result.objects.get().get_absolute_url()).content.decode()
    assert page.count('<span class="muted">Met</span>') == CareerSkill.objects.count() + 1
