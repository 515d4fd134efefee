from django.apps import AppConfig


class CommentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comments"

    def ready(self):
        from newsroom import pagecache

        from .forms import issued_now

        # The comment form's signed time differs per reader, even on a cached page.
        pagecache.per_reader("comment-issued")(issued_now)
