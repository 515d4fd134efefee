"""Hostile input thrown by Hypothesis at every public form and query parameter.

Profiles: `abuse` (the default) is derandomized: `make test` and CI try the same examples on
every run, so a failure there is never a fluke and a fix is checked against the very input that
broke it. `HYPOTHESIS_PROFILE=abuse-explore` draws new examples, and many more of them, to hunt
for new bugs; add anything it finds as an explicit @example.
"""

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import make_article, make_comment

hypothesis_settings.register_profile(
    "abuse",
    max_examples=20,
    # The test client renders whole pages: timing varies with the machine, not the input.
    deadline=None,
    derandomize=True,
    # Examples share the test's database fixtures; each one runs in its own rolled-back
    # transaction (helpers.one_example), so they never see each other's rows.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "abuse-explore",
    parent=hypothesis_settings.get_profile("abuse"),
    max_examples=500,
    derandomize=False,
)


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    """Hundreds of posts from one address: the rate limits are tested elsewhere."""
    settings.NEWSROOM_COMMENT_RATE_PER_IP = 10_000
    settings.NEWSROOM_COMMENT_RATE_PER_EMAIL = 10_000
    settings.NEWSROOM_COMMENT_RATE_PER_ARTICLE = 10_000
    settings.NEWSROOM_COMMENT_REPORT_RATE = (10_000, 3600)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hostile_host(settings):
    """Known hosts only, whatever DJANGO_ALLOWED_HOSTS the run was started with."""
    settings.ALLOWED_HOSTS = ["testserver", "news.example.org"]


@pytest.fixture
def article(db):
    """A published article, an hour old, that takes comments, with one approved comment."""
    article = make_article(headline="Bridge reopens after repairs", tags=["bridges"])
    make_comment(article=article, body="The first approved comment.")
    return article


@pytest.fixture
def author(article):
    return article.bylines.get().author
