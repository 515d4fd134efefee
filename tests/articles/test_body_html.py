"""Bodies are rendered once, when saved; pages, feeds and search show exactly what they did."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.cache import caches
from django.urls import reverse
from django.utils.html import escape

from articles.html import (
    FIRST_PARAGRAPH,
    embed_photos,
    link_outside_images,
    render_body,
    sanitize_html,
    shape_body,
)
from articles.models import Article
from tests.factories import article_admin_data, make_article, make_author, make_photo, make_user

from .test_sanitizer_corpus import HOSTILE

pytestmark = pytest.mark.django_db

render_bodies = importlib.import_module("articles.migrations.0006_article_body_html").render_bodies


def rendered_before(body, dateline, render_photo=None, photos=None):
    """What pages rendered on every view before body_html: body_with_dateline() as it was."""
    # A copy of the old code, so that the comparison does not depend on what replaced it.
    body = sanitize_html(link_outside_images(body))
    if render_photo is not None:
        body = embed_photos(body, photos or {}, render_photo)
    if not dateline:
        return body
    lead = f'<span class="dateline">{escape(dateline)}</span> — '
    match = FIRST_PARAGRAPH.search(body)
    if match is None:
        return f"<p>{lead}</p>{body}"
    return f"{body[: match.end()]}{lead}{body[match.end() :]}"


ORDINARY = [
    "",
    "<p>Talks resumed.</p><p>Second.</p>",
    "Text with no paragraph at all",
    '<p class="lead">A paragraph with attributes.</p>',
    "<h2>Heading first</h2><p>Then text.</p>",
    '<figure><img src="/photos/1/" alt="" data-file="1"><figcaption>Ours</figcaption></figure>'
    "<p>After a placed photo.</p>",
    '<p>Missing: <img src="/photos/2/" alt="gone"></p>',
    '<p><a href="https://old.example.com/full.jpg"><img src="http://old.example.com/s.jpg"></a></p>',
    '<figure><img src="https://old.example.com/bell.jpg" alt="Bell"></figure><p>Outside.</p>',
    "<table><tr><th>Year</th></tr><tr><td>2026</td></tr></table><pre>code</pre>",
    "<p>Ünïcode — “quotes” &amp; entities &lt;b&gt;</p><p></p>",
    "<ul><li>One</li></ul><blockquote><p>Quote</p></blockquote>",
    "<P>Upper-case tags</P><p>",
]
DATELINES = ["", "MOSCOW", 'ROME <script>alert("d")</script> & Co']


def fake_photo(photo):
    return f'<picture data-photo="{photo}"><img src="/media/{photo}.jpg"></picture>'


@pytest.mark.parametrize("dateline", DATELINES)
@pytest.mark.parametrize("body", ORDINARY + HOSTILE)
def test_a_stored_body_shaped_at_view_time_is_what_was_rendered_before(body, dateline):
    photos = {1: "one"}  # 2 was deleted from the library
    before = rendered_before(body, dateline, render_photo=fake_photo, photos=photos)
    after = shape_body(render_body(body), dateline, render_photo=fake_photo, photos=photos)
    assert after == before
    assert shape_body(render_body(body), dateline) == rendered_before(body, dateline)


# Whole pages: rendered per view from the body (a row written without save()), then from
# body_html as migration 0006 fills it.


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def long_body(photo):
    placed = f'<figure><img src="/photos/{photo.pk}/" alt="" data-file="{photo.pk}"></figure>'
    return "".join([*ORDINARY, *HOSTILE, placed, "<p>The river rose overnight.</p>"] * 5)


def page(client, url):
    for cache in caches.all():  # pages are cached: each request must render anew
        cache.clear()
    response = client.get(url)
    assert response.status_code == 200
    # The comment form's signed time changes every second; the rest must not change at all.
    return re.sub(r'name="issued" value="[^"]*"', 'name="issued"', response.content.decode())


def test_article_page_feeds_and_search_are_byte_identical_from_the_stored_body(client):
    photo = make_photo(alt_text="Sandbags on Ferry Street")
    article = make_article(headline="River rises", dateline="MILLBROOK", body=long_body(photo))
    urls = [
        article.get_absolute_url(),
        reverse("feeds:latest-rss"),
        reverse("feeds:latest-atom"),
        reverse("articles:search") + "?q=river",
    ]
    assert Article.objects.get().body_html == render_body(article.body)  # save() made it
    Article.objects.update(body_html=None)  # a row written without save(): rendered per view
    before = [page(client, url) for url in urls]

    render_bodies(apps, None)
    assert Article.objects.get().body_html == render_body(article.body)
    after = [page(client, url) for url in urls]
    for url, old, new in zip(urls, before, after, strict=True):
        assert new == old, url
    assert "Sandbags on Ferry Street" in after[0] and "<picture>" in after[0]

    # The pages really read the stored body.
    Article.objects.update(body_html="<p>Only in body_html.</p>")
    assert "Only in body_html." in page(client, urls[0])
    assert "Only in body_html." in page(client, urls[1])


# Save paths


@pytest.fixture
def editor(client):
    user = make_user(role="Editor")
    client.force_login(user)
    return user


def test_saving_in_the_admin_stores_the_body_rendered_and_ignores_a_posted_body_html(
    client, editor
):
    body = '<p onclick="x()">Text <img src="https://evil.example/p.png" alt="P"></p>'
    data = article_admin_data(authors=[make_author()], body=body, body_html="<script>x</script>")
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get()
    assert article.body_html == render_body(article.body)
    assert "<script" not in article.body_html and "onclick" not in article.body_html
    assert "Picture: P</a>" in article.body_html

    data = article_admin_data(article=article, body="<p>Changed.</p>")
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert client.post(change, data).status_code == 302
    assert Article.objects.get().body_html == "<p>Changed.</p>"


def test_the_migration_renders_every_existing_body():
    articles = [make_article(body=f"<p>Story {n}</p><script>x()</script>") for n in range(3)]
    Article.objects.update(body_html=None)  # as the rows were before the column
    render_bodies(apps, None)
    for n, article in enumerate(articles):
        article.refresh_from_db()
        assert article.body_html == f"<p>Story {n}</p>"


# What stays dynamic: photos change or go after the article is saved.


def test_a_photo_changed_or_deleted_after_saving_shows_as_it_is_now(client):
    photo = make_photo(alt_text="Old alt text")
    article = make_article(
        body=f'<p>Text.</p><figure><img src="/photos/{photo.pk}/" alt=""></figure>'
    )
    render_bodies(apps, None)
    photo.alt_text = "New alt text"
    photo.save()
    html = page(client, article.get_absolute_url())
    assert 'alt="New alt text"' in html and "Old alt text" not in html

    photo.renditions.all().delete()
    photo.delete()
    html = page(client, article.get_absolute_url())
    assert f"/photos/{photo.pk}/" not in html and "New alt text" not in html
    assert "Text." in html


def test_every_save_that_writes_the_body_renders_it_and_others_leave_it_alone():
    article = make_article(body="<p>First.</p><script>x()</script>")
    assert article.body_html == "<p>First.</p>"
    article.body = "<p>Second.</p>"
    article.save(update_fields=["body"])
    assert Article.objects.get().body_html == "<p>Second.</p>"
    Article.objects.update(body_html="<p>Kept.</p>")
    headline_only = Article.objects.only("pk", "headline").get()
    headline_only.headline = "New headline"
    headline_only.save()  # body deferred: not read, not rendered
    assert Article.objects.get().body_html == "<p>Kept.</p>"
