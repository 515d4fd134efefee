"""The roles are groups made by newsroom/migrations (0001 to 0003); these are their exact rights."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from articles.models import Article
from articles.permissions import is_own_article, may_edit_article, may_publish
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db

ROLE_PERMISSIONS = {
    "Reporter": {
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_section",
        "authors.view_author",
        "taggit.view_tag",
        "photos.add_photo",
        "photos.view_photo",
    },
    "Editor": {
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.publish_article",
        "articles.add_section",
        "articles.change_section",
        "articles.view_section",
        "authors.add_author",
        "authors.change_author",
        "authors.view_author",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.delete_tag",
        "taggit.view_tag",
        "photos.add_photo",
        "photos.change_photo",
        "photos.view_photo",
        "comments.view_discussionsettings",
        "comments.change_discussionsettings",
    },
    "Moderator": {
        "comments.view_comment",
        "comments.change_comment",
        "comments.moderate_comment",
        "comments.view_ban",
        "comments.add_ban",
        "comments.change_ban",
        "comments.delete_ban",
        "comments.view_moderationlogentry",
        "comments.view_commentreport",
    },
}


def group_permissions(name):
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in Group.objects.get(name=name).permissions.select_related("content_type")
    }


@pytest.mark.parametrize("role", ROLE_PERMISSIONS)
def test_role_group_has_exactly_its_permissions(role):
    assert group_permissions(role) == ROLE_PERMISSIONS[role]


def test_only_editors_may_publish():
    assert "articles.publish_article" in group_permissions("Editor")
    assert "articles.publish_article" not in group_permissions("Reporter")
    assert "articles.publish_article" not in group_permissions("Moderator")


def test_moderators_have_no_rights_over_articles_authors_or_tags():
    assert not {
        permission
        for permission in group_permissions("Moderator")
        if permission.split(".")[0] in {"articles", "authors", "taggit"}
    }


def test_no_role_may_delete_comments_or_manage_users():
    for role in ROLE_PERMISSIONS:
        permissions = group_permissions(role)
        assert "comments.delete_comment" not in permissions
        assert not {p for p in permissions if p.startswith("auth.")}


# The rules in articles/permissions.py, applied to users in those groups.


@pytest.mark.parametrize(
    ("role", "expected"), [("Editor", True), ("Reporter", False), ("Moderator", False)]
)
def test_may_publish_follows_the_role(role, expected):
    assert may_publish(make_user(role=role)) is expected


def test_superusers_may_publish_but_inactive_editors_may_not():
    assert may_publish(make_user(is_superuser=True))
    assert not may_publish(make_user(role="Editor", is_active=False))


def test_an_article_is_a_reporters_own_when_they_wrote_it_or_share_its_byline():
    reporter = make_user(role="Reporter")
    author = make_author(user=reporter)
    created = make_article(status=Article.Status.DRAFT, created_by=reporter)
    bylined = make_article(status=Article.Status.DRAFT, authors=[make_author(), author])
    other = make_article(status=Article.Status.DRAFT)
    assert is_own_article(reporter, created)
    assert is_own_article(reporter, bylined)
    assert not is_own_article(reporter, other)


def test_an_article_without_creator_is_nobodys_own():
    article = make_article(status=Article.Status.DRAFT, created_by=None)
    assert not is_own_article(AnonymousUser(), article)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Article.Status.DRAFT, True),
        (Article.Status.IN_REVIEW, True),
        (Article.Status.PUBLISHED, False),
    ],
)
def test_reporters_may_edit_their_own_articles_until_published(status, expected):
    reporter = make_user(role="Reporter")
    article = make_article(status=status, created_by=reporter)
    assert may_edit_article(reporter, article) is expected


def test_reporters_may_not_edit_someone_elses_article():
    reporter = make_user(role="Reporter")
    article = make_article(status=Article.Status.DRAFT, created_by=make_user(role="Reporter"))
    assert not may_edit_article(reporter, article)


def test_editors_may_edit_any_article_and_moderators_none():
    article = make_article(created_by=make_user(role="Reporter"))
    assert may_edit_article(make_user(role="Editor"), article)
    assert not may_edit_article(make_user(role="Moderator"), article)
