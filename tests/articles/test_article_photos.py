"""Lead photos and photos placed in the body, as readers get them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_author, make_photo, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def placed(photo, caption=""):
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return (
        f'<figure><img src="/photos/{photo.pk}/" alt="" data-file="{photo.pk}">'
        f"{figcaption}</figure>"
    )


def test_lead_photo_is_shown_eagerly_with_srcset_and_dimensions(client):
    photo = make_photo(size=(1800, 1200), alt_text="The bridge at dawn", credit="Ana Ruiz")
    article = make_article(lead_photo=photo)
    html = client.get(article.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="story__photo">.*?</figure>', html, re.S).group(0)
    assert 'alt="The bridge at dawn"' in figure
    assert "srcset=" in figure and 'type="image/webp"' in figure
    assert re.search(r'width="\d+" height="\d+"', figure)
    assert 'loading="lazy"' not in figure
    assert "Ana Ruiz" in figure


def test_photo_placed_in_the_body_becomes_lazy_responsive_markup(client):
    photo = make_photo(alt_text="Sandbags on Ferry Street")
    article = make_article(body=f"<p>Before.</p>{placed(photo, 'Volunteers at work')}<p>After.</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    body = re.search(r'<div class="story__body">(.*?)</div>', html, re.S).group(1)
    assert f"/photos/{photo.pk}/" not in body
    assert "<picture>" in body and 'loading="lazy"' in body
    assert 'alt="Sandbags on Ferry Street"' in body
    assert "<figcaption>Volunteers at work</figcaption>" in body


def test_photo_deleted_from_the_library_leaves_no_broken_image(client):
    article = make_article(body='<p>Text.</p><figure><img src="/photos/999999/" alt=""></figure>')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "/photos/999999/" not in html
    assert "Text." in html


def test_placeholder_address_is_for_staff_only(client):
    photo = make_photo()
    assert client.get(f"/photos/{photo.pk}/").status_code == 302  # to the admin login
    assert "/admin/login/" in client.get(f"/photos/{photo.pk}/")["Location"]
    client.force_login(make_user(role="Reporter"))
    response = client.get(f"/photos/{photo.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/media/photos/")


def test_photo_picker_lists_the_library_for_staff(client):
    photo = make_photo(alt_text="Otters in the reeds")
    client.force_login(make_user(role="Reporter"))
    response = client.get("/photos/picker/?CKEditorFuncNum=3&q=otter")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-url="/photos/{photo.pk}/"' in html
    assert 'data-callback="3"' in html
    assert "noindex" in html


def test_moderators_cannot_browse_the_photo_library(client):
    client.force_login(make_user(role="Moderator"))
    assert client.get("/photos/picker/").status_code == 403


def article_page_queries(client, article):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    return len(queries)


def test_article_page_query_count_does_not_grow_with_photos_or_authors(client):
    one = make_article(lead_photo=make_photo(), authors=[make_author()], body=placed(make_photo()))
    authors = [make_author() for _ in range(3)]
    inline = "".join(placed(make_photo()) for _ in range(4))
    many = make_article(lead_photo=make_photo(), authors=authors, body=f"<p>x</p>{inline}")
    # Another story first: what every article page shares (masthead, footer, discussion
    # settings: fragments) is then kept for both, which are each rendered for the first time.
    article_page_queries(client, make_article())
    few, lots = article_page_queries(client, one), article_page_queries(client, many)
    print(f"article page queries with lead photo, inline photos, three authors: {lots}")
    assert few == lots


def test_front_page_query_count_does_not_grow_with_lead_photos(client):
    make_article(lead_photo=make_photo())
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for _ in range(6):
        make_article(lead_photo=make_photo())
    with CaptureQueriesContext(connection) as many:
        html = client.get("/").content.decode()
    assert html.count("<picture>") >= 3
    assert len(few) == len(many)
