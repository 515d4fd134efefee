"""One time format in the article admin: the site's time zone, Django's DATETIME_FORMAT."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from articles.admin import ArticleAdmin
from articles.conflicts import conflict_message
from articles.models import Article
from articles.times import admin_datetime
from tests.factories import make_article


def test_a_time_is_written_in_the_sites_zone_in_djangos_format(settings):
    settings.TIME_ZONE = "Europe/Moscow"
    with timezone.override("Europe/Moscow"):
        assert admin_datetime(datetime(2026, 12, 8, 1, 0, tzinfo=UTC)) == "Dec. 8, 2026, 4 a.m."
        assert admin_datetime(None) == ""


@pytest.mark.django_db
def test_the_status_column_and_the_date_columns_agree():
    when = datetime(2031, 5, 1, 7, 45, tzinfo=UTC)
    article = make_article(published_at=when, status=Article.Status.PUBLISHED)
    label = ArticleAdmin.status_label(None, article)
    assert label == "Scheduled for May 1, 2031, 7:45 a.m."


def test_the_conflict_message_uses_the_same_format():
    saved = datetime(2025, 3, 14, 14, 2, tzinfo=UTC)
    later = datetime(2025, 3, 20, 9, 0, tzinfo=UTC)
    assert "at 2:02 p.m. (by ed)" in conflict_message(saved, "ed", now=saved)
    assert "at March 14, 2025, 2:02 p.m." in conflict_message(saved, None, now=later)
