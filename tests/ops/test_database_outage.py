"""A real outage: a PostgreSQL instance of the test's own is stopped under a running server."""

import time

import pytest

from .throwaway import Server, ThrowawayPostgres, clean_environment, manage

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres():
    instance = ThrowawayPostgres()
    if not instance.available:
        pytest.skip("initdb and pg_ctl not found (Debian: apt-get install postgresql)")
    try:
        instance.create()
        instance.create_database("newsroom")
        yield instance
    finally:
        instance.remove()


def test_the_site_answers_503_while_the_database_is_down_and_recovers_after(postgres):
    # DEBUG on, so no collectstatic is needed: an error the 503 handling missed would then show
    # Django's traceback page, which the checks below would catch.
    environment = clean_environment(
        DJANGO_DEBUG="1",
        DATABASE_URL=postgres.url("newsroom"),
        DJANGO_CONN_MAX_AGE="60",  # the worker keeps its connection, which the outage breaks
        DJANGO_DB_CONNECT_TIMEOUT="2",
    )
    migrated = manage("migrate", "--noinput", "-v0", environment=environment)
    assert migrated.returncode == 0, migrated.stderr
    with Server(environment) as server:
        # Search pages are never served from the page cache: each one asks the database.
        page = "/search/?q=bridge"
        status, _, html = server.get(page)
        assert status == 200, html
        assert server.get("/healthz")[0] == 200

        postgres.stop("immediate")
        started = time.monotonic()
        status, headers, html = server.get(page)
        assert time.monotonic() - started < 5
        assert status == 503
        assert "back in a moment" in html
        assert "Traceback" not in html and "OperationalError" not in html
        assert str(postgres.port) not in html
        assert headers["Retry-After"].isdigit()
        assert "no-store" in headers["Cache-Control"]
        status, _, body = server.get("/healthz")
        assert status == 503
        assert '"database": "error"' in body

        postgres.start()
        status, _, html = server.get(page)
        assert status == 200, html
        assert server.get("/healthz")[0] == 200
    log = server.output()
    server.close()
    assert "Database unavailable: GET /search/ answered 503" in log
