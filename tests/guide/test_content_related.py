"""The five related guides as shipped: each prose section sits beside what it explains, each
guide has the depth of the flagship where the section applies, and no market prose is dated
before the guide's own review date (issue 10, item 5)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from guide.models import FAQ, Career, CareerLevel, Section

pytestmark = pytest.mark.django_db

FLAGSHIP = "amazon-engineer"
RELATED = [
    "aws-solutions-architect",
    "cloud-engineer",
    "infrastructure-engineer",
    "platform-engineer",
    "systems-engineer",
]
P = Section.Placement
# Where each kind of section belongs. Only the market and remote-work sections stay in the
# outlook part of the page, the default that renders after the career path.
EXPECTED_PLACEMENT = {
    "how-it-differs": P.ROLE,
    "where-the-role-sits": P.ROLE,
    "work-environment": P.ROLE,
    "skills-and-qualifications": P.SKILLS,
    "tools-and-technologies": P.SKILLS,
    "about-the-pay-figures": P.SALARY,
    "what-moves-pay": P.SALARY,
    "career-path-overview": P.PATH,
    "market-outlook": P.OUTLOOK,
    "remote-work": P.OUTLOOK,
}
# (anchor, the element it must follow, the element it must precede) on the rendered page.
PAGE_NEIGHBOURS = [
    ("work-environment", "key-facts", "responsibilities"),
    ("skills-and-qualifications", "skills", "tools-and-technologies"),
    ("tools-and-technologies", "skills", "how-to-become"),
    ("about-the-pay-figures", "salary", "market-outlook"),
    ("what-moves-pay", "salary", "market-outlook"),
    ("career-path-overview", "career-path", "salary"),
]
# Forward-looking phrases tied to a year ("stays strong into 2025").
FORWARD_YEAR = re.compile(
    r"\b(?:into|heading into|outlook for|forecast for|expected in) (20\d\d)\b"
)
YEAR = re.compile(r"\b(20\d\d)\b")


@pytest.fixture
def guides():
    call_command("load_guides", "--publish", stdout=StringIO())


def sections_of(slug):
    return list(Section.objects.filter(career__slug=slug).order_by("order"))


@pytest.mark.parametrize("slug", RELATED)
def test_every_section_of_a_related_guide_is_placed_where_it_belongs(guides, slug):
    sections = sections_of(slug)
    assert sections
    for section in sections:
        assert section.anchor in EXPECTED_PLACEMENT, (
            f"{slug}: no expected place for {section.anchor}"
        )
        assert section.placement == EXPECTED_PLACEMENT[section.anchor], (slug, section.anchor)
    outlook = [s.anchor for s in sections if s.placement == P.OUTLOOK]
    assert set(outlook) <= {"market-outlook", "remote-work"}, (slug, outlook)


@pytest.mark.parametrize("slug", RELATED)
def test_sections_render_next_to_what_they_explain(guides, client, slug):
    html = client.get(f"/careers/{slug}/").content.decode()
    for anchor, after, before in PAGE_NEIGHBOURS:
        where = html.find(f'id="{anchor}"')
        assert where != -1, f"{slug}: {anchor} is not on the page"
        assert html.find(f'id="{after}"') < where < html.find(f'id="{before}"'), (slug, anchor)


@pytest.mark.parametrize("slug", RELATED)
def test_related_guides_have_the_flagships_depth_where_it_applies(guides, slug):
    flagship = Career.objects.get(slug=FLAGSHIP)
    career = Career.objects.get(slug=slug)
    anchors = {s.anchor for s in career.sections.all()}
    assert {
        "remote-work",
        "career-path-overview",
        "work-environment",
        "skills-and-qualifications",
        "what-moves-pay",
    } <= anchors
    assert career.faqs.count() >= flagship.faqs.count()
    assert career.pros_cons.count() >= flagship.pros_cons.count()
    assert career.specializations.count() >= flagship.specializations.count()
    levels = list(career.levels.all())
    assert len(levels) >= 4
    for level in levels:
        assert level.scope.strip() and level.focus_areas.strip(), (slug, level.title)
    years = [level.years_min for level in levels]
    assert years == sorted(years), f"{slug}: levels out of order"


@pytest.mark.parametrize("slug", [FLAGSHIP, *RELATED])
def test_no_prose_is_dated_before_the_review(guides, slug):
    career = Career.objects.get(slug=slug)
    reviewed = career.last_reviewed.year
    for section in career.sections.all():
        for year in YEAR.findall(f"{section.title} {section.anchor}"):
            assert int(year) >= reviewed, f"{slug}: section {section.title!r} is dated {year}"
        for year in FORWARD_YEAR.findall(section.body):
            assert int(year) > reviewed, f"{slug}: {section.anchor} looks ahead to {year}"


def test_the_flagship_market_section_is_current_and_sourced(guides):
    career = Career.objects.get(slug=FLAGSHIP)
    market = career.sections.get(anchor="market-reality")
    assert "late 2026" in market.title
    assert not career.sections.filter(anchor="market-reality-2025").exists()
    titles = " | ".join(career.sources.values_list("title", flat=True))
    assert "First Quarter Results (quarter ended March 31, 2026)" in titles
    assert "staff memo of 28 January 2026" in titles


def test_loading_again_changes_no_section_faq_or_level():
    def snapshot():
        # Ordered by primary key: the same rows with the same content, or the test fails.
        return (
            list(Section.objects.order_by("pk").values_list("pk", "anchor", "placement", "body")),
            list(FAQ.objects.order_by("pk").values_list("pk", "question", "answer")),
            list(CareerLevel.objects.order_by("pk").values_list("pk", "title", "focus_areas")),
        )

    call_command("load_guides", "--publish", stdout=StringIO())
    before = snapshot()
    out = StringIO()
    call_command("load_guides", "--update", stdout=out)
    assert out.getvalue().startswith("Guides: 0 created, 6 updated, 0 unchanged;")
    assert snapshot() == before


@pytest.mark.parametrize("slug", RELATED)
def test_prose_points_at_the_official_pay_section_instead_of_typing_pay(guides, slug):
    career = Career.objects.get(slug=slug)
    texts = [s.body for s in career.sections.all()] + [f.answer for f in career.faqs.all()]
    mentions = sum(text.count("Pay in the United States") for text in texts)
    links = sum(text.count("[Pay in the United States](#official-pay)") for text in texts)
    assert mentions >= 1
    assert links == mentions, f"{slug}: a mention of the official pay section is not a link"
