"""The article form's buttons: each sets the status, only the allowed ones are shown, and a
forged one is refused with a message, not a 500."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.admin import ACTION_FIELD
from articles.models import Article
from tests.factories import article_admin_data, make_article, make_author, make_user

ADD = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def buttons(response):
    return [name for name, _label, _default in response.context["article_actions"]]


def reporter():
    user = make_user(role="Reporter")
    make_author(user=user)
    return user


@pytest.mark.django_db
def test_a_reporter_sees_draft_and_review_but_not_publish():
    response = logged_in(reporter()).get(ADD)
    assert buttons(response) == ["draft", "review"]
    page = response.content.decode()
    assert f'name="{ACTION_FIELD}" value="review"' in page
    assert "Publish now" not in page
    assert 'name="_continue"' in page


@pytest.mark.django_db
def test_an_editor_sees_publish_and_schedule_and_unpublish_on_a_published_article():
    client = logged_in(make_user(role="Editor"))
    assert buttons(client.get(ADD)) == ["draft", "review", "publish", "schedule"]
    published = make_article(status=Article.Status.PUBLISHED)
    assert buttons(client.get(change_url(published))) == ["update", "schedule", "unpublish"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "status"),
    [("draft", "draft"), ("review", "review"), ("publish", "published")],
)
def test_each_button_saves_with_its_status(action, status):
    client = logged_in(make_user(role="Editor"))
    data = article_admin_data(authors=[make_author()], status="draft", **{ACTION_FIELD: action})
    response = client.post(ADD, data)
    assert response.status_code == 302
    article = Article.objects.get(slug=data["slug"])
    assert article.status == status
    if action == "publish":
        assert article.is_published


@pytest.mark.django_db
def test_schedule_needs_a_time_in_the_future_and_then_schedules():
    client = logged_in(make_user(role="Editor"))
    past = timezone.now() - timedelta(hours=1)
    data = article_admin_data(authors=[make_author()], published_at=past)
    data[ACTION_FIELD] = "schedule"
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "set a publication time in the future" in str(
        response.context["adminform"].form.errors["published_at"]
    )
    assert not Article.objects.filter(slug=data["slug"]).exists()

    future = timezone.now() + timedelta(days=1)
    data = article_admin_data(authors=[make_author()], published_at=future)
    data[ACTION_FIELD] = "schedule"
    assert client.post(ADD, data).status_code == 302
    article = Article.objects.get(slug=data["slug"])
    assert article.status == Article.Status.PUBLISHED
    assert article.is_scheduled


@pytest.mark.django_db
def test_unpublish_takes_a_published_article_back_to_a_draft_keeping_its_time():
    article = make_article(status=Article.Status.PUBLISHED)
    when = article.published_at
    client = logged_in(make_user(role="Editor"))
    data = article_admin_data(article=article, **{ACTION_FIELD: "unpublish"})
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert abs(article.published_at - when) < timedelta(seconds=1)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["publish", "schedule", "unpublish", "update", "nonsense"])
def test_a_reporters_forged_button_is_refused_with_a_form_error(action):
    user = reporter()
    data = article_admin_data(
        authors=[user.author],
        published_at=timezone.now() + timedelta(days=1),
        **{ACTION_FIELD: action},
    )
    response = logged_in(user).post(ADD, data)
    assert response.status_code == 200
    [message] = response.context["adminform"].form.non_field_errors()
    assert "You may not do that to this article" in message
    assert not Article.objects.filter(slug=data["slug"]).exists()


@pytest.mark.django_db
def test_save_and_continue_keeps_the_status():
    article = make_article(status=Article.Status.IN_REVIEW)
    client = logged_in(make_user(role="Editor"))
    data = article_admin_data(article=article, headline="Changed", _continue="1")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.headline) == (Article.Status.IN_REVIEW, "Changed")


@pytest.mark.django_db
def test_schedule_without_a_time_is_refused_at_the_field_with_the_text_kept():
    client = logged_in(make_user(role="Editor"))
    data = article_admin_data(authors=[make_author()], headline="Typed before scheduling")
    data[ACTION_FIELD] = "schedule"
    response = client.post(ADD, data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["published_at"] == [
        "To schedule the article, set a publication time in the future."
    ]
    assert form["headline"].value() == "Typed before scheduling"
    assert not Article.objects.filter(slug=data["slug"]).exists()


@pytest.mark.django_db
def test_the_schedule_script_comes_only_with_the_schedule_button():
    article = make_article(status=Article.Status.DRAFT)
    editor = logged_in(make_user(role="Editor")).get(change_url(article)).content.decode()
    reporter_user = make_user(role="Reporter")
    mine = make_article(status=Article.Status.DRAFT)
    mine.created_by = reporter_user
    mine.save()
    reporter = logged_in(reporter_user).get(change_url(mine)).content.decode()
    assert "js/article-schedule" in editor and "press “Schedule…” again" in editor
    assert "article-action--draft" in reporter
    assert "article-action--schedule" not in reporter
    assert "js/article-schedule" not in reporter
