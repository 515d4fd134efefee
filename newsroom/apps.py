from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The project: its migrations keep the role groups (newsroom/roles.py) in step."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "newsroom"
