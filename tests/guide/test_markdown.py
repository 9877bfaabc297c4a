import pytest
from django.urls import reverse

from guide.markdown import render
from guide.models import Section
from tests.factory import make_career


def test_markdown_renders_lists_links_and_emphasis():
    html = render("Some **bold** text\n\n- one\n- two\n\n[BLS](https://www.bls.gov/)")
    assert "<strong>bold</strong>" in html
    assert "<li>one</li>" in html
    assert 'href="https://www.bls.gov/"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert('x')</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        "<style>body{display:none}</style>",
    ],
)
def test_hostile_markup_is_neutralised(hostile):
    html = render(hostile)
    lowered = html.lower()
    assert "<script" not in lowered
    assert "onerror" not in lowered
    assert "onclick" not in lowered
    assert "javascript:" not in lowered
    assert "<iframe" not in lowered
    assert "<style" not in lowered


@pytest.mark.django_db
def test_script_typed_by_staff_never_reaches_the_page_as_script(client):
    career = make_career(title="Safe Career")
    Section.objects.create(
        career=career,
        title="Work environment",
        anchor="work-environment",
        body="Fine text <script>document.title='pwned'</script> and more.",
    )
    response = client.get(reverse("guide:career-detail", args=[career.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Fine text" in body
    assert "<script>document.title" not in body
