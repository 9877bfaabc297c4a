"""Each shipped guide names its standard occupations (SOC codes) in its TOML file; the
loader links them, refuses unknown codes, and leaves links staff removed alone."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from guide.loader import CONTENT_DIR, ContentError, load_guides
from guide.models import Career, CareerOccupation
from occupations.models import Occupation

pytestmark = pytest.mark.django_db

PRIMARY = {
    "amazon-engineer": "15-1252",
    "platform-engineer": "15-1252",
    "cloud-engineer": "15-1241",
    "aws-solutions-architect": "15-1241",
    "infrastructure-engineer": "15-1244",
    "systems-engineer": "15-1244",
}


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def links(slug):
    return list(
        CareerOccupation.objects.filter(career__slug=slug)
        .order_by("order")
        .values_list("occupation__code", "primary")
    )


def test_every_shipped_guide_has_one_primary_occupation():
    call_command("load_guides", stdout=StringIO())

    primaries = CareerOccupation.objects.filter(primary=True)
    assert dict(primaries.values_list("career__slug", "occupation__code")) == PRIMARY
    amazon = primaries.select_related("occupation").get(career__slug="amazon-engineer")
    assert amazon.occupation.title == "Software Developers"  # from the shipped extract
    assert "one slice" in amazon.fit_note
    assert links("systems-engineer") == [("15-1244", True), ("15-1299", False)]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('soc = "15-1252"', 'soc = "15-9999"', "occupations[1] soc: '15-9999' is not a known"),
        ('soc = "15-1252"', 'soc = "151252"', "occupations[1] soc: '151252' is not a SOC code"),
        ("primary = true", "primary = false", "exactly one needs primary = true (found 0)"),
        ("primary = true", 'primary = "yes"', "occupations[1] primary: must be true or false"),
        ("fit_note =", "fits =", "occupations[1]: unknown field(s) fits"),
    ],
)
def test_a_bad_occupation_entry_is_refused_naming_guide_and_field(content, old, new, message):
    replace_in(content / "amazon-engineer.toml", old, new)

    with pytest.raises(ContentError) as excinfo:
        load_guides(content_dir=content)

    assert str(excinfo.value).startswith("amazon-engineer.toml")
    assert message in str(excinfo.value)
    assert not Career.objects.exists()
    assert not CareerOccupation.objects.exists()


def test_an_occupation_imported_from_a_full_release_is_known_too(content):
    Occupation.objects.create(code="15-1253", title="Software Quality Assurance Analysts")
    replace_in(content / "platform-engineer.toml", 'soc = "15-1252"', 'soc = "15-1253"')
    load_guides(content_dir=content)
    assert links("platform-engineer") == [("15-1253", True)]


def test_update_rewrites_the_links_from_the_file(content):
    load_guides(content_dir=content)
    # (Not cloud-engineer to 15-1244: it would then share the infrastructure guide's primary
    # occupation while showing other growth figures, which the figure rules refuse.)
    path = content / "aws-solutions-architect.toml"
    replace_in(path, "primary = true", "primary = false")
    replace_in(path, 'soc = "15-1299", primary = false', 'soc = "15-1299", primary = true')

    load_guides(content_dir=content, update=True)

    assert links("aws-solutions-architect") == [("15-1241", False), ("15-1299", True)]


def test_a_guide_loaded_before_links_existed_gets_them_and_staff_removals_stay(content):
    load_guides(content_dir=content)
    CareerOccupation.objects.all().delete()  # as a database from before this feature
    from guide.models import ShippedContent

    ShippedContent.objects.filter(kind="guide.careeroccupation").delete()

    load_guides(content_dir=content)  # no --update: staff edits are kept
    assert links("aws-solutions-architect") == [("15-1241", True), ("15-1299", False)]

    CareerOccupation.objects.filter(occupation__code="15-1299").delete()  # staff remove one
    load_guides(content_dir=content)
    assert links("aws-solutions-architect") == [("15-1241", True)]


def test_editors_link_an_occupation_on_the_career_page(editor_client):
    call_command("load_guides", stdout=StringIO())
    career = Career.objects.get(slug="amazon-engineer")
    page = editor_client.get(reverse("admin:guide_career_change", args=[career.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="occupations-0-fit_note"' in html
    assert "15-1252 Software Developers" in html


def test_the_official_figures_are_read_only_in_the_admin(superuser_client):
    call_command("load_guides", stdout=StringIO())
    call_command("import_oews", "occupations/data/oews", stdout=StringIO())

    listing = superuser_client.get(
        reverse("admin:occupations_estimate_changelist"), {"q": "Seattle", "area__kind": "M"}
    )
    assert listing.status_code == 200
    assert "Seattle-Tacoma-Bellevue, WA" in listing.content.decode()
    found = superuser_client.get(
        reverse("admin:occupations_area_changelist"), {"q": "Maryland", "kind__exact": "S"}
    )
    assert "Maryland" in found.content.decode()
    assert superuser_client.get(reverse("admin:occupations_estimate_add")).status_code == 403
    occupation = Occupation.objects.get(code="15-1252")
    change = superuser_client.post(
        reverse("admin:occupations_occupation_change", args=[occupation.pk]),
        {"code": "15-1252", "title": "Renamed"},
    )
    assert change.status_code == 403
    occupation.refresh_from_db()
    assert occupation.title == "Software Developers"
