from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline, Section
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

MORNING = datetime(2025, 3, 14, 8, 30, tzinfo=UTC)


def test_sections_are_ordered_by_their_order_then_name():
    make_section(name="World", order=2)
    make_section(name="Business", order=1)
    make_section(name="Arts", order=2)
    assert [section.name for section in Section.objects.all()] == ["Business", "Arts", "World"]


def test_section_address_is_its_slug():
    section = make_section(name="Local news", slug="local")
    assert section.get_absolute_url() == "/section/local/"
    assert str(section) == "Local news"


def test_article_address_is_its_zero_padded_publication_date_and_slug():
    article = make_article(slug="bridge-opens", published_at=datetime(2025, 3, 4, 9, tzinfo=UTC))
    assert article.get_absolute_url() == "/2025/03/04/bridge-opens/"
    assert str(article) == article.headline


def test_article_address_uses_the_sites_time_zone_for_the_date(settings):
    settings.TIME_ZONE = "America/New_York"
    # 02:00 in UTC is still the evening before in New York.
    article = make_article(slug="late-vote", published_at=datetime(2025, 3, 5, 2, tzinfo=UTC))
    assert article.get_absolute_url() == "/2025/03/04/late-vote/"


def test_an_article_without_publication_time_points_at_its_staff_preview():
    article = make_article(status=Article.Status.DRAFT)
    assert article.published_at is None
    assert article.get_absolute_url() == reverse("articles:preview", kwargs={"pk": article.pk})


def test_database_refuses_the_same_slug_twice_on_one_publication_day():
    make_article(slug="flood-warning", published_at=MORNING)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="flood-warning", published_at=MORNING + timedelta(hours=12))
    assert Article.objects.filter(slug="flood-warning").count() == 1


def test_database_refuses_the_same_slug_on_one_day_whatever_the_status():
    make_article(slug="flood-warning", published_at=MORNING)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="flood-warning", status=Article.Status.DRAFT, published_at=MORNING)


def test_same_slug_on_different_days_is_fine():
    make_article(slug="flood-warning", published_at=MORNING)
    make_article(slug="flood-warning", published_at=MORNING + timedelta(days=1))
    assert Article.objects.filter(slug="flood-warning").count() == 2


def test_drafts_without_publication_time_may_share_a_slug():
    make_article(slug="untitled", status=Article.Status.DRAFT)
    make_article(slug="untitled", status=Article.Status.DRAFT)
    assert Article.objects.filter(slug="untitled").count() == 2


def test_model_validation_explains_a_slug_taken_that_day():
    make_article(slug="flood-warning", published_at=MORNING)
    duplicate = Article(
        headline="Another flood warning",
        slug="flood-warning",
        section=make_section(),
        status=Article.Status.PUBLISHED,
        published_at=MORNING + timedelta(hours=1),
    )
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert "Another article published that day already uses this slug." in str(caught.value)


def test_database_refuses_a_published_article_without_publication_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(
            headline="No time",
            slug="no-time",
            section=make_section(),
            status=Article.Status.PUBLISHED,
            published_at=None,
        )


def test_tags_are_case_insensitive():
    first = make_article(tags=["Elections"])
    second = make_article(tags=["elections"])
    assert Tag.objects.count() == 1
    tag = Tag.objects.get()
    assert set(Article.objects.filter(tags=tag)) == {first, second}


def test_byline_authors_follow_their_positions_not_the_order_they_were_added():
    ana, tom, lea = make_author(name="Ana Ruiz"), make_author(name="Tom Berg"), make_author()
    article = make_article(authors=[])
    Byline.objects.create(article=article, author=tom, position=1)
    Byline.objects.create(article=article, author=lea, position=2)
    Byline.objects.create(article=article, author=ana, position=0)
    article = Article.objects.for_listing().get(pk=article.pk)
    assert article.byline_authors == [ana, tom, lea]
    assert list(ana.articles.all()) == [article]


def test_an_author_appears_only_once_in_a_byline():
    ana = make_author()
    article = make_article(authors=[ana])
    with pytest.raises(IntegrityError), transaction.atomic():
        Byline.objects.create(article=article, author=ana, position=1)


def test_an_article_is_updated_when_saved_well_after_publication():
    published = timezone.now() - timedelta(days=2)
    article = make_article(published_at=published)
    # Written the day before, last saved when it was published.
    Article.objects.filter(pk=article.pk).update(
        created_at=published - timedelta(days=1), updated_at=published
    )
    article.refresh_from_db()
    assert not article.was_updated

    article.save()  # an edit two days after publication
    assert article.was_updated


def test_a_quick_fix_just_after_publication_does_not_count_as_an_update():
    published = timezone.now() - timedelta(minutes=2)
    article = make_article(published_at=published)
    Article.objects.filter(pk=article.pk).update(created_at=published - timedelta(hours=1))
    article.refresh_from_db()
    article.save()
    assert not article.was_updated


def test_an_article_imported_with_an_old_publication_time_is_not_updated():
    article = make_article(published_at=datetime(2019, 5, 1, 12, tzinfo=UTC))
    assert not article.was_updated


def test_a_draft_is_never_updated():
    article = make_article(status=Article.Status.DRAFT)
    assert not article.was_updated
