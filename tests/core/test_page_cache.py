"""Whole public pages are served from the shared cache to visitors without a session, with
an ETag (304 when unchanged), expire on any content change, and never hold anything personal."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factory import make_career, make_full_guide

pytestmark = pytest.mark.django_db


def test_a_second_visitor_gets_the_page_without_a_query(client, django_assert_num_queries):
    career = make_full_guide(title="Cloud Engineer")
    first = client.get(career.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(career.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize("name", ["home", "guide:career-list", "guide:career-compare", "sitemap"])
def test_every_public_page_is_cached(client, name):
    make_career(title="Cloud Engineer", featured=True)
    assert client.get(reverse(name))["X-Page-Cache"] == "miss"
    assert client.get(reverse(name))["X-Page-Cache"] == "hit"


def test_query_strings_are_pages_of_their_own(client):
    make_career(title="Cloud Engineer")
    make_career(title="Data Engineer")
    url = reverse("guide:career-list")
    client.get(url, {"q": "cloud"})
    other = client.get(url, {"q": "data"})
    assert other["X-Page-Cache"] == "miss"
    assert "Data Engineer" in other.content.decode()


def test_an_unchanged_page_answers_304_to_a_revalidation(client):
    career = make_career(title="Cloud Engineer")
    etag = client.get(career.get_absolute_url())["ETag"]
    again = client.get(career.get_absolute_url(), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_any_content_change_expires_the_cached_pages(client):
    career = make_full_guide(title="Cloud Engineer")
    client.get(reverse("guide:career-list"))
    etag = client.get(career.get_absolute_url())["ETag"]
    career.summary = "Now with a brand new summary."
    career.save()
    page = client.get(career.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "brand new summary" in page.content.decode()
    assert page["ETag"] != etag
    assert "brand new summary" in client.get(reverse("guide:career-list")).content.decode()


def test_members_and_visitors_with_a_session_never_get_the_shared_copy(client, owner_client):
    career = make_career(title="Cloud Engineer")
    client.get(career.get_absolute_url())  # stored for visitors
    member = owner_client.get(career.get_absolute_url())
    assert "X-Page-Cache" not in member
    assert "no-store" in member["Cache-Control"]
    assert "Log out" in member.content.decode()

    client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    assert "X-Page-Cache" not in client.get(career.get_absolute_url())


def test_a_page_with_a_message_or_a_form_token_is_never_stored(client):
    make_career(title="Cloud Engineer")
    client.cookies["messages"] = "a pending message"
    assert "X-Page-Cache" not in client.get(reverse("home"))
    del client.cookies["messages"]
    login = client.get(reverse("account_login"))  # holds a CSRF token: not a public page
    assert "X-Page-Cache" not in login
    assert "X-Page-Cache" not in client.get(reverse("account_login"))


def test_drafts_and_missing_pages_are_not_stored(client):
    draft = make_career(title="Secret", status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404 and "X-Page-Cache" not in response


def test_pages_still_answer_when_the_cache_is_down(client, settings):
    make_career(title="Cloud Engineer")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on port 9
        }
    }
    response = client.get(reverse("guide:career-list"))
    assert response.status_code == 200
    assert "Cloud Engineer" in response.content.decode()


def test_pages_that_are_not_public_never_touch_the_page_cache(client, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # any attempt to use it is logged
        }
    }
    client.get("/healthz")
    client.get("/no-such-page/")
    assert "page cache unavailable" not in caplog.text
    client.get(reverse("guide:career-list"))
    assert "page cache unavailable" in caplog.text


def test_a_worker_answers_from_its_own_copy_without_fetching_the_page_again(
    client, django_assert_num_queries
):
    from django.core.cache import cache
    from django.test import RequestFactory

    from core import pagecache

    career = make_full_guide(title="Cloud Engineer")
    first = client.get(career.get_absolute_url())
    # The shared copy is gone (evicted from Redis, say); this worker still has its own.
    request = RequestFactory().get(career.get_absolute_url())
    assert cache.delete(pagecache._key(request, pagecache.content_version()))
    with django_assert_num_queries(0):
        again = client.get(career.get_absolute_url())
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content


def test_a_change_made_on_another_instance_is_seen_at_once_despite_the_workers_copy(client):
    from core import pagecache

    career = make_full_guide(title="Cloud Engineer")
    client.get(career.get_absolute_url())
    assert client.get(career.get_absolute_url())["X-Page-Cache"] == "hit"
    # Another instance saves an edit: the database changes and the shared content version
    # moves on. Nothing is deleted from this worker's memory.
    type(career).objects.filter(pk=career.pk).update(summary="Edited on the other instance.")
    pagecache.content_changed()
    page = client.get(career.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "Edited on the other instance." in page.content.decode()


def test_a_worker_keeps_a_bounded_number_of_pages(client, settings):
    from core import pagecache

    settings.PAGE_CACHE_LOCAL_ENTRIES = 5
    browser = type(client)()  # a new client: its middleware reads the setting
    make_career(title="Cloud Engineer")
    for number in range(12):
        browser.get(reverse("guide:career-list"), {"q": f"word{number}"})
    assert len(pagecache.local_pages()._cache) <= 5


def test_the_workers_own_copies_can_be_turned_off(client, settings):
    from core import pagecache

    settings.PAGE_CACHE_LOCAL_ENTRIES = 0
    browser = type(client)()
    make_career(title="Cloud Engineer")
    browser.get(reverse("guide:career-list"))
    assert browser.get(reverse("guide:career-list"))["X-Page-Cache"] == "hit"  # shared only
    assert len(pagecache.local_pages()._cache) == 0


def test_a_browser_that_accepts_gzip_gets_the_cached_page_compressed(client):
    import gzip

    career = make_full_guide(title="Cloud Engineer")
    url = career.get_absolute_url()
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})

    assert packed["X-Page-Cache"] == "hit" and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert "Content-Encoding" not in plain
    # Each encoding has its own ETag, and each revalidates to a 304.
    assert packed["ETag"] != plain["ETag"]
    again = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": packed["ETag"]})
    assert again.status_code == 304


def test_a_browser_without_gzip_never_gets_compressed_bytes(client):
    career = make_career(title="Cloud Engineer")
    client.get(career.get_absolute_url(), headers={"Accept-Encoding": "gzip"})
    for accepted in ("", "identity", "br"):
        page = client.get(career.get_absolute_url(), headers={"Accept-Encoding": accepted})
        assert page["X-Page-Cache"] == "hit"
        assert "Content-Encoding" not in page
        assert "Cloud Engineer" in page.content.decode()
