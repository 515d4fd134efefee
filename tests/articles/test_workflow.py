"""Publishing, unpublishing and review: the services, and the admin actions built on them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.services import article_publish, article_submit_for_review, article_unpublish
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db

CHANGELIST_URL = reverse("admin:articles_article_changelist")


@pytest.fixture
def editor():
    return make_user(role="Editor")


@pytest.fixture
def reporter():
    user = make_user(role="Reporter")
    make_author(user=user)
    return user


def own_draft(user, **fields):
    fields.setdefault("status", Article.Status.DRAFT)
    return make_article(created_by=user, authors=[user.author], **fields)


def action(client, name, *articles):
    return client.post(
        CHANGELIST_URL,
        {"action": name, "_selected_action": [a.pk for a in articles], "index": "0"},
    )


# Services


def test_editor_publishing_a_draft_makes_it_public_now(editor):
    draft = make_article(status=Article.Status.DRAFT)
    before = timezone.now()
    article_publish(article=draft, by=editor)
    draft.refresh_from_db()
    assert draft.is_published
    assert before <= draft.published_at <= timezone.now()
    assert list(Article.objects.published()) == [draft]


def test_publishing_with_a_future_time_schedules_the_article(editor):
    draft = make_article(status=Article.Status.DRAFT)
    when = timezone.now() + timedelta(days=2)
    article_publish(article=draft, by=editor, at=when)
    draft.refresh_from_db()
    assert draft.is_scheduled
    assert draft.published_at == when
    assert draft.state == Article.State.SCHEDULED
    assert not Article.objects.published().exists()


def test_unpublishing_takes_the_article_off_the_site_but_keeps_its_time(editor):
    article = make_article()
    published_at = article.published_at
    article_unpublish(article=article, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at == published_at
    assert article.state == Article.State.UNPUBLISHED
    assert not Article.objects.published().exists()


def test_an_unpublished_article_published_again_returns_at_the_same_address(editor):
    article = make_article()
    url = article.get_absolute_url()
    article_unpublish(article=article, by=editor)
    article_publish(article=article, by=editor)
    article.refresh_from_db()
    assert article.is_published
    assert article.get_absolute_url() == url


def test_publishing_a_scheduled_article_now_moves_its_time_to_now(editor):
    article = make_article(published_at=timezone.now() + timedelta(days=1))
    article_publish(article=article, by=editor)
    article.refresh_from_db()
    assert article.is_published


def test_publishing_onto_a_day_whose_slug_is_taken_is_refused_and_changes_nothing(editor):
    # Published today, as publishing now will be (an hour ago is yesterday just after midnight).
    make_article(slug="flood-warning", published_at=timezone.now())
    draft = make_article(slug="flood-warning", status=Article.Status.DRAFT)
    with pytest.raises(ValidationError):
        article_publish(article=draft, by=editor)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None


def test_reporter_cannot_publish_even_their_own_draft_through_the_service(reporter):
    draft = own_draft(reporter)
    with pytest.raises(PermissionDenied):
        article_publish(article=draft, by=reporter)
    with pytest.raises(PermissionDenied):
        article_publish(article=draft, by=reporter, at=timezone.now() + timedelta(days=1))
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None


def test_reporter_cannot_unpublish_their_own_published_article(reporter):
    article = own_draft(reporter, status=Article.Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        article_unpublish(article=article, by=reporter)
    article.refresh_from_db()
    assert article.is_published


def test_reporter_can_submit_their_own_draft_for_review(reporter):
    draft = own_draft(reporter)
    article_submit_for_review(article=draft, by=reporter)
    draft.refresh_from_db()
    assert draft.status == Article.Status.IN_REVIEW
    assert draft.state == Article.State.IN_REVIEW


def test_reporter_cannot_submit_someone_elses_draft_for_review(reporter):
    theirs = make_article(status=Article.Status.DRAFT, created_by=make_user(role="Reporter"))
    with pytest.raises(PermissionDenied):
        article_submit_for_review(article=theirs, by=reporter)
    theirs.refresh_from_db()
    assert theirs.status == Article.Status.DRAFT


def test_a_published_article_cannot_be_sent_back_to_review(editor):
    article = make_article()
    with pytest.raises(PermissionDenied):
        article_submit_for_review(article=article, by=editor)
    article.refresh_from_db()
    assert article.is_published


def test_a_moderator_cannot_publish():
    draft = make_article(status=Article.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        article_publish(article=draft, by=make_user(role="Moderator"))


# States


def test_each_article_is_in_exactly_one_state():
    now = timezone.now()
    cases = {
        Article.State.DRAFT: make_article(status=Article.Status.DRAFT),
        Article.State.IN_REVIEW: make_article(status=Article.Status.IN_REVIEW),
        Article.State.SCHEDULED: make_article(published_at=now + timedelta(hours=1)),
        Article.State.PUBLISHED: make_article(published_at=now - timedelta(hours=1)),
        Article.State.UNPUBLISHED: make_article(
            status=Article.Status.DRAFT, published_at=now - timedelta(days=1)
        ),
    }
    for state, article in cases.items():
        assert article.state == state
        assert list(Article.objects.in_state(state)) == [article]
    assert Article.objects.state_counts() == dict.fromkeys(Article.State.values, 1)


# The admin list


def test_article_list_counts_articles_in_each_state_above_the_list(client, editor):
    now = timezone.now()
    make_article(status=Article.Status.DRAFT)
    make_article(status=Article.Status.DRAFT)
    make_article(status=Article.Status.IN_REVIEW)
    make_article(published_at=now + timedelta(days=1))
    for _ in range(3):
        make_article()
    make_article(status=Article.Status.DRAFT, published_at=now - timedelta(days=3))
    client.force_login(editor)
    response = client.get(CHANGELIST_URL)
    content = response.content.decode()
    expected = {"draft": 2, "review": 1, "scheduled": 1, "published": 3, "unpublished": 1}
    for state, count in expected.items():
        assert f'<strong data-state="{state}">{count}</strong>' in content
    assert "Unpublished" in content


def test_article_list_filters_by_state(client, editor):
    make_article(headline="Live")
    make_article(headline="Pulled", status=Article.Status.DRAFT, published_at=timezone.now())
    make_article(headline="Fresh draft", status=Article.Status.DRAFT)
    client.force_login(editor)
    response = client.get(CHANGELIST_URL, {"state": "unpublished"})
    assert [a.headline for a in response.context["cl"].result_list] == ["Pulled"]


def test_editor_publishes_selected_drafts_with_the_publish_now_action(client, editor):
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(2)]
    client.force_login(editor)
    response = action(client, "publish_now", *drafts)
    assert response.status_code == 302
    assert Article.objects.published().count() == 2


def test_publish_now_reports_a_slug_clash_instead_of_failing(client, editor):
    make_article(slug="flood-warning", published_at=timezone.now())  # Today, as "now" is.
    clash = make_article(slug="flood-warning", status=Article.Status.DRAFT)
    fine = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    response = action(client, "publish_now", clash, fine)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "1 article published." in messages
    assert any("already uses this slug" in m for m in messages)
    clash.refresh_from_db()
    fine.refresh_from_db()
    assert clash.status == Article.Status.DRAFT
    assert fine.is_published


def test_editor_unpublishes_selected_articles_with_the_unpublish_action(client, editor):
    article = make_article()
    client.force_login(editor)
    action(client, "unpublish", article)
    article.refresh_from_db()
    assert article.state == Article.State.UNPUBLISHED


def test_reporter_is_offered_submit_for_review_but_not_publishing_actions(client, reporter):
    own_draft(reporter)
    client.force_login(reporter)
    choices = dict(client.get(CHANGELIST_URL).context["action_form"].fields["action"].choices)
    assert "submit_for_review" in choices
    assert "publish_now" not in choices
    assert "unpublish" not in choices


def test_reporter_submits_own_draft_for_review_with_the_action(client, reporter):
    draft = own_draft(reporter)
    theirs = make_article(status=Article.Status.DRAFT, created_by=make_user(role="Reporter"))
    client.force_login(reporter)
    action(client, "submit_for_review", draft, theirs)
    draft.refresh_from_db()
    theirs.refresh_from_db()
    assert draft.status == Article.Status.IN_REVIEW
    assert theirs.status == Article.Status.DRAFT
