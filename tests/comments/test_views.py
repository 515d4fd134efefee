"""Posting a comment under an article: the form on the page, the happy path, and every refusal."""

import re
from datetime import timedelta
from html import escape

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.factories import make_article, make_user

from .helpers import post_url, valid_data

pytestmark = pytest.mark.django_db

NOTICE = "Your email address will not be published. Required fields are marked *"
AWAITING = "Your comment is awaiting moderation."


def text_of(html):
    """The visible text of some HTML, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def field_block(response, field):
    """The HTML of one field's paragraph in the comment form: label, error and widget."""
    content = response.content.decode()
    match = re.search(
        rf'<p class="field[^"]*">\s*<label for="id_{field}">.*?</p>', content, flags=re.DOTALL
    )
    assert match, f"no {field} field in the form"
    return match.group(0)


def field_error(response, field):
    """The message shown next to a field, or None."""
    match = re.search(
        rf'<span class="field__error" id="id_{field}_error">(.*?)</span>',
        field_block(response, field),
    )
    return match.group(1) if match else None


# The form as the reader sees it.


def test_article_page_has_a_leave_a_reply_form_with_the_email_promise(client, article):
    response = client.get(article.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Leave a Reply</h2>" in content
    notes = re.search(r'<p class="comment-form__notes">(.*?)</p>', content, flags=re.DOTALL)
    assert text_of(notes.group(1)) == NOTICE
    assert f'action="{post_url(article)}#respond"' in content


def test_a_readers_article_page_carries_nothing_personal(client, article):
    response = client.get(article.get_absolute_url())
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_a_signed_in_users_comment_form_carries_their_csrf_token(client, article):
    client.force_login(make_user())
    response = client.get(article.get_absolute_url())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert token and len(token.group(1)) == 64


def test_form_marks_comment_name_and_email_required_and_website_not(client, article):
    response = client.get(article.get_absolute_url())
    labels = {
        field: text_of(
            re.search(r"<label[^>]*>(.*?)</label>", field_block(response, field)).group(1)
        )
        for field in ["body", "name", "email", "url"]
    }
    assert labels == {"body": "Comment *", "name": "Name *", "email": "Email *", "url": "Website"}


def test_article_with_comments_closed_shows_no_form(client):
    article = make_article(comment_policy="closed")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed." in content
    assert "Leave a Reply" not in content
    assert post_url(article) not in content


# Success: Post/Redirect/Get.


def test_valid_comment_redirects_back_to_the_article_comments(client, article):
    response = client.post(post_url(article), valid_data())
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comments"


def test_valid_comment_is_stored_pending_with_what_the_reader_wrote(client, article):
    client.post(
        post_url(article),
        valid_data(url="ana.example.org"),
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
    )
    comment = Comment.objects.get()
    assert comment.article == article
    assert comment.status == Comment.Status.PENDING
    assert (comment.name, comment.email, comment.body, comment.url) == (
        "Ana Ruiz",
        "ana.ruiz@example.org",
        "A fair and thoughtful point about the bridge.",
        "https://ana.example.org",
    )
    assert comment.ip_address == "203.0.113.7"
    assert comment.user_agent == "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
    assert comment.moderated_by is None and comment.moderated_at is None


def test_ipv6_address_of_the_commenter_is_stored(client, article):
    client.post(post_url(article), valid_data(), REMOTE_ADDR="2001:db8::7")
    assert Comment.objects.get().ip_address == "2001:db8::7"


def test_after_posting_the_article_page_says_the_comment_awaits_moderation(client, article):
    response = client.post(post_url(article), valid_data(), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(f"{article.get_absolute_url()}#comments", 302)]
    content = response.content.decode()
    assert f'<p class="message message--success">{AWAITING}</p>' in content
    # The message sits in the comment section, which the #comments anchor points at.
    assert content.index('id="comments"') < content.index(AWAITING)


def test_awaiting_moderation_message_is_shown_only_once(client, article):
    client.post(post_url(article), valid_data(), follow=True)
    assert AWAITING not in client.get(article.get_absolute_url()).content.decode()


def test_a_new_comment_is_not_shown_before_it_is_approved(client, article):
    response = client.post(
        post_url(article), valid_data(body="Pending words stay hidden"), follow=True
    )
    content = response.content.decode()
    assert "Pending words stay hidden" not in content
    assert "No comments yet." in content


def test_get_on_the_post_address_is_method_not_allowed(client, article):
    response = client.get(post_url(article))
    assert response.status_code == 405
    assert response["Allow"] == "POST"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_on_the_post_address_are_not_allowed(client, article, method):
    assert getattr(client, method)(post_url(article)).status_code == 405
    assert Comment.objects.count() == 0


# Where comments cannot go.


def test_comment_on_an_article_with_comments_closed_gets_a_clear_403(client):
    article = make_article(comment_policy="closed")
    response = client.post(post_url(article), valid_data())
    assert response.status_code == 403
    assert "comments/comments_closed.html" in [t.name for t in response.templates]
    content = response.content.decode()
    assert "Comments are closed" in content
    assert article.get_absolute_url() in content
    assert Comment.objects.count() == 0


def test_invalid_comment_on_a_closed_article_is_still_403_not_400(client):
    article = make_article(comment_policy="closed")
    assert client.post(post_url(article), {}).status_code == 403


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.IN_REVIEW, "published_at": None},
        {"status": Article.Status.DRAFT, "published_at": timezone.now() - timedelta(days=1)},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(hours=1)},
    ],
    ids=["draft", "in-review", "unpublished-with-old-time", "scheduled"],
)
def test_comment_on_an_article_readers_cannot_see_is_404(client, fields):
    article = make_article(**fields)
    response = client.post(post_url(article), valid_data())
    assert response.status_code == 404
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("article_id", [0, 1, 424242, 2**31, 2**63 - 1])
def test_comment_on_an_unknown_article_is_404(client, article_id):
    assert client.post(post_url(article_id), valid_data()).status_code == 404
    assert Comment.objects.count() == 0


