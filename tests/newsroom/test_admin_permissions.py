"""What each role may do to articles in the admin, tried with real requests to the admin views."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.admin import ACTION_FIELD
from articles.models import Article
from tests.factories import article_admin_data, make_article, make_author, make_user

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")
PUBLISH_REFUSED = "Only editors can publish"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def delete_url(article):
    return reverse("admin:articles_article_delete", args=[article.pk])


@pytest.fixture
def reporter(client):
    user = make_user(role="Reporter")
    make_author(name="Rita Reporter", user=user)
    client.force_login(user)
    return user


def own_draft(user, **fields):
    fields.setdefault("status", Article.Status.DRAFT)
    return make_article(created_by=user, authors=[user.author], **fields)


def form_error_text(response):
    form = response.context["adminform"].form
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# Reporters


def test_reporter_can_file_a_draft_that_carries_their_byline(client, reporter):
    data = article_admin_data(headline="Ferry timetable changes", slug="ferry-timetable")
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, form_error_text(response)
    article = Article.objects.get(slug="ferry-timetable")
    assert article.status == Article.Status.DRAFT
    assert article.created_by == reporter
    assert article.byline_authors == [reporter.author]


def test_reporter_can_submit_their_draft_for_review(client, reporter):
    draft = own_draft(reporter)
    response = client.post(
        change_url(draft), article_admin_data(article=draft, status=Article.Status.IN_REVIEW)
    )
    assert response.status_code == 302, form_error_text(response)
    draft.refresh_from_db()
    assert draft.status == Article.Status.IN_REVIEW


def test_reporter_is_not_offered_the_published_status(client, reporter):
    # The form's buttons set the status (issue 15): a reporter may submit, not publish.
    content = client.get(ADD_URL).content.decode()
    assert f'name="{ACTION_FIELD}" value="review"' in content
    assert f'name="{ACTION_FIELD}" value="publish"' not in content
    assert f'name="{ACTION_FIELD}" value="schedule"' not in content
    assert '<option value="published"' not in content


def test_reporter_cannot_publish_a_new_article_even_with_a_hand_made_post(client, reporter):
    data = article_admin_data(
        slug="scoop", authors=[reporter.author], status=Article.Status.PUBLISHED
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert PUBLISH_REFUSED in form_error_text(response)
    assert PUBLISH_REFUSED in response.content.decode()
    assert not Article.objects.exists()


def test_reporter_cannot_schedule_a_new_article(client, reporter):
    data = article_admin_data(
        authors=[reporter.author],
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert PUBLISH_REFUSED in form_error_text(response)
    assert not Article.objects.exists()


def test_reporter_cannot_publish_their_own_draft(client, reporter):
    draft = own_draft(reporter, headline="Draft headline")
    data = article_admin_data(
        article=draft, headline="Published headline", status=Article.Status.PUBLISHED
    )
    response = client.post(change_url(draft), data)
    assert response.status_code == 200
    assert PUBLISH_REFUSED in form_error_text(response)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert draft.headline == "Draft headline"  # nothing else was saved either
    assert not Article.objects.published().exists()


def test_reporter_cannot_edit_someone_elses_article(client, reporter):
    colleague = make_user(role="Reporter")
    theirs = make_article(status=Article.Status.DRAFT, created_by=colleague, headline="Theirs")
    response = client.post(change_url(theirs), article_admin_data(article=theirs, headline="Mine"))
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.headline == "Theirs"


def test_reporter_sees_someone_elses_article_read_only(client, reporter):
    theirs = make_article(status=Article.Status.DRAFT, created_by=make_user(role="Reporter"))
    response = client.get(change_url(theirs))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert 'name="_save"' not in response.content.decode()


def test_reporter_cannot_edit_their_own_article_once_published(client, reporter):
    published = own_draft(
        reporter,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
        headline="As published",
    )
    data = article_admin_data(
        article=published, headline="Quietly changed", status=Article.Status.DRAFT
    )
    response = client.post(change_url(published), data)
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.headline == "As published"
    assert published.is_published


def test_reporter_cannot_unschedule_their_own_scheduled_article(client, reporter):
    scheduled = own_draft(
        reporter, status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(days=1)
    )
    data = article_admin_data(article=scheduled, status=Article.Status.DRAFT)
    assert client.post(change_url(scheduled), data).status_code == 403
    scheduled.refresh_from_db()
    assert scheduled.is_scheduled


def test_reporter_cannot_delete_articles(client, reporter):
    draft = own_draft(reporter)
    assert client.post(delete_url(draft), {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=draft.pk).exists()


def test_reporter_bylined_on_an_editors_draft_may_edit_it(client, reporter):
    shared = make_article(
        status=Article.Status.DRAFT,
        created_by=make_user(role="Editor"),
        authors=[reporter.author],
    )
    response = client.post(change_url(shared), article_admin_data(article=shared, dek="Added"))
    assert response.status_code == 302, form_error_text(response)
    shared.refresh_from_db()
    assert shared.dek == "Added"


# Editors


def test_editor_can_publish_a_reporters_draft(client):
    draft = make_article(status=Article.Status.DRAFT, created_by=make_user(role="Reporter"))
    client.force_login(make_user(role="Editor"))
    response = client.post(
        change_url(draft), article_admin_data(article=draft, status=Article.Status.PUBLISHED)
    )
    assert response.status_code == 302, form_error_text(response)
    draft.refresh_from_db()
    assert draft.is_published


def test_editor_can_unpublish_an_article(client):
    article = make_article()
    client.force_login(make_user(role="Editor"))
    response = client.post(
        change_url(article), article_admin_data(article=article, status=Article.Status.DRAFT)
    )
    assert response.status_code == 302, form_error_text(response)
    assert not Article.objects.published().exists()


def test_editor_can_delete_an_article(client):
    article = make_article()
    client.force_login(make_user(role="Editor"))
    response = client.post(delete_url(article), {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.exists()


def test_superuser_can_publish(client):
    client.force_login(make_user(is_superuser=True))
    data = article_admin_data(authors=[make_author()], status=Article.Status.PUBLISHED)
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, form_error_text(response)
    assert Article.objects.published().count() == 1


# Moderators


@pytest.mark.parametrize("view", ["changelist", "add", "change"])
def test_moderator_is_forbidden_the_article_admin(client, view):
    article = make_article()
    client.force_login(make_user(role="Moderator"))
    url = {"changelist": CHANGELIST_URL, "add": ADD_URL, "change": change_url(article)}[view]
    assert client.get(url).status_code == 403


def test_moderator_cannot_create_an_article_with_a_post(client):
    client.force_login(make_user(role="Moderator"))
    data = article_admin_data(authors=[make_author()], status=Article.Status.PUBLISHED)
    assert client.post(ADD_URL, data).status_code == 403
    assert not Article.objects.exists()


def test_moderator_cannot_change_an_article_with_a_post(client):
    article = make_article(headline="Original")
    client.force_login(make_user(role="Moderator"))
    data = article_admin_data(article=article, headline="Defaced")
    assert client.post(change_url(article), data).status_code == 403
    article.refresh_from_db()
    assert article.headline == "Original"


# Admin actions, posted by hand


def post_action(client, name, *articles):
    return client.post(
        CHANGELIST_URL,
        {"action": name, "_selected_action": [a.pk for a in articles], "index": "0"},
    )


def test_reporter_posting_the_publish_now_action_by_hand_changes_nothing(client, reporter):
    draft = own_draft(reporter)
    response = post_action(client, "publish_now", draft)
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None
    assert not Article.objects.published().exists()


def test_reporter_posting_the_unpublish_action_by_hand_changes_nothing(client, reporter):
    article = own_draft(reporter, status=Article.Status.PUBLISHED)
    someone_elses = make_article()
    response = post_action(client, "unpublish", article, someone_elses)
    assert response.status_code in (200, 302)
    assert Article.objects.published().count() == 2


def test_moderator_posting_an_article_action_is_forbidden(client):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(make_user(role="Moderator"))
    assert post_action(client, "publish_now", draft).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
