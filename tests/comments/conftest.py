import pytest
from django.core.cache import cache

from tests.factories import make_article, make_user


@pytest.fixture
def article(db):
    """A published article, an hour old, that takes comments."""
    return make_article(headline="Bridge reopens after repairs")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Staff users are made in many tests here; the real hasher would make each one slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def moderator(db):
    """A member of the Moderator group."""
    return make_user("moira", role="Moderator")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
