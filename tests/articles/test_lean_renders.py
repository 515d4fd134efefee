"""Article and front pages from fragments: few queries, and each change re-renders its own part.

The page cache is bypassed (as `make bench` "uncached" does): what is measured and checked is
the render, with the fragment caches as in production.
"""

import contextlib
import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Section
from comments.models import Comment, DiscussionSettings
from comments.services import comment_approve
from pagecache import fragments
from pages.models import Page
from tests.factories import (
    make_article,
    make_author,
    make_comment,
    make_correction,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db

BYPASS = "X-Test-Skip-Page-Cache"


@pytest.fixture(autouse=True)
def bypass(settings):
    settings.NEWSROOM_PAGE_CACHE_BYPASS_HEADER = BYPASS


def page(client, url):
    response = client.get(url, headers={BYPASS: "1"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def rendered(monkeypatch):
    """The names of the fragments rendered (not found current in the cache), in order."""
    names = []
    real_init = fragments.Fragment.__init__

    def watching(self, name, key, tags, render, expires_at=None, raw=False):
        def counted():
            names.append(name)
            return render()

        real_init(self, name, key, tags, counted, expires_at, raw)

    monkeypatch.setattr(fragments.Fragment, "__init__", watching)
    return names


@contextlib.contextmanager
def freeze_later(*, seconds):
    """time.time() a few seconds on, for the form's signed time."""
    later = time.time() + seconds
    with mock.patch("comments.templatetags.comments.time.time", return_value=later):
        yield


def warm_queries(client, url):
    page(client, url)
    with CaptureQueriesContext(connection) as queries:
        page(client, url)
    return len(queries)


def test_a_warm_article_render_runs_no_query_however_many_comments_authors_or_related(client):
    quiet_section = make_section()
    small = make_article(section=quiet_section, authors=[make_author()], tags=["Rare"])
    make_comment(article=small)
    busy = make_section()
    big = make_article(
        section=busy,
        authors=[make_author() for _ in range(4)],
        tags=[f"Topic {n}" for n in range(6)],
    )
    for _ in range(5):
        make_article(section=busy, tags=["Topic 1"])
    for _ in range(30):
        parent = make_comment(article=big)
        make_comment(article=big, parent=parent)
    make_correction(article=big)
    few = warm_queries(client, small.get_absolute_url())
    many = warm_queries(client, big.get_absolute_url())
    assert few == many == 0  # Its row too is kept, by its address.


def test_an_address_with_no_story_is_not_kept_and_a_story_published_there_shows(client):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    url = article.get_absolute_url()  # The preview address while it has no time.
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now() - timedelta(minutes=1)
    published_url = article.get_absolute_url()
    assert client.get(published_url, headers={BYPASS: "1"}).status_code == 404
    article.save()
    assert article.headline in page(client, published_url)
    assert url != published_url


def test_an_unpublished_story_is_gone_at_once_though_its_row_was_kept(client):
    article = make_article()
    page(client, article.get_absolute_url())
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(article.get_absolute_url(), headers={BYPASS: "1"}).status_code == 404


def test_a_warm_front_page_runs_no_query(client):
    for _ in range(12):
        make_article(section=make_section())
    assert warm_queries(client, "/") == 0


def test_an_edit_to_one_story_rerenders_its_fragments_and_no_other_storys(client, rendered):
    edited = make_article(section=make_section(), headline="Before the edit")
    other = make_article(section=make_section(), headline="Left alone")
    page(client, edited.get_absolute_url())
    page(client, other.get_absolute_url())
    edited.headline = "After the edit"
    edited.save()
    rendered.clear()
    page(client, other.get_absolute_url())
    # Its row and which stories are related may change with any story: those two are read
    # again (a query each); none of its HTML is rendered again.
    assert rendered == ["article-row", "related-ids"]
    rendered.clear()
    content = page(client, edited.get_absolute_url())
    assert {"story", "sharing"} <= set(rendered)
    assert "header" not in rendered and "footer" not in rendered
    assert "After the edit" in content
    assert "Before the edit" not in content


def test_an_approval_rerenders_only_that_storys_thread(client, rendered):
    article = make_article()
    pending = make_comment(article=article, status=Comment.Status.PENDING, body="Now shown.")
    assert "Now shown." not in page(client, article.get_absolute_url())
    rendered.clear()
    comment_approve(comment=pending, moderator=make_user(role="Moderator"))
    content = page(client, article.get_absolute_url())
    assert rendered == ["thread"]
    assert "Now shown." in content
    assert "1 Comment" in content


def test_a_correction_shows_at_once_and_a_scheduled_one_when_it_is_due(client, rendered):
    article = make_article()
    page(client, article.get_absolute_url())
    make_correction(article=article, text="The bridge opened in May.")
    content = page(client, article.get_absolute_url())
    assert "The bridge opened in May." in content
    assert "Updated" in content
    due = timezone.now() + timedelta(seconds=30)
    make_correction(article=article, text="Due later.", published_at=due)
    assert "Due later." not in page(client, article.get_absolute_url())
    stored = [
        entry
        for key, entry in _stored_entries(client, article.get_absolute_url()).items()
        if key.startswith(fragments.ENTRY_PREFIX) and ":story:" in key
    ]
    # Kept no longer than until the correction is due.
    assert stored and all(timeout <= 31 for timeout in stored)


def _stored_entries(client, url):
    """The timeouts the fragments of one fresh render are stored with, by key."""
    cache = caches["default"]
    timeouts = {}
    real_set_many = cache.set_many

    def recording(entries, timeout=None, **kwargs):
        timeouts.update(dict.fromkeys(entries, timeout))
        return real_set_many(entries, timeout=timeout, **kwargs)

    cache.clear()
    cache.set_many = recording
    try:
        page(client, url)
    finally:
        del cache.set_many
    return timeouts


def test_a_new_related_story_shows_under_the_article_at_once(client):
    section = make_section()
    article = make_article(section=section, tags=["Ferries"])
    assert "Related stories" not in page(client, article.get_absolute_url())
    make_article(section=make_section(), tags=["Ferries"], headline="Ferry timetable cut")
    content = page(client, article.get_absolute_url())
    assert "Ferry timetable cut" in content


def test_a_comment_under_a_related_story_updates_its_card(client, rendered):
    section = make_section()
    article = make_article(section=section)
    related = make_article(section=section)
    assert "1 comment" not in page(client, article.get_absolute_url())
    pending = make_comment(article=related, status=Comment.Status.PENDING)
    comment_approve(comment=pending, moderator=make_user(role="Moderator"))
    rendered.clear()
    assert "1 comment" in page(client, article.get_absolute_url())
    assert rendered == ["related"]


def test_the_menu_and_footer_follow_sections_and_pages_at_once(client):
    article = make_article()
    page(client, article.get_absolute_url())
    Section.objects.create(name="Harbour", slug="harbour", order=99)
    Page.objects.create(title="Advertise with us", slug="advertise", in_footer=True)
    content = page(client, article.get_absolute_url())
    assert "/section/harbour/" in content
    assert "Advertise with us" in content


def test_the_section_page_marks_its_section_in_the_menu_and_the_front_page_home(client):
    section = make_section(name="Harbour")
    make_article(section=section)
    front = page(client, "/")
    assert 'href="/" aria-current="page"' in front
    section_page = page(client, section.get_absolute_url())
    assert f'href="{section.get_absolute_url()}" aria-current="page"' in section_page
    assert 'href="/" aria-current="page"' not in section_page


def test_discussion_settings_from_the_cache_follow_a_change_at_once(client):
    article = make_article()
    parent = make_comment(article=article)
    assert "comment__reply" in page(client, article.get_absolute_url())
    settings = DiscussionSettings.objects.filter(pk=1).first() or DiscussionSettings(pk=1)
    settings.thread_depth = 1
    settings.save()  # Made now, or changed: either way the pages follow.
    assert "comment__reply" not in page(client, article.get_absolute_url())
    assert parent.name in page(client, article.get_absolute_url())


def test_discussion_settings_changed_after_they_were_made_are_followed_too(client):
    DiscussionSettings.objects.get_or_create(pk=1)
    article = make_article()
    make_comment(article=article)
    assert "comment__reply" in page(client, article.get_absolute_url())
    settings = DiscussionSettings.objects.get(pk=1)
    settings.thread_depth = 1
    settings.save()
    assert "comment__reply" not in page(client, article.get_absolute_url())


def test_no_commenter_email_is_kept_in_any_fragment(client):
    article = make_article()
    make_comment(article=article, email="private.reader@example.org", name="Private Reader")
    stored = []
    cache = caches["default"]
    real_set_many = cache.set_many

    def recording(entries, *args, **kwargs):
        stored.append(repr(entries))
        return real_set_many(entries, *args, **kwargs)

    cache.set_many = recording
    try:
        content = page(client, article.get_absolute_url())
        page(client, "/")
    finally:
        del cache.set_many
    assert "Private Reader" in content
    assert stored and not any("private.reader" in entries for entries in stored)


def test_the_shared_form_gets_a_fresh_signed_time_for_each_page(client):
    article = make_article()
    first = page(client, article.get_absolute_url())
    # A second later (signed times are to the second).
    with freeze_later(seconds=2):
        second = page(client, article.get_absolute_url())
    issued = re.compile(r'name="issued" value="([^"]+)"')
    assert issued.search(first).group(1) != issued.search(second).group(1)
    assert "issuedtimeplaceholder" not in first + second


def test_a_reply_link_shows_the_comment_replied_to_in_the_form(client):
    article = make_article()
    comment = make_comment(article=article, name="Ana Ruiz")
    page(client, article.get_absolute_url())
    content = page(client, f"{article.get_absolute_url()}?replytocom={comment.pk}")
    assert "Leave a Reply to</a>" not in content and "Leave a Reply to Ana Ruiz" in content
    assert f'name="replytocom" id="id_replytocom" value="{comment.pk}"' in content
    plain = page(client, article.get_absolute_url())
    assert "Leave a Reply to Ana Ruiz" not in plain and 'id="cancel-comment-reply"' not in plain
    assert 'name="replytocom" id="id_replytocom" value=""' in plain


def test_a_signed_in_users_form_carries_their_token_and_is_not_shared(client):
    article = make_article()
    assert "csrfmiddlewaretoken" not in page(client, article.get_absolute_url())
    client.force_login(make_user())
    assert "csrfmiddlewaretoken" in page(client, article.get_absolute_url())
    client.logout()
    assert "csrfmiddlewaretoken" not in page(client, article.get_absolute_url())


def next_publication_queries(client, url):
    caches["default"].clear()
    with CaptureQueriesContext(connection) as captured:
        page(client, url)
    scheduled = re.compile(r'^SELECT "articles_article"\."published_at" AS "published_at" FROM')
    return sum(1 for query in captured if scheduled.match(query["sql"]))


def test_a_page_from_nothing_asks_when_the_next_story_goes_out_once(client):
    article = make_article(tags=["Floods"])
    make_article(section=article.section, tags=["Floods"])
    make_comment(article=article)
    assert next_publication_queries(client, article.get_absolute_url()) == 1
    assert next_publication_queries(client, "/") == 1


def test_cards_name_each_storys_authors_in_byline_order(client):
    first, second, third = (make_author(name=name) for name in ("Ana Ruiz", "Tom Berg", "Li Wei"))
    two = make_article(section=make_section(), authors=[second, first], tags=["Floods"])
    make_article(section=make_section(), authors=[third, first, second], tags=["Floods"])
    make_article(section=make_section(), authors=[])
    front = page(client, "/")
    assert "By Tom Berg and Ana Ruiz" in front
    assert "By Li Wei, Ana Ruiz and Tom Berg" in front
    related = page(client, two.get_absolute_url()).split('id="related-heading"')[1]
    assert "By Li Wei, Ana Ruiz and Tom Berg" in related


def test_a_page_from_nothing_reads_the_stories_it_shows_in_three_queries(client):
    # When the next story goes out, the story's row, and its related stories (ranked, then
    # read as cards with their comment counts, in one query).
    article = make_article(tags=["Floods"])
    others = [make_article(section=article.section, tags=["Floods"]) for _ in range(3)]
    make_comment(article=others[0])
    caches["default"].clear()
    with CaptureQueriesContext(connection) as captured:
        html = page(client, article.get_absolute_url())
    story_reads = [query for query in captured if 'FROM "articles_article"' in query["sql"]]
    assert len(story_reads) == 3, [query["sql"][:120] for query in story_reads]
    related = html.split('id="related-heading"')[1].split("</section>")[0]
    assert all(other.headline in related for other in others)
