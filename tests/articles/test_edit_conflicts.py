"""Two people editing one article: the later save is stopped, with its text kept, not lost."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from articles.conflicts import conflict_message, is_conflict, token
from articles.models import Article
from articles.services import article_publish
from tests.factories import article_admin_data, make_article, make_user

CONFLICT = "after you opened it. Your changes are not saved yet"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def opened_token(response):
    """The conflict token the change page carries in its hidden field."""
    match = re.search(r'name="loaded_updated_at" value="([^"]+)"', response.content.decode())
    assert match, "the change form has no loaded_updated_at field"
    return match.group(1)


def errors(response):
    return list(response.context["adminform"].form.non_field_errors())


@pytest.mark.django_db
def test_the_second_of_two_overlapping_saves_gets_a_conflict_and_keeps_its_text():
    article = make_article(body="<p>Original.</p>")
    alice = logged_in(make_user("alice", role="Editor"))
    bruno = logged_in(make_user("bruno", role="Editor"))
    alice_token = opened_token(alice.get(change_url(article)))
    bruno_token = opened_token(bruno.get(change_url(article)))
    assert alice_token == bruno_token

    first = alice.post(
        change_url(article),
        article_admin_data(
            article=article, body="<p>Alice wrote this.</p>", loaded_updated_at=alice_token
        ),
    )
    second = bruno.post(
        change_url(article),
        article_admin_data(
            article=article,
            body="<p>Bruno wrote this.</p>",
            dek="Bruno dek",
            loaded_updated_at=bruno_token,
        ),
    )

    assert first.status_code == 302
    assert second.status_code == 200
    [message] = errors(second)
    assert CONFLICT in message
    assert "(by alice)" in message
    assert "Compare with the saved version in History" in second.content.decode()
    article.refresh_from_db()
    assert article.body == "<p>Alice wrote this.</p>"
    assert article.dek != "Bruno dek"
    form = second.context["adminform"].form
    assert form["body"].value() == "<p>Bruno wrote this.</p>"
    assert "Bruno wrote this." in second.content.decode()
    assert 'value="Bruno dek"' in second.content.decode() or "Bruno dek</textarea>" in (
        second.content.decode()
    )

    # The re-rendered form carries the new token: saving it again is a deliberate overwrite.
    new_token = opened_token(second)
    assert new_token != bruno_token
    third = bruno.post(
        change_url(article),
        article_admin_data(
            article=article, body="<p>Bruno wrote this.</p>", loaded_updated_at=new_token
        ),
    )
    assert third.status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Bruno wrote this.</p>"


@pytest.mark.django_db
def test_a_publish_from_the_list_after_the_form_was_opened_is_a_conflict_too():
    article = make_article(status=Article.Status.DRAFT, body="<p>Draft.</p>")
    editor = make_user("editor", role="Editor")
    client = logged_in(editor)
    loaded = opened_token(client.get(change_url(article)))
    article_publish(
        article=Article.objects.get(pk=article.pk), by=make_user("chief", role="Editor")
    )

    response = client.post(
        change_url(article),
        article_admin_data(article=article, body="<p>Edited.</p>", loaded_updated_at=loaded),
    )

    assert response.status_code == 200
    assert "(by chief)" in errors(response)[0]
    article.refresh_from_db()
    assert article.is_published
    assert article.body == "<p>Draft.</p>"


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["", "yesterday", "2025-13-45T99:00:00"])
def test_a_change_form_with_a_missing_or_garbled_token_is_treated_as_a_conflict(sent):
    article = make_article(body="<p>Kept.</p>")
    client = logged_in(make_user(role="Editor"))
    response = client.post(
        change_url(article),
        article_admin_data(article=article, body="<p>Lost?</p>", loaded_updated_at=sent),
    )
    assert response.status_code == 200
    assert CONFLICT in errors(response)[0]
    article.refresh_from_db()
    assert article.body == "<p>Kept.</p>"


@pytest.mark.django_db
def test_a_save_from_a_form_opened_on_the_current_version_goes_through():
    article = make_article(body="<p>Before.</p>")
    client = logged_in(make_user(role="Editor"))
    loaded = opened_token(client.get(change_url(article)))
    response = client.post(
        change_url(article),
        article_admin_data(article=article, body="<p>After.</p>", loaded_updated_at=loaded),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>After.</p>"


# The rule itself


def test_a_token_matches_only_the_exact_stored_time():
    saved = datetime(2025, 3, 14, 14, 2, 7, 123456, tzinfo=UTC)
    assert not is_conflict(token(saved), saved)
    assert is_conflict(token(saved), saved + timedelta(microseconds=1))
    assert is_conflict(None, saved)
    assert is_conflict("not a time", saved)


def test_the_conflict_message_says_when_and_by_whom():
    saved = datetime(2025, 3, 14, 14, 2, tzinfo=UTC)
    message = conflict_message(saved, "editor", now=saved)
    assert message.startswith("Someone else saved this article at ")
    assert "(by editor) after you opened it." in message
    assert "saving again will replace it." in message
    assert "(by" not in conflict_message(saved, None, now=saved)
