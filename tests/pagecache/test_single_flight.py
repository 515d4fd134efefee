"""One render at a time for a page that changed: the others serve the copy they have, briefly,
and every cached page names its tags for a CDN (pagecache/middleware.py)."""

import time
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from articles.services import article_unpublish
from comments.models import Comment
from comments.services import comment_approve
from pagecache import tags
from pagecache.middleware import LOCK_PREFIX
from pagecache.readers import entry_key
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


def get(url, client=None, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = (client or Client()).get(url, headers=headers)
    response.queries = len(queries)
    return response


def key_of(url):
    return entry_key(RequestFactory().get(url))


class AnotherWorker:
    """Holds the render lock of a page, as a worker rendering it at this moment does."""

    def __init__(self, url):
        self.lock = LOCK_PREFIX + key_of(url)

    def __enter__(self):
        assert tags.cache().add(self.lock, 1, 30)
        return self

    def __exit__(self, *exc):
        tags.cache().delete(self.lock)


@pytest.fixture
def story():
    article = make_article(headline="Viral story")
    pending = make_comment(article=article, status=Comment.Status.PENDING, body="Just approved.")
    url = article.get_absolute_url()
    assert get(url)["X-Page-Cache"] == "miss"
    return SimpleNamespace(article=article, pending=pending, url=url)


def test_a_changed_page_is_served_stale_without_a_render_while_another_worker_renders_it(story):
    comment_approve(comment=story.pending, moderator=make_user(role="Moderator"))
    with AnotherWorker(story.url):
        for _ in range(3):
            page = get(story.url)
            assert page.status_code == 200
            assert page["X-Page-Cache"] == "stale"
            assert page.queries == 0  # not rendered
            assert "Just approved." not in page.content.decode()
            # Not for a cache in front to keep: the fresh copy is on its way.
            assert page["Cache-Control"] == "no-cache"
            assert f"article-{story.article.pk}" in page["Surrogate-Key"].split()
    # The render done, its copy is served.
    fresh = get(story.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert fresh.queries > 0
    assert "Just approved." in fresh.content.decode()
    again = get(story.url)
    assert again["X-Page-Cache"] == "hit"
    assert again.queries == 0
    assert "Just approved." in again.content.decode()


def test_the_worker_that_renders_a_changed_page_holds_the_lock_meanwhile_and_then_lets_go(
    story, monkeypatch
):
    comment_approve(comment=story.pending, moderator=make_user(role="Moderator"))
    url = story.url
    lock = LOCK_PREFIX + key_of(url)
    seen = []
    from articles import views

    original = views.ArticleDetailView.get_context_data

    def rendering(self, **kwargs):
        seen.append(tags.cache().get(lock))
        # Another reader arriving during this render gets the previous copy.
        seen.append(Client().get(url)["X-Page-Cache"])
        return original(self, **kwargs)

    monkeypatch.setattr(views.ArticleDetailView, "get_context_data", rendering)
    assert get(url)["X-Page-Cache"] == "miss"
    assert seen == [1, "stale"]
    assert tags.cache().get(lock) is None


def test_an_expired_page_is_served_stale_while_another_worker_renders_it(story):
    key = key_of(story.url)
    entry = tags.cache().get(key)
    entry["fresh_until"] = time.time() - 1
    tags.cache().set(key, entry, 60)
    with AnotherWorker(story.url):
        page = get(story.url)
    assert page["X-Page-Cache"] == "stale"
    assert page.queries == 0
    assert get(story.url)["X-Page-Cache"] == "miss"


def test_without_a_copy_young_enough_a_locked_page_is_rendered_not_waited_for(story, settings):
    comment_approve(comment=story.pending, moderator=make_user(role="Moderator"))
    time.sleep(0.01)
    settings.NEWSROOM_PAGE_STALE_SECONDS = 0
    with AnotherWorker(story.url):
        page = get(story.url)
    assert page["X-Page-Cache"] == "miss"
    assert "Just approved." in page.content.decode()


def test_a_new_page_is_rendered_whoever_holds_its_lock():
    article = make_article()
    url = article.get_absolute_url()
    with AnotherWorker(url):
        page = get(url)
    assert page.status_code == 200
    assert page["X-Page-Cache"] == "miss"
    assert page.queries > 0


def test_a_copy_whose_tag_version_was_lost_is_never_served_stale(story):
    tags.cache().delete(tags.VERSION_PREFIX + f"article:{story.article.pk}")  # evicted
    with AnotherWorker(story.url):
        assert get(story.url)["X-Page-Cache"] == "miss"


def test_an_unpublished_story_is_not_served_stale_once_a_render_found_it_gone(story):
    article_unpublish(article=story.article, by=make_user(role="Editor"))
    assert get(story.url).status_code == 404
    # The render that found it gone dropped the copy: nothing stale is left to serve.
    with AnotherWorker(story.url):
        page = get(story.url)
    assert page.status_code == 404
    assert "Viral story" not in page.content.decode()


def test_staff_never_get_a_stale_or_shared_copy(story, client):
    comment_approve(comment=story.pending, moderator=make_user(role="Moderator"))
    client.force_login(make_user(role="Editor"))
    with AnotherWorker(story.url):
        page = get(story.url, client)
    assert "X-Page-Cache" not in page
    assert "no-store" in page["Cache-Control"]
    assert "Just approved." in page.content.decode()
    assert "Surrogate-Key" not in page


def test_every_cached_page_names_its_tags_as_cdn_tokens_on_a_miss_and_a_hit():
    article = make_article()
    related = make_article(section=article.section)
    url = article.get_absolute_url()
    miss, hit = get(url), get(url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for page in (miss, hit):
        keys = page["Surrogate-Key"].split(" ")
        assert {"site", "article-set", f"article-{article.pk}"} <= set(keys)
        assert f"article-{related.pk}" in keys  # its related story's comment count shows
        assert page["Cache-Tag"] == ",".join(keys)
        assert all(key.replace("-", "").isalnum() for key in keys)
    assert hit["Surrogate-Key"] == miss["Surrogate-Key"]
    front = get("/")
    assert front["Surrogate-Key"].split(" ") == ["site", "listings"]


def test_public_pages_say_how_long_a_shared_cache_may_serve_them_stale(settings):
    settings.NEWSROOM_PAGE_STALE_WHILE_REVALIDATE = 45
    article = make_article()
    for page in (get(article.get_absolute_url()), get(article.get_absolute_url()), get("/")):
        assert page["Cache-Control"].split(", ") == [
            "public",
            "max-age=0",
            "s-maxage=60",
            "stale-while-revalidate=45",
        ]
