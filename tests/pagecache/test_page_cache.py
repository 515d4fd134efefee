"""Readers' pages from the cache: served without the database, one copy for every reader (nothing
per-reader in it), dropped exactly when what they show changes, never for staff (pagecache/)."""

import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from comments.services import comment_approve
from pagecache import tags
from pagecache.readers import ENTRY_PREFIX, TRACKING_PARAMETERS
from tests.factories import make_article, make_comment, make_correction, make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _quick_comment_form(settings):
    # Posts here follow their page at once: no waiting out the "too fast" guard.
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 0


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    response.queries = len(queries)
    return response


def form_time(response):
    """The comment form's signed time; a reader's page has no CSRF token to go with it."""
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' not in html
    return re.search(r'name="issued" value="([^"]+)"', html).group(1)


SAME_ORIGIN = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}


def test_second_read_of_an_article_comes_from_the_cache_without_queries(client):
    article = make_article(headline="Ferry timetable")
    make_comment(article=article, body="First approved remark.")
    first = get(client, article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert first.queries > 0
    second = get(Client(), article.get_absolute_url())
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.queries == 0
    assert "First approved remark." in second.content.decode()
    # The very same page: nothing in it is one reader's.
    assert second.content == first.content
    assert b"csrfmiddlewaretoken" not in second.content
    assert b"per-reader" not in second.content


def test_two_readers_post_from_the_same_cached_page_and_both_comments_are_taken():
    article = make_article()
    url = article.get_absolute_url()
    readers = [Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)]
    pages = [get(reader, url) for reader in readers]
    assert [page["X-Page-Cache"] for page in pages] == ["miss", "hit"]
    for page in pages:  # Nothing personal: one copy serves every reader.
        assert not page.cookies
        assert "public" in page["Cache-Control"]
        assert "Cookie" not in page.get("Vary", "")
    assert not any(reader.cookies for reader in readers)
    for number, (reader, page) in enumerate(zip(readers, pages, strict=True)):
        response = reader.post(
            f"/comments/post/{article.pk}/",
            {
                "issued": form_time(page),
                "name": f"Reader {number}",
                "email": f"reader{number}@example.org",
                "body": f"Comment number {number} on the ferry story.",
                "homepage": "",
                "url": "",
                "replytocom": "",
            },
            headers=SAME_ORIGIN,
        )
        assert response.status_code == 302, response.content[:500]
    assert sorted(Comment.objects.values_list("name", flat=True)) == ["Reader 0", "Reader 1"]


