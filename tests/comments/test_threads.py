"""Threads and pages: replies to the configured depth, with and without JavaScript; comment
pages; counts on lists; a fixed number of queries however many comments there are."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment, DiscussionSettings
from tests.factories import make_article, make_comment

from .helpers import post_url, valid_data

pytestmark = pytest.mark.django_db


def configure(**fields):
    DiscussionSettings.objects.update_or_create(pk=1, defaults=fields)


def shown_ids(content):
    return [int(pk) for pk in re.findall(r'<li class="comment" id="comment-(\d+)">', content)]


def reply_links(content):
    return [int(pk) for pk in re.findall(r'replytocom=(\d+)#respond"', content)]


def thread(article, depth=3):
    """A comment with a reply, and a reply to that, down to depth."""
    comments = [make_comment(article=article, body="Level 1")]
    for level in range(2, depth + 1):
        comments.append(make_comment(parent=comments[-1], body=f"Level {level}"))
    return comments


# Replies without JavaScript.


def test_each_comment_above_the_deepest_level_has_a_reply_link(client, article):
    top, second, _third = thread(article)
    content = client.get(article.get_absolute_url()).content.decode()
    assert reply_links(content) == [top.pk, second.pk]


def test_with_a_depth_of_one_there_are_no_reply_links(client, article):
    configure(thread_depth=1)
    thread(article, depth=1)
    assert reply_links(client.get(article.get_absolute_url()).content.decode()) == []


def test_the_reply_link_reloads_the_page_with_the_form_set_for_that_comment(client, article):
    top = make_comment(article=article, name="Ben Okafor")
    response = client.get(f"{article.get_absolute_url()}?replytocom={top.pk}")
    content = response.content.decode()
    assert "Leave a Reply to Ben Okafor" in content
    assert f'name="replytocom" id="id_replytocom" value="{top.pk}"' in content
    assert 'id="cancel-comment-reply"' in content
    assert "Cancel reply" in content


def test_cancel_reply_leads_back_to_a_plain_comment_form(client, article):
    top = make_comment(article=article)
    content = client.get(f"{article.get_absolute_url()}?replytocom={top.pk}").content.decode()
    cancel = re.search(r'id="cancel-comment-reply" href="([^"]+)"', content).group(1)
    assert cancel == f"{article.get_absolute_url()}#respond"
    plain = client.get(cancel.split("#")[0]).content.decode()
    assert "<h2>Leave a Reply</h2>" in plain
    assert 'name="replytocom" id="id_replytocom" value=""' in plain


@pytest.mark.parametrize("value", ["abc", "0", "999999", "-4", "9" * 50])
def test_a_reply_link_to_no_shown_comment_gives_a_plain_form(client, article, value):
    response = client.get(f"{article.get_absolute_url()}?replytocom={value}")
    assert response.status_code == 200
    assert "<h2>Leave a Reply</h2>" in response.content.decode()


def test_a_reply_link_to_a_pending_comment_gives_a_plain_form(client, article):
    pending = make_comment(article=article, status=Comment.Status.PENDING, name="Hidden Name")
    content = client.get(f"{article.get_absolute_url()}?replytocom={pending.pk}").content.decode()
    assert "Hidden Name" not in content
    assert "<h2>Leave a Reply</h2>" in content


def test_a_reply_is_stored_under_its_comment_one_level_deeper(client, article):
    top = make_comment(article=article)
    response = client.post(post_url(article), valid_data(replytocom=str(top.pk)))
    assert response.status_code == 302
    reply = Comment.objects.exclude(pk=top.pk).get()
    assert (reply.parent, reply.depth) == (top, 2)


def test_replies_nest_to_the_configured_depth(client, article):
    _top, second = thread(article, depth=2)
    client.post(post_url(article), valid_data(replytocom=str(second.pk)))
    reply = Comment.objects.latest("id")
    assert (reply.parent, reply.depth) == (second, 3)


def test_a_reply_deeper_than_allowed_is_attached_at_the_deepest_level(client, article):
    # Sent from a page shown before the depth was lowered, or by hand: the words are kept,
    # beside the comment replied to rather than under it.
    _top, second, third = thread(article)
    client.post(post_url(article), valid_data(replytocom=str(third.pk)))
    reply = Comment.objects.latest("id")
    assert (reply.parent, reply.depth) == (second, 3)


def test_after_the_depth_is_lowered_a_reply_goes_to_the_new_deepest_level(client, article):
    configure(thread_depth=2)
    top, second = thread(article, depth=2)
    client.post(post_url(article), valid_data(replytocom=str(second.pk)))
    assert Comment.objects.latest("id").parent == top


def test_without_threads_a_reply_becomes_a_top_level_comment(client, article):
    configure(thread_depth=1)
    top = make_comment(article=article)
    client.post(post_url(article), valid_data(replytocom=str(top.pk)))
    reply = Comment.objects.latest("id")
    assert (reply.parent, reply.depth) == (None, 1)


@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.SPAM])
def test_a_reply_to_a_comment_readers_cannot_see_is_refused_with_400(client, article, status):
    hidden = make_comment(article=article, status=status)
    data = valid_data(replytocom=str(hidden.pk))
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    assert "no longer shown" in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_reply_to_a_comment_on_another_article_is_refused_with_400(client, article):
    elsewhere = make_comment(article=make_article())
    response = client.post(post_url(article), valid_data(replytocom=str(elsewhere.pk)))
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_a_refused_reply_keeps_its_place_in_the_thread(client, article):
    top = make_comment(article=article, name="Ben Okafor")
    response = client.post(post_url(article), valid_data(replytocom=str(top.pk), body=""))
    content = response.content.decode()
    assert response.status_code == 400
    assert "Leave a Reply to Ben Okafor" in content
    assert f'name="replytocom" id="id_replytocom" value="{top.pk}"' in content


# How threads are shown.


def test_replies_are_shown_nested_under_their_comment(client, article):
    top, second, third = thread(article)
    other = make_comment(article=article, body="Another thread")
    content = client.get(article.get_absolute_url()).content.decode()
    assert shown_ids(content) == [top.pk, second.pk, third.pk, other.pk]
    nested = re.search(
        rf'id="comment-{top.pk}">.*?<ol class="comment-list comment-list--replies">\s*'
        rf'<li class="comment" id="comment-{second.pk}">',
        content,
        flags=re.DOTALL,
    )
    assert nested


def test_a_reply_under_a_comment_taken_down_later_is_not_shown(client, article):
    top, _second = thread(article, depth=2)
    Comment.objects.filter(pk=top.pk).update(status=Comment.Status.REJECTED)
    content = client.get(article.get_absolute_url()).content.decode()
    assert shown_ids(content) == []


def test_the_heading_counts_replies_too(client, article):
    thread(article)
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<h2 id="comments-heading">3 Comments</h2>' in content


def test_the_comment_script_is_loaded_deferred(client, article):
    content = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'<script src="[^"]*js/comments\.js" defer></script>', content)


def test_the_save_my_details_checkbox_is_never_in_the_html(client, article):
    # comments.js adds it, unticked; the server never renders anyone's details.
    content = client.get(article.get_absolute_url()).content.decode()
    assert 'type="checkbox"' not in content


# Pages.


def test_top_level_comments_are_paginated_with_their_replies(client, article):
    configure(comments_per_page=2)
    first, second, third = (make_comment(article=article, body=f"Top {n}") for n in range(3))
    reply = make_comment(parent=second)
    url = article.get_absolute_url()
    page_one = client.get(url).content.decode()
    assert shown_ids(page_one) == [first.pk, second.pk, reply.pk]
    assert '<a href="?cpage=2#comments" rel="next">Newer comments</a>' in page_one
    page_two = client.get(f"{url}?cpage=2").content.decode()
    assert shown_ids(page_two) == [third.pk]
    assert '<a href="?cpage=1#comments" rel="prev">Older comments</a>' in page_two


@pytest.mark.parametrize("cpage", ["99", "0", "abc", "-1", "9" * 30])
def test_an_out_of_range_comment_page_shows_a_page_not_an_error(client, article, cpage):
    configure(comments_per_page=1)
    make_comment(article=article)
    response = client.get(f"{article.get_absolute_url()}?cpage={cpage}")
    assert response.status_code == 200
    assert len(shown_ids(response.content.decode())) == 1


def test_reply_links_on_a_later_page_stay_on_that_page(client, article):
    configure(comments_per_page=1)
    make_comment(article=article)
    later = make_comment(article=article)
    content = client.get(f"{article.get_absolute_url()}?cpage=2").content.decode()
    assert f'href="?cpage=2&amp;replytocom={later.pk}#respond"' in content


def test_an_approved_reply_on_a_later_page_takes_the_reader_to_that_page(client, article):
    configure(comments_per_page=1, auto_approve_after=0)
    make_comment(article=article)
    later = make_comment(article=article)
    response = client.post(post_url(article), valid_data(replytocom=str(later.pk)))
    reply = Comment.objects.latest("id")
    assert response["Location"] == f"{article.get_absolute_url()}?cpage=2#comment-{reply.pk}"


# Counts on lists.


def test_article_cards_show_the_approved_comment_count(client):
    article = make_article()
    for _ in range(3):
        make_comment(article=article)
    make_comment(article=article, status=Comment.Status.PENDING)
    content = client.get(article.section.get_absolute_url()).content.decode()
    assert f'<a class="card__comments" href="{article.get_absolute_url()}#comments">3 comments' in (
        content
    )


def test_article_cards_without_comments_show_no_count(client):
    article = make_article()
    assert "card__comments" not in client.get(article.section.get_absolute_url()).content.decode()


def test_the_listing_annotation_counts_only_approved_comments():
    from articles.models import Article

    article = make_article()
    make_comment(article=article)
    make_comment(article=article, status=Comment.Status.SPAM)
    assert Article.objects.filter(pk=article.pk).with_comment_counts().get().comment_count == 1


# Queries.


def queries_for(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def threaded_comments(article, count):
    """count approved comments in threads three deep: a top-level comment, a reply, a reply."""
    made = 0
    while made < count:
        parent = None
        for _ in range(min(3, count - made)):
            parent = make_comment(article=article, parent=parent)
            made += 1


def test_article_page_queries_do_not_grow_with_comments_or_their_nesting(client, record_property):
    configure(comments_per_page=200)
    small, big = make_article(), make_article()
    threaded_comments(small, 1)
    threaded_comments(big, 200)
    few = queries_for(client, small.get_absolute_url())
    many = queries_for(client, big.get_absolute_url())
    record_property("queries:article page with 200 threaded comments", f"{few} vs {many}")
    print(f"\nqueries article page, threaded comments: {few} (1) vs {many} (200)")
    assert few == many
    assert len(shown_ids(client.get(big.get_absolute_url()).content.decode())) == 200


def test_a_later_comment_page_takes_as_many_queries_as_the_first(client):
    configure(comments_per_page=10)
    article = make_article()
    threaded_comments(article, 90)
    first = queries_for(client, article.get_absolute_url())
    later = queries_for(client, article.get_absolute_url() + "?cpage=3")
    assert first == later


def test_front_page_shows_comment_counts_without_a_query_per_article(client):
    articles = [make_article() for _ in range(5)]
    for article in articles:
        make_comment(article=article)
    url = reverse("articles:front-page")
    few = queries_for(client, url)
    for article in articles:
        make_comment(article=article)
    assert queries_for(client, url) == few


def thread_queries(client, article):
    """The queries the comment thread alone takes on a page rendered from nothing."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(article.get_absolute_url()).status_code == 200
    # Those reading comments' rows (others count them in a subquery: a story's related cards).
    return [
        query["sql"] for query in captured if query["sql"].startswith('SELECT "comments_comment"')
    ]


