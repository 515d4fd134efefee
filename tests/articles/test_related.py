"""Related stories under an article: most tags in common, then same section, newest first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def related(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return [story.headline for story in response.context["related_articles"]]


def test_related_stories_put_most_shared_tags_first_then_same_section_then_newest(client):
    news, sport = make_section(), make_section()
    article = make_article(section=news, tags=["floods", "bridges", "budget"])
    make_article(
        headline="Two tags", section=sport, tags=["floods", "bridges"], published_at=hours_ago(9)
    )
    make_article(headline="One tag old", section=sport, tags=["budget"], published_at=hours_ago(8))
    make_article(headline="One tag new", section=sport, tags=["floods"], published_at=hours_ago(2))
    make_article(
        headline="One tag same section", section=news, tags=["budget"], published_at=hours_ago(7)
    )
    make_article(headline="Same section only", section=news, published_at=hours_ago(3))
    make_article(headline="Nothing in common", section=sport, tags=["weather"])
    assert related(client, article) == [
        "Two tags",
        "One tag same section",
        "One tag new",
        "One tag old",
    ]


def test_related_stories_fall_back_to_the_same_section_newest_first(client):
    news = make_section()
    article = make_article(section=news)
    make_article(headline="Older", section=news, published_at=hours_ago(5))
    make_article(headline="Newer", section=news, published_at=hours_ago(2))
    make_article(headline="Elsewhere")
    assert related(client, article) == ["Newer", "Older"]


def test_related_stories_never_include_the_article_itself_drafts_or_scheduled_stories(client):
    news = make_section()
    article = make_article(section=news, tags=["floods"])
    make_article(headline="Draft", section=news, tags=["floods"], status=Article.Status.DRAFT)
    make_article(
        headline="Scheduled",
        section=news,
        tags=["floods"],
        published_at=timezone.now() + timedelta(hours=1),
    )
    make_article(headline="Published", section=news, tags=["floods"], published_at=hours_ago(3))
    assert related(client, article) == ["Published"]


def test_at_most_four_related_stories_are_shown(client):
    news = make_section()
    article = make_article(section=news)
    for index in range(6):
        make_article(section=news, published_at=hours_ago(index + 2))
    assert len(related(client, article)) == 4


def test_an_article_with_nothing_related_shows_no_related_block(client):
    article = make_article(tags=["unique"])
    response = client.get(article.get_absolute_url())
    assert response.context["related_articles"] == []
    assert "Related stories" not in response.content.decode()


def test_related_stories_are_compact_cards_linking_to_the_stories(client):
    news = make_section()
    article = make_article(section=news)
    other = make_article(
        headline="Ferry returns", dek="A standfirst only full cards show.", section=news,
        published_at=hours_ago(2),
    )  # fmt: skip
    html = client.get(article.get_absolute_url()).content.decode()
    block = html.split('aria-labelledby="related-heading"')[1].split("</section>")[0]
    assert f'<a href="{other.get_absolute_url()}">Ferry returns</a>' in block
    assert '<h3 class="card__headline">' in block
    assert "A standfirst only full cards show." not in block


def test_related_stories_come_before_the_comments(client):
    news = make_section()
    article = make_article(section=news)
    make_article(section=news, published_at=hours_ago(2))
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'id="related-heading"' in html
    assert html.index('id="related-heading"') > html.index('class="story__signoff"')
    assert html.index('id="related-heading"') < html.index('id="comments"')


def test_related_to_counts_the_tags_shared_with_each_story():
    article = make_article(tags=["a", "b", "c"])
    make_article(headline="Shares two", tags=["a", "c", "z"])
    tag_ids = [tag.pk for tag in article.tags.all()]
    stories = list(Article.objects.published().related_to(article, tag_ids))
    assert [(story.headline, story.shared_tag_count) for story in stories] == [("Shares two", 2)]
