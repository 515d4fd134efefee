import pytest
from django.db import connection


def pytest_collection_modifyitems(config, items):
    """On SQLite (no PostgreSQL answered), skip the tests that need PostgreSQL, and say so."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (running on SQLite)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: no page kept by an earlier test at the same address."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


# Rows that data migrations create: the role groups and the simple pages. A transactional test
# ends by flushing every table, so they are made again before each test that needs a real
# transaction (Django's serialized_rollback cannot do it: the flush re-creates content types and
# permissions, and reloading the serialized copy then collides with them).
DATA_MIGRATIONS = [
    ("newsroom.migrations.0001_roles", "create_roles"),
    ("newsroom.migrations.0002_photo_roles", "update_roles"),
    ("newsroom.migrations.0003_discussion_roles", "update_roles"),
    ("pages.migrations.0002_simple_pages", "create_pages"),
]


@pytest.fixture(autouse=True)
def _rows_from_data_migrations(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    from importlib import import_module

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for module, function in DATA_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)