# Refusals: 400, the article page again, the message by the field, the text kept, nothing saved.

BAD_INPUT = [
    ("body", "", "Please write a comment."),
    ("body", "   \n\t ", "Please write a comment."),
    ("body", "x" * 5001, "Please keep your comment to 5000 characters or fewer (it has 5001)."),
    ("body", "bell\x07", "This field contains invisible control characters."),
    ("body", "nul\x00byte", "This field contains invisible control characters."),
    ("name", "", "Please give your name."),
    ("name", "    ", "Please give your name."),
    ("name", "n" * 101, "Please keep your name to 100 characters or fewer (it has 101)."),
    ("name", "Ana\nRuiz", "This field contains invisible control characters."),
    ("email", "", "Please give your email address. It will not be published."),
    ("email", "ana-at-example.org", "Please give a valid email address, like name@example.org."),
    ("email", "a@example.org\nBcc: b@example.org", "Please give a valid email address"),
    ("url", "javascript:alert(1)", "Please give a web address starting with http:// or https://."),
    ("url", "data:text/html,hi", "Please give a web address starting with http:// or https://."),
    ("url", "https://example.org/" + "a" * 200, "Please give a web address of at most 200"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT)
def test_bad_input_is_refused_with_400_and_a_message_next_to_the_field(
    client, article, field, value, message
):
    response = client.post(post_url(article), valid_data(**{field: value}))
    assert response.status_code == 400
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    assert message in field_error(response, field)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT)
def test_bad_input_marks_only_the_faulty_field(client, article, field, value, message):
    response = client.post(post_url(article), valid_data(**{field: value}))
    for other in {"body", "name", "email", "url"} - {field}:
        assert field_error(response, other) is None
        assert "field--error" not in field_block(response, other)
    assert 'class="field field--error"' in field_block(response, field)


def test_after_an_error_everything_the_reader_wrote_is_kept_in_the_form(client, article):
    data = valid_data(
        body='My long comment <b>"quoted"</b> &amp; kept\nacross lines',
        name="Ana <Ruiz>",
        email="not an email",
        url="https://ana.example.org/?a=1&b=2",
    )
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    assert "\n" + escape(data["body"]) + "</textarea>" in field_block(response, "body")
    for field in ["name", "email", "url"]:
        assert f'value="{escape(data[field])}"' in field_block(response, field)


def test_after_an_error_a_summary_says_nothing_was_sent_and_the_text_is_kept(client, article):
    response = client.post(post_url(article), valid_data(body="", email="nope"))
    content = response.content.decode()
    assert "Your comment was not sent. Please correct the fields marked below" in content
    assert response.context["comment_form"].errors.keys() == {"body", "email"}


def test_after_an_error_the_article_itself_is_still_shown(client, article):
    response = client.post(post_url(article), valid_data(name=""))
    content = response.content.decode()
    assert f'<h1 class="story__headline">{article.headline}</h1>' in content
    assert "Leave a Reply" in content


def test_error_message_is_tied_to_its_field_for_screen_readers(client, article):
    response = client.post(post_url(article), valid_data(email="nope"))
    block = field_block(response, "email")
    assert 'aria-invalid="true"' in block
    assert 'aria-describedby="id_email_error"' in block
    assert 'id="id_email_error"' in block


def test_approved_comments_are_still_listed_on_the_error_page(client, article):
    Comment.objects.create(
        article=article,
        name="Ben",
        email="ben@example.org",
        body="Earlier words",
        status="approved",
    )
    response = client.post(post_url(article), valid_data(body=""))
    assert response.status_code == 400
    assert "Earlier words" in response.content.decode()


def test_a_missing_commenter_address_is_stored_as_unknown(client, article):
    response = client.post(post_url(article), valid_data(), REMOTE_ADDR="")
    assert response.status_code == 302
    assert Comment.objects.get().ip_address is None


def test_a_very_long_user_agent_is_cut_to_500_characters(client, article):
    client.post(post_url(article), valid_data(), HTTP_USER_AGENT="A" * 2000)
    assert Comment.objects.get().user_agent == "A" * 500


def test_a_fresh_form_may_renew_its_time_and_a_form_sent_back_keeps_it(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'data-form-time="{reverse("comments:form-time")}"' in page
    refused = client.post(post_url(article), valid_data(email="not-an-email"))
    assert refused.status_code == 400
    assert "data-form-time" not in refused.content.decode()
