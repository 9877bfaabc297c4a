"""Templates: the site stylesheet comes before a page's own head tags, lines stay readable,
and the shared fragments (bar, form field) render what the pages used to paste."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factory import make_assessable_career, make_full_guide

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
MAX_LINE = 120


def test_no_template_line_is_over_120_characters():
    long_lines = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if len(line) > MAX_LINE
    ]
    assert long_lines == []


def test_a_pages_own_head_tags_come_after_the_site_stylesheet(client):
    """A page that adds a stylesheet in head_extra can override the site's rules."""
    career = make_full_guide(title="Cloud Engineer")
    head = client.get(career.get_absolute_url()).content.decode().split("</head>")[0]
    assert head.index("css/site.css") < head.index('rel="canonical"')
    assert head.index("css/site.css") < head.index("application/ld+json")


def test_salary_bars_are_drawn_to_scale(client):
    career = make_full_guide(title="Cloud Engineer")  # medians $100,000 and $120,000
    body = client.get(career.get_absolute_url()).content.decode()
    widths = [float(w) for w in re.findall(r'<rect x="0" y="0" height="14" width="([\d.]+)"', body)]
    assert widths == [83.3, 100.0]  # the best-paid level fills the cell


def test_the_level_field_has_its_help_text_linked_to_the_select(client):
    career = make_assessable_career(title="Data Engineer")
    url = reverse("assessments:skills", kwargs={"slug": career.slug})
    body = client.get(url).content.decode()
    assert 'aria-describedby="id_level_helptext"' in body
    assert 'id="id_level_helptext"' in body
