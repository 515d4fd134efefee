"""Concurrency tests: a live server (Django's threaded test server, in this process) on
PostgreSQL, driven by threads that each hold their own HTTP connection and cookies."""

import pytest
from django.core.cache import cache


@pytest.fixture
def server(live_server, settings):
    """The live server's base URL, with limits raised for many posts from one address."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "127.0.0.1"]
    settings.NEWSROOM_COMMENT_RATE_PER_IP = 100_000
    settings.NEWSROOM_COMMENT_RATE_PER_EMAIL = 100_000
    settings.NEWSROOM_COMMENT_RATE_PER_ARTICLE = 100_000
    # A person waits a few seconds before posting; these clients post at once.
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield live_server.url
    cache.clear()
