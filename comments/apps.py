from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

import pagecache


class CommentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from .models import Comment, DiscussionSettings

        pagecache.watch(Comment, comment_changed)
        pagecache.watch(DiscussionSettings, settings_changed)


def comment_changed(comment, created):
    # A new comment held for moderation changes no page, so posting one drops nothing.
    if created and comment.status != comment.Status.APPROVED:
        return ()
    return pagecache.article_tags([comment.article_id])


def settings_changed(settings, created):
    # Made on first use with the defaults the pages were shown with until then: nothing changes.
    # Made with other values (the pages, and the cached settings, had the defaults): "site".
    if created and _values(settings) == _values(type(settings)(pk=settings.pk)):
        return ()
    return ("site",)


def _values(settings):
    return [getattr(settings, field.attname) for field in settings._meta.concrete_fields]
