"""The mapping rules from WordPress's values to ours, as pure functions."""

from datetime import UTC, datetime

import pytest

from articles.models import Article
from comments.models import Comment
from wpimport import rules
from wpimport.rules import Skip


@pytest.mark.parametrize(
    ("wp_status", "password", "expected"),
    [
        ("publish", "", (Article.Status.PUBLISHED, True)),
        ("future", "", (Article.Status.PUBLISHED, True)),
        ("draft", "", (Article.Status.DRAFT, False)),
        ("pending", "", (Article.Status.IN_REVIEW, False)),
        ("private", "", (Article.Status.DRAFT, True)),
        ("publish", "secret", (Article.Status.DRAFT, True)),
    ],
)
def test_post_statuses_map_to_ours(wp_status, password, expected):
    assert rules.article_status(wp_status, password=password)[:2] == expected


@pytest.mark.parametrize("wp_status", ["trash", "auto-draft", "inherit", "weird"])
def test_trash_automatic_drafts_revisions_and_unknown_statuses_are_skipped(wp_status):
    with pytest.raises(Skip):
        rules.article_status(wp_status)


@pytest.mark.parametrize(
    ("approved", "status"),
    [
        ("1", Comment.Status.APPROVED),
        ("0", Comment.Status.PENDING),
        ("spam", Comment.Status.SPAM),
        ("trash", Comment.Status.REJECTED),
        ("post-trashed", Comment.Status.REJECTED),
    ],
)
def test_comment_states_map_to_ours(approved, status):
    assert rules.comment_status(approved) == status


@pytest.mark.parametrize("comment_type", ["pingback", "trackback"])
def test_pingbacks_and_trackbacks_are_skipped_by_name(comment_type):
    with pytest.raises(Skip, match=comment_type):
        rules.comment_kind(comment_type)
    assert rules.comment_kind("") == rules.comment_kind("comment") == "comment"


def test_dates_come_from_gmt_then_local_time_then_pubdate(settings):
    assert rules.wp_datetime("2015-01-27 18:30:00", "2015-01-27 19:30:00") == datetime(
        2015, 1, 27, 18, 30, tzinfo=UTC
    )
    settings.TIME_ZONE = "Europe/Paris"
    from django.utils import timezone

    with timezone.override("Europe/Paris"):
        local = rules.wp_datetime(rules.ZERO_DATE, "2015-01-27 19:30:00")
    assert local == datetime(2015, 1, 27, 18, 30, tzinfo=UTC)
    assert rules.wp_datetime("", "", "Tue, 27 Jan 2015 18:30:00 +0000") == datetime(
        2015, 1, 27, 18, 30, tzinfo=UTC
    )
    assert rules.wp_datetime(rules.ZERO_DATE, rules.ZERO_DATE, "") is None


def test_a_post_takes_its_first_top_level_category_as_section_and_the_rest_as_tags():
    terms = {"local": ("local", True), "council": ("local", False), "sport": ("sport", True)}
    assert rules.split_categories(["council", "sport"], terms) == ("local", ["council", "sport"])
    assert rules.split_categories(["sport", "local"], terms) == ("sport", ["local"])
    assert rules.split_categories([], terms) == (None, [])


def test_slugs_are_ascii_with_fallbacks():
    assert rules.make_slug("%ce%b5%cf%80", "Café crème", fallback="x", max_length=80) == (
        "cafe-creme"
    )
    assert rules.make_slug("", "Ελληνικά", fallback="page-9", max_length=80) == "page-9"
    assert rules.suffixed("a" * 10, 2, 10) == "aaaaaaaa-2"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://old.example/?p=123", "?p=123"),
        ("https://old.example/index.php?page_id=4&x=1", "?page_id=4"),
        ("https://old.example/2015/01/27/Some-Slug/", "/2015/01/27/some-slug"),
        ("https://old.example//greek/%ce%b5/", "/greek/ε"),
        ("https://old.example/archives/123", "/archives/123"),
        ("https://old.example/?p=abc", None),
    ],
)
def test_old_urls_are_normalised_to_keys(url, key):
    assert rules.old_path(url) == key


def test_a_blog_in_a_subfolder_loses_the_folder():
    assert rules.old_path("https://old.example/blog/2015/01/x/", "https://old.example/blog") == (
        "/2015/01/x"
    )
