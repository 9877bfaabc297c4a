"""A guide a reader can scan: the 60-second summary agrees with the key facts, the contents
come in groups in page order, every entry's anchor is on the page, and "back to top" is
never far away."""

import re

import pytest

from guide.models import Career
from tests.factory import add_skill, make_full_guide

pytestmark = pytest.mark.django_db


def body(client, career) -> str:
    return client.get(career.get_absolute_url()).content.decode()


def glance(html: str) -> str:
    found = re.search(r'<section id="at-a-glance".*?</section>', html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", found).split())


def test_the_60_second_summary_answers_pay_outlook_time_and_first_skills(client):
    career = make_full_guide(title="Cloud Engineer")
    Career.objects.filter(pk=career.pk).update(
        time_to_ready="About two years from scratch", annual_openings=11200
    )
    add_skill(career, name="Terraform", importance=5, expected=3, order=90)
    summary = glance(body(client, Career.objects.get(pk=career.pk)))

    assert "In 60 seconds" in summary
    assert "$110,000 a year, median" in summary  # the key facts' own headline
    assert "22% projected job growth" in summary and "about 11,200 openings a year" in summary
    assert "About two years from scratch" in summary
    first = summary[summary.index("What to learn first") :]
    assert first.startswith("What to learn first Terraform")  # importance 5 leads


def test_contents_come_in_groups_in_page_order_and_every_anchor_is_on_the_page(client):
    html = body(client, make_full_guide(title="Systems Engineer"))
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    groups = re.findall(r'<span class="toc-group">([^<]+)</span>', toc)
    assert groups == ["Overview", "Skills", "Path", "Pay", "Market", "FAQ and more"]
    anchors = re.findall(r'href="#([^"]+)"', toc)
    positions = [html.find(f'id="{anchor}"') for anchor in anchors]
    assert -1 not in positions
    assert positions == sorted(positions)  # the contents read in the page's order

    parts = re.search(r'<nav class="guide-groups".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<]+)</a>", parts) == groups
    assert re.findall(r'href="#([^"]+)"', parts)[0] == "key-facts"


def test_back_to_top_follows_the_long_parts(client):
    html = body(client, make_full_guide(title="Platform Engineer"))
    assert html.count('<p class="back-to-top"><a href="#main">Back to top</a></p>') >= 4
    assert 'id="main"' in html
