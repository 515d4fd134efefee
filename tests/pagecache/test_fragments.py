"""Fragments (pagecache/fragments.py): kept while what they show holds, one round trip a page."""

import pytest
from django.core.cache import cache, caches

from comments.models import Comment
from comments.services import comment_approve
from pagecache import changed, fragments
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

BYPASS = "X-Test-Skip-Page-Cache"


@pytest.fixture(autouse=True)
def bypass(settings):
    settings.NEWSROOM_PAGE_CACHE_BYPASS_HEADER = BYPASS
    cache.clear()


class Renders:
    """A render function that counts its calls."""

    def __init__(self, html):
        self.html, self.calls = html, 0

    def __call__(self):
        self.calls += 1
        return self.html


def test_a_fragment_is_rendered_once_then_kept_until_its_tag_changes():
    render = Renders("<p>one</p>")
    fragment = fragments.Fragment("part", "1", ("site", "article:1"), render)
    assert fragments.render(fragment)["part"] == "<p>one</p>"
    assert fragments.render(fragment)["part"] == "<p>one</p>"
    assert render.calls == 1
    changed("article:1")
    fragments.render(fragment)
    assert render.calls == 2


def test_a_change_during_the_first_render_keeps_its_version():
    # The tag has no version yet when the render begins; the story changes while it renders.
    # The version the change made must stand, so the entry rendered from before it is stale.
    first = Renders("<p>before</p>")

    def render_racing_a_change():
        changed("article:7")
        return first()

    fragment = fragments.Fragment("part", "7", ("article:7",), render_racing_a_change)
    assert fragments.render(fragment)["part"] == "<p>before</p>"
    after = Renders("<p>after</p>")
    fragment = fragments.Fragment("part", "7", ("article:7",), after)
    assert fragments.render(fragment)["part"] == "<p>after</p>"
    assert after.calls == 1


def test_a_page_of_fragments_is_one_cache_round_trip(monkeypatch):
    parts = [
        fragments.Fragment(f"part{n}", "1", ("site", f"article:{n}"), Renders("x"))
        for n in range(3)
    ]
    fragments.render(*parts)
    calls = []
    default = caches["default"]
    real_get_many = default.get_many

    def counting_get_many(keys, *args, **kwargs):
        calls.append(list(keys))
        return real_get_many(keys, *args, **kwargs)

    monkeypatch.setattr(default, "get_many", counting_get_many)
    html = fragments.render(*parts)
    assert set(html) == {"part0", "part1", "part2"}
    assert len(calls) == 1


def page(client, article):
    response = client.get(article.get_absolute_url(), headers={BYPASS: "1"})
    assert response.status_code == 200
    return response


def test_an_approval_rerenders_the_thread_and_not_the_byline(client, monkeypatch):
    article = make_article()
    make_comment(article=article, body="First words.")
    page(client, article)
    rendered = []
    real_render = fragments.Fragment.__init__

    def watching(self, name, key, tags, render, expires_at=None, raw=False):
        def counted():
            rendered.append(name)
            return render()

        real_render(self, name, key, tags, counted, expires_at, raw)

    monkeypatch.setattr(fragments.Fragment, "__init__", watching)
    page(client, article)
    assert rendered == []
    pending = make_comment(article=article, status=Comment.Status.PENDING, body="Second words.")
    comment_approve(comment=pending, moderator=make_user(role="Moderator"))
    content = page(client, article).content.decode()
    assert rendered == ["thread"]
    assert "Second words." in content