def test_a_thread_that_fits_in_two_pages_is_read_in_one_query(client):
    configure(comments_per_page=10)
    article = make_article()
    threaded_comments(article, 20)  # 7 top-level comments and their replies.
    queries = thread_queries(client, article)
    assert len(queries) == 1
    assert '"email"' not in queries[0]  # Nothing private is even read.
    content = client.get(article.get_absolute_url()).content.decode()
    assert len(shown_ids(content)) == 20
    assert '<h2 id="comments-heading">20 Comments</h2>' in content


def test_a_longer_thread_is_read_a_page_at_a_time_in_three_queries(client):
    configure(comments_per_page=5)
    article = make_article()
    threaded_comments(article, 60)  # 20 top-level comments: four pages.
    assert len(thread_queries(client, article)) == 3
    content = client.get(article.get_absolute_url()).content.decode()
    assert len(shown_ids(content)) == 15  # Five threads of three.
    assert '<h2 id="comments-heading">60 Comments</h2>' in content


@pytest.mark.parametrize("per_page", [50, 1])  # Read in one query; a page at a time.
def test_a_reply_under_a_rejected_comment_is_not_shown_either_way(client, per_page):
    configure(comments_per_page=per_page)
    article = make_article()
    top = make_comment(article=article)
    hidden = make_comment(article=article, status=Comment.Status.REJECTED)
    make_comment(parent=hidden)
    later = make_comment(article=article)
    reply = make_comment(parent=top)
    cache.clear()
    content = client.get(article.get_absolute_url()).content.decode()
    assert shown_ids(content) == (
        [top.pk, reply.pk, later.pk] if per_page == 50 else [top.pk, reply.pk]
    )