def test_a_forged_post_from_another_site_with_a_cached_pages_form_is_refused():
    article = make_article()
    url = article.get_absolute_url()
    issued = form_time(get(Client(), url))
    attacker = Client(enforce_csrf_checks=True)
    response = attacker.post(
        f"/comments/post/{article.pk}/",
        {"issued": issued, "name": "X", "email": "x@example.org"}
        | {"body": "Forged.", "homepage": "", "url": ""},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_comment_sent_at_once_from_a_cached_page_is_still_too_fast(settings):
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 3
    article = make_article()
    get(Client(), article.get_absolute_url())
    reader = Client()
    cached = get(reader, article.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit"
    # The page's own time (just rendered), and the fresh one comments.js fetches on focus.
    fresh = reader.get(reverse("comments:form-time"))
    assert "no-store" in fresh["Cache-Control"]
    for issued in (form_time(cached), fresh.content.decode()):
        response = reader.post(
            f"/comments/post/{article.pk}/",
            {"issued": issued, "name": "Bot", "email": "b@example.org"}
            | {"body": "Instant.", "homepage": "", "url": ""},
            headers=SAME_ORIGIN,
        )
        assert response.status_code == 400
        assert "quicker than a person can type" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_held_comment_changes_nothing_and_keeps_the_page_cached(client):
    article = make_article()
    url = article.get_absolute_url()
    get(client, url)
    make_comment(article=article, status=Comment.Status.PENDING, body="Waiting for a moderator.")
    page = get(Client(), url)
    assert page["X-Page-Cache"] == "hit"
    assert "Waiting for a moderator." not in page.content.decode()


def test_approving_a_comment_drops_its_article_and_the_lists_showing_its_count(client):
    article = make_article(headline="Bridge vote")
    other = make_article(headline="Unrelated story")
    comment = make_comment(article=article, status=Comment.Status.PENDING, body="Now shown.")
    for url in (article.get_absolute_url(), other.get_absolute_url(), "/"):
        get(client, url)
    comment_approve(comment=comment, moderator=make_user(role="Moderator"))
    page = get(Client(), article.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "Now shown." in page.content.decode()
    front = get(Client(), "/")
    assert front["X-Page-Cache"] == "miss"
    assert "1 comment" in front.content.decode()
    # An article that shows nothing of it stays cached.
    assert get(Client(), other.get_absolute_url())["X-Page-Cache"] == "hit"


def test_rejecting_an_approved_comment_removes_it_from_the_cached_page(client):
    article = make_article()
    comment = make_comment(article=article, body="Soon to be removed.")
    get(client, article.get_absolute_url())
    comment.status = Comment.Status.REJECTED
    comment.save()
    assert "Soon to be removed." not in get(Client(), article.get_absolute_url()).content.decode()


def test_publishing_editing_and_correcting_drop_the_pages_that_show_them(client):
    article = make_article(headline="Original headline")
    url = article.get_absolute_url()
    get(client, url)
    get(client, "/")
    draft = make_article(
        headline="Fresh off the desk",
        status=Article.Status.DRAFT,
        section=article.section,
        authors=list(article.authors.all()),
    )
    assert get(Client(), "/")["X-Page-Cache"] == "hit"  # A draft shows nowhere.
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    assert "Fresh off the desk" in get(Client(), "/").content.decode()

    article.headline = "Edited headline"
    article.save()
    assert "Edited headline" in get(Client(), url).content.decode()
    assert "Edited headline" in get(Client(), "/").content.decode()

    get(client, url)
    make_correction(article=article, text="The vote was on Tuesday, not Monday.")
    assert "The vote was on Tuesday" in get(Client(), url).content.decode()


def test_a_change_inside_a_transaction_drops_the_page_again_at_commit(
    client, django_capture_on_commit_callbacks
):
    article = make_article()
    url = article.get_absolute_url()
    get(client, url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_correction(article=article, text="A correction.")
    # A reader rendering between the change and its commit keeps a copy...
    get(client, url)
    assert get(Client(), url)["X-Page-Cache"] == "hit"
    for callback in callbacks:  # ...which the commit drops.
        callback()
    assert get(Client(), url)["X-Page-Cache"] == "miss"


def test_staff_always_get_a_fresh_page_their_browser_does_not_keep(client):
    article = make_article(headline="Staff read")
    get(Client(), article.get_absolute_url())
    editor = make_user(role="Editor")
    client.force_login(editor)
    page = get(client, article.get_absolute_url())
    assert page.status_code == 200
    assert "X-Page-Cache" not in page
    assert "no-store" in page["Cache-Control"]
    assert page.queries > 0


def test_a_reader_who_just_posted_sees_the_awaiting_moderation_message():
    article = make_article()
    url = article.get_absolute_url()
    get(Client(), url)
    reader = Client()
    issued = form_time(get(reader, url))
    response = reader.post(
        f"/comments/post/{article.pk}/",
        {"issued": issued, "name": "Ana", "email": "a@example.org"}
        | {"body": "My first comment here.", "homepage": "", "url": ""},
        headers=SAME_ORIGIN,
        follow=True,
    )
    assert "Your comment is awaiting moderation." in response.content.decode()
    # The next reader does not see someone else's message.
    assert "awaiting moderation" not in get(Client(), url).content.decode()


def test_etag_and_last_modified_answer_304_until_the_page_changes(client):
    article = make_article()
    url = article.get_absolute_url()
    first = get(client, url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert get(client, url, if_none_match=etag).status_code == 304
    assert get(Client(), url, if_modified_since=modified).status_code == 304
    make_comment(article=article, body="A change.")
    changed = get(client, url, if_none_match=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_cache_control_public_for_lists_and_for_article_pages_with_the_form(client):
    article = make_article()
    front = get(client, "/")
    assert "public" in front["Cache-Control"]
    assert "s-maxage=60" in front["Cache-Control"]
    for page in (
        get(client, article.get_absolute_url()),
        get(Client(), article.get_absolute_url()),
    ):
        assert 'class="comment-form"' in page.content.decode()
        assert "public" in page["Cache-Control"]
        assert "private" not in page["Cache-Control"]
        assert "s-maxage=60" in page["Cache-Control"]
        assert not page.cookies


def test_staff_still_get_a_fresh_private_page(client):
    article = make_article()
    get(Client(), article.get_absolute_url())
    client.force_login(make_user(role="Editor"))
    page = get(client, article.get_absolute_url())
    assert "X-Page-Cache" not in page
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()


def test_unknown_query_parameters_are_not_kept_and_tracking_ones_are_ignored(client):
    article = make_article()
    url = article.get_absolute_url()
    get(client, url + "?x=1")
    assert "X-Page-Cache" not in get(Client(), url + "?x=1")
    get(client, url)
    assert get(Client(), url + "?utm_source=newsletter")["X-Page-Cache"] == "hit"
    get(client, url + "?cpage=1")
    assert get(Client(), url + "?cpage=1")["X-Page-Cache"] == "hit"


def test_the_tracking_parameters_nginx_ignores_are_ignored_here_too(client):
    article = make_article()
    url = article.get_absolute_url()
    get(client, url)
    tracked = (
        "?utm_source=x&fbclid=1&gclid=2&gbraid=3&wbraid=4&msclkid=5&mc_cid=6&mc_eid=7&_ga=8&_gl=9"
    )
    assert get(Client(), url + tracked)["X-Page-Cache"] == "hit"
    # The same prefixes in each of the maps making nginx's cache key.
    nginx = (ROOT / "deploy" / "nginx" / "newsroom.conf").read_text()
    lists = re.findall(r"\(\?:\(\?:([^)]*)\)\[\^&\]\*", nginx)
    assert len(lists) == 3
    assert all(sorted(found.split("|")) == sorted(TRACKING_PARAMETERS) for found in lists)


def test_search_and_previews_are_never_kept(client):
    make_article(headline="River crossing")
    get(client, "/search/?q=river")
    assert "X-Page-Cache" not in get(Client(), "/search/?q=river")


class RecordingCache:
    def __init__(self, cache):
        self.cache, self.timeouts, self.fresh_for = cache, [], []

    def set(self, key, value, timeout):
        self.timeouts.append(timeout)
        self.fresh_for.append(value["fresh_until"] - time.time())
        return self.cache.set(key, value, timeout)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def assert_fresh_for(recorder, low, high, settings):
    """The entry is current for low..high seconds, then kept only as a stale copy."""
    assert recorder.fresh_for and low <= recorder.fresh_for[-1] <= high
    assert recorder.timeouts[-1] <= high + settings.NEWSROOM_PAGE_STALE_SECONDS


def test_a_list_is_kept_no_longer_than_until_the_next_scheduled_story(
    client, monkeypatch, settings
):
    make_article()
    make_article(published_at=timezone.now() + timedelta(seconds=90))
    recorder = RecordingCache(tags.cache())
    monkeypatch.setattr(tags, "cache", lambda: recorder)
    get(client, "/")
    assert_fresh_for(recorder, 80, 90, settings)


def test_an_article_is_kept_no_longer_than_its_comments_stay_open(client, monkeypatch, settings):
    article = make_article(
        published_at=timezone.now() - timedelta(hours=1, minutes=55),
        comment_policy=Article.CommentPolicy.CLOSE_AFTER,
        comments_close_after_hours=2,
    )
    recorder = RecordingCache(tags.cache())
    monkeypatch.setattr(tags, "cache", lambda: recorder)
    get(client, article.get_absolute_url())
    assert_fresh_for(recorder, 290, 300, settings)


def test_the_page_cache_can_be_switched_off(client, settings):
    settings.NEWSROOM_PAGE_CACHE = False
    article = make_article()
    get(client, article.get_absolute_url())
    assert "X-Page-Cache" not in get(Client(), article.get_absolute_url())


def test_a_page_about_to_change_is_not_kept_and_its_form_still_works(client, monkeypatch):
    # Comments close in half a second: the page is shown with its form but not kept.
    from comments.templatetags import comments

    monkeypatch.setattr(
        comments,
        "comments_close_time",
        lambda article, discussion: timezone.now() + timedelta(milliseconds=500),
    )
    article = make_article()
    page = get(client, article.get_absolute_url())
    assert "X-Page-Cache" not in page
    assert b"per-reader" not in page.content
    assert form_time(page)


class UnreachableCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Connection refused")

        return fail


def test_without_the_cache_pages_are_rendered_and_changes_are_saved(client, monkeypatch):
    article = make_article()
    monkeypatch.setattr(tags, "cache", UnreachableCache)
    page = get(client, article.get_absolute_url())
    assert page.status_code == 200
    assert b"per-reader" not in page.content
    assert form_time(page)
    comment = make_comment(article=article, status=Comment.Status.PENDING, body="Saved anyway.")
    comment_approve(comment=comment, moderator=make_user(role="Moderator"))
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED
    assert "Saved anyway." in get(Client(), article.get_absolute_url()).content.decode()


def test_a_made_up_port_in_the_host_makes_no_copies(client):
    article = make_article()
    for port in ("99999999999999999999", "81", "abc"):
        client.get(article.get_absolute_url(), headers={"host": f"testserver:{port}"})
    assert not [key for key in tags.cache()._cache if ENTRY_PREFIX in key]
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "miss"
