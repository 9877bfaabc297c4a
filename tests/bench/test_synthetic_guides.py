"""`make bench` at scale loads generated guides (bench/synthetic.py): each one a published
guide of realistic size whose figures pass the same rules as the shipped guides', with its
own prose, found by search and served like any other."""

from io import StringIO

import pytest
from django.core.management import call_command

from bench import synthetic
from guide.figures import contradictions
from guide.loader import CONTENT_DIR, career_files, read_toml
from guide.models import Career
from guide.selectors import all_statistics, career_figures

pytestmark = pytest.mark.django_db

PARTS = ("career_skills", "steps", "faqs", "sections", "levels", "specializations", "key_facts")


@pytest.fixture
def generated():
    call_command("load_guides", "--publish", stdout=StringIO())  # the catalog and templates
    # Four written by the loader, three copies of them.
    return synthetic.create_guides(count=7, distinct=4)


def test_generated_guides_are_published_whole_and_pass_the_figure_rules(generated):
    templates = {read_toml(path)["title"]: read_toml(path) for path in career_files(CONTENT_DIR)}
    careers = Career.objects.published().filter(slug__in=generated)
    assert careers.count() == 7
    for career in careers:
        for part in PARTS:
            assert getattr(career, part).count() >= 3, (career.slug, part)
        assert career.related_links.count() == 3
        assert contradictions(career_figures(career), all_statistics(exclude=career)) == []
        assert career.search_document.body  # indexed for search
        # New prose of about the template's length, never the template's own sentences.
        assert all(career.summary != t["summary"] for t in templates.values())
        assert 0.6 < len(career.summary) / min(len(t["summary"]) for t in templates.values()) < 3


def test_the_same_run_builds_the_same_site():
    assert synthetic.titles(50) == synthetic.titles(50)
    assert len(set(synthetic.titles(1000))) == 1000
    writer, again = synthetic.Writer(seed=3), synthetic.Writer(seed=3)
    like = "Two short lines.\n\n- a list item here\n- and another one"
    assert writer.text(like) == again.text(like)
    assert writer.text(like).count("\n- ") == 1 and len(writer.text(like)) <= len(like)


def test_generated_guides_are_served_and_found(client, generated):
    slug = generated[3]
    response = client.get(f"/careers/{slug}/")
    assert response.status_code == 200
    assert Career.objects.get(slug=slug).title in response.content.decode()
    found = client.get("/careers/", {"q": "cloud engineer"}).content.decode()
    assert sum(f"/careers/{s}/" in found for s in generated) >= 5
