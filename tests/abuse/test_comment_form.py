"""The comment form under random and hostile input: never a 500, nothing stored on error, the
reader's text kept; a valid comment stored exactly once, as typed."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st

from comments.forms import CONTROL_CHARACTERS, LINE_CONTROL_CHARACTERS
from comments.models import Comment
from tests.comments.helpers import issued, post_url, valid_data

from .helpers import fuzz_settings, one_example
from .strategies import (
    APPROVED_COMMENT,
    comment_form_data,
    form_issued,
    hostile_text,
    numbers,
    valid_bodies,
    valid_emails,
    valid_names,
    valid_urls,
)

pytestmark = pytest.mark.django_db

URLENCODED = "application/x-www-form-urlencoded"
encodings = st.sampled_from(["multipart", "urlencoded"])


def last(data, name):
    """The value the form reads for name: the last one sent, or None."""
    value = data.get(name)
    if isinstance(value, list):
        return value[-1] if value else None
    return value


def send(client, url, data, encoding):
    if encoding == "multipart":
        return client.post(url, data)
    return client.post(url, urlencode(data, doseq=True), content_type=URLENCODED)


def encoded_size(data, encoding):
    return len(urlencode(data, doseq=True)) if encoding == "urlencoded" else None


def assert_kept_in_form(response, text):
    """The refused page shows the form again, with the reader's text in it, escaped."""
    assert "comment_form" in response.context
    if text:
        assert escape(text) in response.content.decode()


def assert_storable(comment):
    """What a stored comment may hold, whatever was sent."""
    assert comment.body.strip() and len(comment.body) <= 5000
    assert "\x00" not in comment.body and not CONTROL_CHARACTERS.search(comment.body)
    assert comment.name.strip() and not LINE_CONTROL_CHARACTERS.search(comment.name)
    assert "@" in comment.email and not LINE_CONTROL_CHARACTERS.search(comment.email)
    assert comment.url == "" or comment.url.lower().startswith(("http://", "https://"))


def with_approved_id(data, approved):
    def swap(value):
        return str(approved.pk) if value == APPROVED_COMMENT else value

    return {
        name: [swap(v) for v in value] if isinstance(value, list) else swap(value)
        for name, value in data.items()
    }


@fuzz_settings(1.5)
@given(data=comment_form_data(), encoding=encodings)
@example(data={"body": "\x00", "name": "\x00", "email": "\x00"}, encoding="urlencoded")
@example(data={"body": ["a", "b"], "issued": []}, encoding="multipart")
@example(data={"replytocom": "9" * 5000, "issued": issued()}, encoding="urlencoded")
def test_any_comment_post_is_answered_without_a_500_and_stores_only_a_valid_comment(
    article, data, encoding
):
    approved = article.comments.get()
    data = with_approved_id(data, approved)
    with one_example():
        before = Comment.objects.count()
        response = send(Client(), post_url(article), data, encoding)

        assert response.status_code in {302, 400, 413}
        if response.status_code == 302:
            assert Comment.objects.count() == before + 1
            comment = Comment.objects.latest("pk")
            assert_storable(comment)
            assert comment.body == last(data, "body").strip()
            assert comment.name == last(data, "name").strip()
            assert comment.parent in (None, approved)
        else:
            assert Comment.objects.count() == before
        if response.status_code == 400:
            assert_kept_in_form(response, last(data, "body"))
        if response.status_code == 413:
            size = encoded_size(data, encoding)
            assert size is None or size > settings.NEWSROOM_COMMENT_MAX_REQUEST_BYTES


@fuzz_settings(0.6)
@given(
    body=valid_bodies,
    name=valid_names,
    email=valid_emails,
    url=valid_urls,
    reply=st.booleans(),
    encoding=encodings,
)
@example(body="z" * 5000, name="N" * 100, email="a@example.org", url="", reply=False,
         encoding="urlencoded")  # fmt: skip
@example(body="\U0001f600" * 5000, name="🦆", email="a@example.org", url="", reply=True,
         encoding="urlencoded")  # fmt: skip
def test_a_valid_comment_is_stored_exactly_once_as_typed(
    article, body, name, email, url, reply, encoding
):
    approved = article.comments.get()
    fields = {"body": body, "name": name, "email": email, "url": url}
    data = valid_data(**fields, replytocom=str(approved.pk) if reply else "")
    with one_example():
        before = Comment.objects.count()
        response = send(Client(), post_url(article), data, encoding)
        assert response.status_code == 302
        assert Comment.objects.count() == before + 1
        comment = Comment.objects.latest("pk")
        assert (comment.body, comment.name, comment.email) == (body.strip(), name, email)
        assert comment.parent == (approved if reply else None)
        # Sent again, the same words are refused as a duplicate: still one.
        again = send(Client(), post_url(article), data, encoding)
        assert again.status_code == 409
        assert_kept_in_form(again, body)
        assert Comment.objects.count() == before + 1


# One thing wrong, everything else right: refused with 400, the reader's words kept.
BREAKAGES = {
    "email": hostile_text.filter(lambda v: "@" not in v and len(v) < 1000),
    "name": st.text(st.characters(categories=["Zs", "Cc"]), max_size=5).filter(
        lambda v: not v.strip() or LINE_CONTROL_CHARACTERS.search(v)
    ),
    "url": st.sampled_from(["javascript:alert(1)", "data:,x", "ftp://example.org", "http://"]),
    "homepage": hostile_text.filter(lambda v: v and len(v) < 1000),
    # Drawn when the example runs: a "fresh" token must still be fresh when it is posted.
    "issued": st.sampled_from(["fresh", "expired", "future", "forged"]).map(form_issued),
    "body": st.one_of(
        # Over 5,000 characters yet under the 64 KB request limit once encoded (else a 413).
        st.text(st.characters(max_codepoint=0x7FF), min_size=1, max_size=2).map(
            lambda s: ("x" + s) * 2600
        ),
        st.sampled_from(["", "   ", "a\x00b", "a\x1bb", "\x7f"]),
    ),
}  # fmt: skip


@fuzz_settings(1)
@given(
    broken=st.sampled_from(sorted(BREAKAGES)).flatmap(
        lambda name: st.tuples(st.just(name), BREAKAGES[name])
    ),
    body=valid_bodies,
    encoding=encodings,
)
def test_a_refused_comment_is_a_400_that_keeps_the_readers_text_and_stores_nothing(
    article, broken, body, encoding
):
    name, value = broken
    data = valid_data(**{"body": body, name: value})
    with one_example():
        before = Comment.objects.count()
        response = send(Client(), post_url(article), data, encoding)
        assert response.status_code == 400
        assert Comment.objects.count() == before
        assert_kept_in_form(response, data["body"])
        assert 'role="alert"' in response.content.decode()


@fuzz_settings(0.6)
@given(article_id=st.one_of(numbers, hostile_text.filter(lambda v: len(v) < 200)))
@example(article_id="0")
@example(article_id=str(2**63))
def test_a_post_to_any_article_address_is_answered_without_a_500(article, article_id):
    from urllib.parse import quote

    url = post_url(1).replace("/1/", f"/{quote(article_id, safe='')}/")
    with one_example():
        response = Client().post(url, valid_data())
        assert response.status_code in {302, 404}
        if response.status_code == 302:
            assert article_id.isascii() and int(article_id) == article.pk
        else:
            assert not Comment.objects.filter(body=valid_data()["body"]).exists()
