"""`manage.py expire_pages`: after data changed behind the site's back (a restore, SQL),
visitors get pages rendered from the database, not the copies cached before."""

import pytest
from django.core.management import call_command

from guide.models import Career
from tests.factory import make_career

pytestmark = pytest.mark.django_db


def test_pages_cached_before_are_rendered_again_after_expire_pages(client, capsys):
    career = make_career(title="Cloud Engineer", summary="Builds the cloud.")
    client.get(career.get_absolute_url())
    # Changed without the ORM's signals, as a restore or a hand-written SQL fix would.
    Career.objects.filter(pk=career.pk).update(summary="Restored from last night's backup.")
    assert "Builds the cloud." in client.get(career.get_absolute_url()).content.decode()

    call_command("expire_pages")

    page = client.get(career.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "Restored from last night&#x27;s backup." in page.content.decode()
    assert "cached pages expired" in capsys.readouterr().out
