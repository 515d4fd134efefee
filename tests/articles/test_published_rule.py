from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_published_article_in_the_past_is_published():
    article = make_article(published_at=timezone.now() - timedelta(minutes=1))
    assert list(Article.objects.published()) == [article]
    assert article.is_published


def test_future_publication_time_means_scheduled_and_invisible():
    article = make_article(published_at=timezone.now() + timedelta(hours=2))
    assert not Article.objects.published().exists()
    assert list(Article.objects.scheduled()) == [article]
    assert article.is_scheduled and not article.is_published


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.IN_REVIEW])
def test_unpublished_statuses_are_never_published_even_with_a_past_time(status):
    make_article(status=status, published_at=timezone.now() - timedelta(days=1))
    assert not Article.objects.published().exists()
