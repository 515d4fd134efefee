"""What the moderation tests share: addresses in the comment admin and staff with given rights."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import make_user


def changelist_url(query=""):
    return reverse("admin:comments_comment_changelist") + (f"?{query}" if query else "")


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


def one_click_url(comment, word):
    return reverse("admin:comments_comment_moderate", args=[comment.pk, word])


def staff_with(*codenames, role=None):
    """A staff user (in `role`'s group, if given) with these extra comment permissions."""
    user = make_user(role=role)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="comments", codename__in=codenames)
    )
    return user


def run_action(client, action, comments, **extra):
    return client.post(
        changelist_url(),
        {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in comments], "index": 0, **extra},
    )
