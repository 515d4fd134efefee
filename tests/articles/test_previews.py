"""Previews: staff see drafts as readers will; a signed, expiring link shows one to anyone."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles import previews
from articles.models import Article
from tests.factories import make_article, make_comment, make_correction, make_user

pytestmark = pytest.mark.django_db

NOINDEX = '<meta name="robots" content="noindex, nofollow">'


def link_url(article):
    return reverse("articles:preview-link", kwargs={"token": previews.preview_token(article)})


def token_signed_seconds_ago(article, seconds):
    with mock.patch("time.time", return_value=time.time() - seconds):
        return previews.preview_token(article)


def assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_a_preview_link_shows_a_draft_to_anyone_without_login(client):
    draft = make_article(headline="Embargoed budget", status=Article.Status.DRAFT)
    response = client.get(link_url(draft))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Embargoed budget" in content
    assert NOINDEX in content
    assert_private(response)


def test_a_preview_link_renders_the_article_template_readers_get(client):
    draft = make_article(status=Article.Status.DRAFT)
    response = client.get(link_url(draft))
    assert response.templates[0].name == "articles/article_detail.html"


def test_a_preview_link_shows_no_comments_and_no_comment_form(client):
    draft = make_article(status=Article.Status.IN_REVIEW)
    make_comment(article=draft, body="Somehow a comment")
    content = client.get(link_url(draft)).content.decode()
    assert "Somehow a comment" not in content
    assert 'name="email"' not in content
    assert "Leave a Reply" not in content


def test_an_expired_preview_link_answers_410_with_a_clear_page(client, settings):
    settings.NEWSROOM_PREVIEW_MAX_AGE = 60
    draft = make_article(headline="Old embargo", status=Article.Status.DRAFT)
    url = reverse("articles:preview-link", kwargs={"token": token_signed_seconds_ago(draft, 120)})
    response = client.get(url)
    assert response.status_code == 410
    content = response.content.decode()
    assert "This preview link has expired" in content
    assert "Old embargo" not in content
    assert NOINDEX in content
    assert_private(response)


def test_a_preview_link_lasts_a_week_by_default(client, settings):
    del settings.NEWSROOM_PREVIEW_MAX_AGE
    draft = make_article(status=Article.Status.DRAFT)
    day = 24 * 60 * 60
    fresh = token_signed_seconds_ago(draft, 6 * day)
    stale = token_signed_seconds_ago(draft, 8 * day)
    assert client.get(reverse("articles:preview-link", args=[fresh])).status_code == 200
    assert client.get(reverse("articles:preview-link", args=[stale])).status_code == 410


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        lambda token: "x" + token,  # payload changed
        lambda token: token.split(":")[0],  # signature cut off
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_preview_link_is_not_found(client, tamper):
    draft = make_article(headline="Secret draft", status=Article.Status.DRAFT)
    token = tamper(previews.preview_token(draft))
    response = client.get(reverse("articles:preview-link", args=[token]))
    assert response.status_code == 404
    assert "Secret draft" not in response.content.decode()


def test_a_link_signed_for_another_purpose_is_not_a_preview_link(client):
    draft = make_article(status=Article.Status.DRAFT)
    token = signing.TimestampSigner(salt="something.else").sign_object({"article": draft.pk})
    assert client.get(reverse("articles:preview-link", args=[token])).status_code == 404


def test_a_preview_link_to_a_deleted_article_is_not_found(client):
    draft = make_article(status=Article.Status.DRAFT)
    url = link_url(draft)
    draft.delete()
    assert client.get(url).status_code == 404


def test_a_preview_link_to_an_article_since_published_leads_to_the_article(client):
    article = make_article()
    response = client.get(link_url(article))
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()


def test_a_preview_link_shows_corrections_as_readers_will_see_them(client):
    draft = make_article(status=Article.Status.IN_REVIEW)
    make_correction(article=draft, text="We misstated the date.")
    assert "We misstated the date." in client.get(link_url(draft)).content.decode()


# Staff previews


def test_staff_preview_of_a_draft_is_noindex_and_never_cached(client):
    client.force_login(make_user(role="Editor"))
    draft = make_article(status=Article.Status.DRAFT)
    response = client.get(reverse("articles:preview", args=[draft.pk]))
    assert response.status_code == 200
    assert NOINDEX in response.content.decode()
    assert_private(response)


def test_staff_preview_of_a_scheduled_article_at_its_address_is_noindex(client):
    client.force_login(make_user(role="Editor"))
    scheduled = make_article(published_at=timezone.now() + timedelta(days=1))
    response = client.get(scheduled.get_absolute_url())
    assert response.status_code == 200
    assert NOINDEX in response.content.decode()
    assert_private(response)


def test_a_published_article_is_indexable(client):
    response = client.get(make_article().get_absolute_url())
    assert "noindex" not in response.content.decode()
    assert "X-Robots-Tag" not in response


# The admin's share box


def test_change_form_shows_an_absolute_working_preview_link_to_editors(client):
    client.force_login(make_user(role="Editor"))
    draft = make_article(headline="Shared draft", status=Article.Status.DRAFT)
    response = client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    content = response.content.decode()
    assert "Share preview link" in content
    url = response.context["original"].share_preview_url
    assert url.startswith("http://testserver/preview/link/")
    assert f'value="{url}"' in content
    client.logout()
    assert "Shared draft" in client.get(url.removeprefix("http://testserver")).content.decode()


def test_change_form_shows_no_preview_link_to_a_reporter_who_cannot_edit_the_article(client):
    client.force_login(make_user(role="Reporter"))
    theirs = make_article(status=Article.Status.DRAFT, created_by=make_user(role="Reporter"))
    response = client.get(reverse("admin:articles_article_change", args=[theirs.pk]))
    assert response.status_code == 200
    assert "Share preview link" not in response.content.decode()
    assert "/preview/link/" not in response.content.decode()
