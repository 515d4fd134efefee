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


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"
