"""Old WordPress addresses answer 301 to the content's current address, cheaply."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wpimport.models import ImportedObject, LegacyRedirect
from wpimport.services import wordpress_import

from .conftest import RIVERSIDE

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(media_dir):
    wordpress_import(path=RIVERSIDE, media_dir=media_dir)


def target(kind, wp_id):
    return ImportedObject.objects.get(kind=kind, wp_id=wp_id).target


def redirect_queries(queries):
    return [q["sql"] for q in queries if "wpimport_legacyredirect" in q["sql"]]


@pytest.mark.parametrize(
    ("old", "kind", "wp_id"),
    [
        ("/?p=10", "post", "10"),
        ("/index.php?p=10", "post", "10"),
        ("/?p=18&utm_source=x", "post", "18"),
        ("/archives/18", "post", "18"),
        ("/?p=11", "post", "11"),
        ("/?page_id=30", "page", "30"),
        ("/?p=30", "page", "30"),
        ("/about/advertising/", "page", "31"),
        ("/?cat=3", "category", "3"),
        ("/category/local/", "category", "3"),
        ("/category/local/council/budget/", "category", "5"),
        ("/category/budget/", "category", "5"),
        ("/?tag=floods", "tag", "7"),
        ("/?author=1", "author", "mara"),
    ],
)
def test_old_addresses_answer_301_to_the_new_place(client, imported, old, kind, wp_id):
    response = client.get(old)
    assert response.status_code == 301, old
    obj = target(kind, wp_id)
    expected = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
    if kind in ("tag",) or (kind == "category" and expected is None):
        expected = f"/tag/{obj.slug}/"
    assert response["Location"] == expected
    assert client.get(response["Location"]).status_code == 200


def test_an_old_address_that_is_also_ours_is_served_directly(client, imported):
    assert client.get("/2015/01/27/council-votes-flood-barrier-2/").status_code == 200
    assert client.get("/author/mara/").status_code == 200


def test_feeds_of_old_category_and_tag_addresses_go_to_our_feeds(client, imported):
    response = client.get("/category/sport/feed/")
    assert response.status_code == 301
    assert response["Location"] == "/section/sport/feed/"


def test_attachment_addresses_go_to_the_photo_file(client, imported):
    photo = target("attachment", "20")
    for old in ("/?attachment_id=20", "/wp-content/uploads/2015/01/barrier.jpg"):
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == photo.image.url


def test_the_redirect_follows_a_later_change_of_slug(client, imported):
    story = target("post", "10")
    story.slug = "flood-barrier-approved"
    story.save()
    response = client.get("/2015/01/27/council-votes-flood-barrier/")
    assert response["Location"] == "/2015/01/27/flood-barrier-approved/"
    assert client.get("/?p=10")["Location"] == "/2015/01/27/flood-barrier-approved/"


def test_unpublished_articles_are_not_revealed_by_their_old_address(client, imported):
    assert client.get("/?p=12").status_code == 200  # scheduled: the front page, no redirect
    assert client.get("/?p=13").status_code == 200  # a draft
    assert client.get("/2030/06/01/regatta-returns/").status_code == 404


def test_unknown_old_ids_fall_through(client, imported):
    assert client.get("/?p=999999").status_code == 200
    assert client.get("/?p=abc").status_code == 200
    assert client.get("/no/such/address/").status_code == 404


def test_ordinary_pages_pay_no_query_for_redirects(client, imported):
    for url in (
        "/",
        "/?page=2",
        "/?q=x",
        target("post", "10").get_absolute_url(),
        "/section/local/",
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert redirect_queries(queries.captured_queries) == [], url


def test_a_legacy_address_costs_one_indexed_query(client, imported):
    for url in ("/?p=10", "/archives/18", "/category/local/"):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(redirect_queries(queries.captured_queries)) == 1, url


def test_redirects_are_listed_in_the_admin(admin_client, imported):
    response = admin_client.get("/admin/wpimport/legacyredirect/")
    assert response.status_code == 200
    assert "/?p=10" in response.content.decode()
    assert LegacyRedirect.objects.count() > 20
