from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from taggit import apps as taggit_apps


class NewsroomConfig(AppConfig):
    """The project: its migrations keep the role groups (newsroom/roles.py) in step."""

    default = True  # this module holds two configurations: "newsroom" is this one
    default_auto_field = "django.db.models.BigAutoField"
    name = "newsroom"


class TagsConfig(taggit_apps.TaggitAppConfig):
    """django-taggit as the admin home names it: "Tags", not the package's own "Taggit"."""

    default = False
    verbose_name = _("Tags")
