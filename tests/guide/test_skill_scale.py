"""The guide's skill tables state each scale's top from the model, not typed numbers."""

import re

import pytest

from tests.factory import add_skill, make_career

pytestmark = pytest.mark.django_db


def test_a_skill_row_shows_importance_and_level_against_their_scales(client):
    career = make_career(title="Scale Engineer", slug="scale-engineer")
    add_skill(career, name="Tracing", importance=4, expected=3)

    html = client.get(career.get_absolute_url()).content.decode()
    row = re.search(
        r"<tr>\s*<th scope=\"row\"><span class=\"skill-name\">Tracing.*?</tr>", html, re.S
    )
    assert row, "the skill has a row"
    row = row.group(0)
    assert "4 of 5" in row
    assert "(3 of 4)" in row
    assert row.count('class="pip on"') == 4
    assert row.count('class="pip"') == 1
