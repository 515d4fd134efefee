"""A database that cannot be reached answers 503 with a friendly page, never a traceback."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.ops.urls")]


def assert_friendly_503(response):
    assert response.status_code == 503
    html = response.content.decode()
    assert "back in a moment" in html
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    # Nothing of the failure reaches the reader.
    for leak in ("Traceback", "OperationalError", "10.9.8.7", "5432", "server closed"):
        assert leak not in html


def test_a_view_that_cannot_reach_the_database_answers_503(client, caplog):
    response = client.get("/ops-test/database-gone/")
    assert_friendly_503(response)
    assert "Try again" in response.content.decode()
    # The operator gets the whole story in the log.
    assert "Traceback" in caplog.text
    assert "10.9.8.7" in caplog.text


def test_the_503_page_tells_a_commenter_their_post_was_not_saved(client):
    response = client.post("/ops-test/database-gone/", {"body": "Hello"})
    assert_friendly_503(response)
    assert "has not been saved" in response.content.decode()


def test_a_database_failure_before_the_view_also_answers_503(client, settings, caplog):
    # A middleware reaching the database for a signed-in user's session, before any view runs.
    position = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[: position + 1],
        "tests.ops.middleware.DatabaseBeforeTheView",
        *settings.MIDDLEWARE[position + 1 :],
    ]
    # Django tells the test client about the exception it turned into a response; a real
    # client only sees the response.
    client.raise_request_exception = False
    response = client.get(reverse("articles:front-page"))
    assert_friendly_503(response)
    assert "server closed the connection unexpectedly" in caplog.text


def test_other_errors_still_answer_the_500_page(client):
    client.raise_request_exception = False
    response = client.get("/ops-test/broken/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
