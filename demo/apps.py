from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo outlet that `make run` loads (manage.py seed_demo): data files and the command."""

    name = "demo"
