from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_comment, make_section, make_user

pytestmark = pytest.mark.django_db

PAGE_SIZE = settings.NEWSROOM_PAGE_SIZE
UNPUBLISHED = {
    "draft": {"status": Article.Status.DRAFT},
    "in review": {"status": Article.Status.IN_REVIEW},
    "scheduled": {"status": Article.Status.PUBLISHED},
}


def unpublished_article(kind, **fields):
    """A draft, in-review or scheduled article that has a dated address."""
    when = timezone.now() + timedelta(days=1) if kind == "scheduled" else timezone.now()
    return make_article(published_at=when, **UNPUBLISHED[kind], **fields)


def is_never_cached(response):
    # "private" alone is not it: an article page is private (each reader's CSRF token) and kept
    # by the reader's browser, revalidated with its ETag (tests/newsroom/test_page_cache.py).
    cache_control = response.get("Cache-Control", "")
    return any(word in cache_control for word in ("no-cache", "no-store"))


def make_articles(count, **fields):
    """count published articles, newest first, a minute apart."""
    now = timezone.now()
    return [
        make_article(published_at=now - timedelta(hours=1, minutes=index), **fields)
        for index in range(count)
    ]


# Front page


def test_front_page_leads_with_the_newest_story_then_the_latest(client):
    older, newest = (
        make_article(published_at=timezone.now() - timedelta(hours=3)),
        make_article(published_at=timezone.now() - timedelta(hours=1)),
    )
    response = client.get(reverse("articles:front-page"))
    assert response.status_code == 200
    assert response.context["lead"] == newest
    assert response.context["latest"] == [older]
    content = response.content.decode()
    assert content.index(newest.headline) < content.index(older.headline)
    assert newest.get_absolute_url() in content


def test_front_page_groups_stories_by_section_in_section_order(client):
    business = make_section(name="Business", order=2)
    sport = make_section(name="Sport", order=1)
    # Enough recent stories to fill the lead and latest, so the older ones go to the sections.
    make_articles(9, section=make_section(name="News", order=0))
    old = timezone.now() - timedelta(days=2)
    match = make_article(section=sport, headline="Cup final", published_at=old)
    merger = make_article(section=business, headline="Mills merge", published_at=old)

    response = client.get(reverse("articles:front-page"))

    assert response.context["sections"] == [(sport, [match]), (business, [merger])]
    content = response.content.decode()
    assert content.index("Cup final") < content.index("Mills merge")
    assert sport.get_absolute_url() in content


def test_a_busy_section_still_shows_its_next_stories_below_the_latest(client):
    news = make_section(name="News")
    recent = make_articles(9, section=news)  # the lead and the eight latest
    older = make_articles(4, section=news, headline=None)
    for article in older:
        Article.objects.filter(pk=article.pk).update(
            published_at=article.published_at - timedelta(days=1)
        )
    response = client.get(reverse("articles:front-page"))
    assert [response.context["lead"], *response.context["latest"]] == recent
    assert response.context["sections"] == [(news, older[:3])]


def test_front_page_shows_only_published_stories(client):
    shown = make_article(headline="Shown story")
    for kind in UNPUBLISHED:
        unpublished_article(kind, headline=f"Hidden {kind} story")
    content = client.get(reverse("articles:front-page")).content.decode()
    assert shown.headline in content
    assert "Hidden" not in content


def test_front_page_with_nothing_published_says_so(client):
    unpublished_article("draft")
    response = client.get(reverse("articles:front-page"))
    assert response.status_code == 200
    assert "No stories have been published yet." in response.content.decode()


# Article page


def test_article_page_shows_headline_dek_section_and_body(client):
    article = make_article(
        headline="River bridge reopens",
        dek="Six months of repairs end early.",
        body="<p>Traffic flowed again on Monday.</p>",
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert '<h1 class="story__headline">River bridge reopens</h1>' in content
    assert "Six months of repairs end early." in content
    assert "Traffic flowed again on Monday." in content
    assert article.section.get_absolute_url() in content


@pytest.mark.parametrize(
    ("names", "byline"),
    [
        (["Ana Ruiz"], "By Ana Ruiz"),
        (["Ana Ruiz", "Tom Berg"], "By Ana Ruiz and Tom Berg"),
        (["Ana Ruiz", "Tom Berg", "Lea Park"], "By Ana Ruiz, Tom Berg and Lea Park"),
    ],
)
def test_byline_names_the_authors_in_order_joined_with_commas_and_and(client, names, byline):
    authors = [make_author(name=name) for name in names]
    article = make_article(authors=authors)
    response = client.get(article.get_absolute_url())
    assert response.context["article"].byline_authors == authors
    # The text as a reader sees it, without the links.
    html = response.content.decode()
    start = html.index('<p class="story__byline">') + len('<p class="story__byline">')
    shown = html[start : html.index("</p>", start)]
    for author in authors:
        shown = shown.replace(
            f'<a href="{author.get_absolute_url()}" rel="author">{author.name}</a>', author.name
        )
    assert shown.strip() == byline


def test_byline_links_each_author_to_their_page(client):
    ana, tom = make_author(name="Ana Ruiz"), make_author(name="Tom Berg")
    article = make_article(authors=[ana, tom])
    content = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="{reverse("authors:detail", args=[ana.slug])}" rel="author">Ana Ruiz</a>' in (
        content
    )
    assert f'<a href="{reverse("authors:detail", args=[tom.slug])}" rel="author">Tom Berg</a>' in (
        content
    )


def test_article_page_shows_when_it_was_published(client):
    article = make_article()
    response = client.get(article.get_absolute_url())
    published = timezone.localtime(article.published_at)
    content = response.content.decode()
    assert f'<time datetime="{published:%Y-%m-%dT%H:%M:%S%z}">' in content
    assert published.strftime("%H:%M") in content
    assert "Updated" not in content


def test_article_page_shows_updated_time_when_edited_after_publication(client):
    published = timezone.now() - timedelta(days=2)
    article = make_article(published_at=published)
    Article.objects.filter(pk=article.pk).update(created_at=published - timedelta(hours=2))
    article.refresh_from_db()
    article.save()  # a correction today
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Updated" in content
    updated = timezone.localtime(article.updated_at)
    assert f'<time datetime="{updated:%Y-%m-%dT%H:%M:%S%z}">' in content


def test_dateline_leads_the_first_paragraph_of_the_body(client):
    article = make_article(dateline="MOSCOW", body="<p>The talks resumed.</p><p>More.</p>")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<p><span class="dateline">MOSCOW</span> — The talks resumed.</p>' in content


def test_dateline_is_html_escaped_on_the_page(client):
    article = make_article(dateline="<b>PARIS</b>", body="<p>Text.</p>")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="dateline">&lt;b&gt;PARIS&lt;/b&gt;</span> — Text.' in content
    assert "<b>PARIS</b>" not in content


def test_tags_link_to_their_tag_pages(client):
    article = make_article(tags=["Elections", "River Towns"])
    content = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="{reverse("articles:tag", args=["elections"])}" rel="tag">Elections</a>' in (
        content
    )
    assert '<a href="/tag/river-towns/" rel="tag">River Towns</a>' in content


@pytest.mark.parametrize("name", ["Café culture", "São Paulo", "日本"])
def test_tags_with_accents_or_other_scripts_link_to_working_tag_pages(client, name):
    article = make_article(tags=[name])
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    tag_url = reverse("articles:tag", args=[article.tags.get().slug])
    assert f'<a href="{tag_url}" rel="tag">{name}</a>' in response.content.decode()
    tag_page = client.get(tag_url)
    assert tag_page.status_code == 200
    assert list(tag_page.context["articles"]) == [article]


def test_a_tag_without_letters_is_shown_unlinked_rather_than_breaking_the_page(client):
    article = make_article(tags=["!!!"])
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "<li>!!!</li>" in response.content.decode()


def test_article_page_shows_approved_comments_only(client):
    article = make_article()
    make_comment(article=article, body="Approved words")
    make_comment(article=article, body="Pending words", status="pending")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Approved words" in content
    assert "Pending words" not in content


def test_published_article_page_has_no_preview_banner(client):
    article = make_article()
    response = client.get(article.get_absolute_url())
    assert "preview-banner" not in response.content.decode()
    assert not is_never_cached(response)


@pytest.mark.parametrize("kind", UNPUBLISHED)
def test_unpublished_articles_are_not_found_by_anonymous_readers(client, kind):
    article = unpublished_article(kind)
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", UNPUBLISHED)
def test_unpublished_articles_are_not_found_by_a_moderator(client, kind):
    article = unpublished_article(kind)
    client.force_login(make_user(role="Moderator"))
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", UNPUBLISHED)
def test_editors_preview_unpublished_articles_uncached(client, kind):
    article = unpublished_article(kind, headline="Embargoed story")
    client.force_login(make_user(role="Editor"))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Embargoed story" in response.content.decode()
    assert "preview-banner" in response.content.decode()
    assert is_never_cached(response)


def test_preview_needs_staff_status_not_just_the_permission(client):
    article = unpublished_article("draft")
    client.force_login(make_user(role="Editor", is_staff=False))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_draft_without_publication_time_is_previewed_by_staff_at_its_preview_address(client):
    article = make_article(status=Article.Status.DRAFT, headline="Unfinished story")
    url = reverse("articles:preview", kwargs={"pk": article.pk})
    client.force_login(make_user(role="Editor"))
    response = client.get(url)
    assert response.status_code == 200
    assert "Unfinished story" in response.content.decode()
    assert is_never_cached(response)


@pytest.mark.parametrize("role", [None, "Moderator"])
def test_preview_address_is_not_found_for_readers_and_moderators(client, role):
    article = make_article(status=Article.Status.DRAFT)
    if role:
        client.force_login(make_user(role=role))
    assert client.get(reverse("articles:preview", kwargs={"pk": article.pk})).status_code == 404


@pytest.mark.parametrize("change", [{"days": 1}, {"days": 31}, {"days": 366}])
def test_article_with_the_wrong_date_in_its_address_is_not_found(client, change):
    article = make_article(slug="bridge-opens", published_at=timezone.now() - timedelta(days=400))
    wrong = timezone.localtime(article.published_at) + timedelta(**change)
    url = reverse(
        "articles:detail",
        kwargs={"year": wrong.year, "month": wrong.month, "day": wrong.day, "slug": article.slug},
    )
    assert client.get(url).status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 200


def test_unknown_slug_is_not_found(client):
    article = make_article()
    assert client.get(article.get_absolute_url().replace(article.slug, "nope")).status_code == 404


def test_missing_page_gets_the_styled_not_found_page(client, settings):
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert settings.NEWSROOM_SITE_NAME in content
    assert "find that page" in content


def test_unpublished_article_gets_the_styled_not_found_page(client, settings):
    settings.DEBUG = False
    article = unpublished_article("draft")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert settings.NEWSROOM_SITE_NAME in response.content.decode()


# Section and tag pages


def test_section_page_lists_its_published_articles_only(client):
    section = make_section(name="Environment", description="Rivers, weather and land.")
    mine = make_article(section=section, headline="Wetlands restored")
    make_article(headline="Other section story")
    make_article(section=section, headline="Draft wetlands", status=Article.Status.DRAFT)
    response = client.get(section.get_absolute_url())
    assert response.status_code == 200
    assert list(response.context["articles"]) == [mine]
    content = response.content.decode()
    assert "Rivers, weather and land." in content
    assert "Wetlands restored" in content
    assert "Other section story" not in content
    assert "Draft wetlands" not in content


def test_unknown_section_is_not_found(client):
    assert client.get(reverse("articles:section", args=["nowhere"])).status_code == 404


def test_tag_page_lists_published_articles_with_that_tag_whatever_its_case(client):
    first = make_article(tags=["Elections"], published_at=timezone.now() - timedelta(hours=2))
    second = make_article(tags=["elections"])
    make_article(tags=["Weather"])
    make_article(tags=["Elections"], status=Article.Status.DRAFT)
    response = client.get(reverse("articles:tag", args=["elections"]))
    assert response.status_code == 200
    assert list(response.context["articles"]) == [second, first]
    assert "Elections" in response.content.decode()


def test_unknown_tag_is_not_found(client):
    assert client.get(reverse("articles:tag", args=["nothing"])).status_code == 404


@pytest.mark.parametrize("listing", ["section", "tag"])
def test_listing_pages_are_paginated_with_the_site_page_size(client, listing):
    section = make_section()
    articles = make_articles(PAGE_SIZE + 1, section=section, tags=["Floods"])
    url = (
        section.get_absolute_url()
        if listing == "section"
        else reverse("articles:tag", args=["floods"])
    )

    first = client.get(url)
    assert list(first.context["articles"]) == articles[:PAGE_SIZE]
    assert 'rel="next" href="?page=2"' in first.content.decode()

    second = client.get(url, {"page": 2})
    assert second.status_code == 200
    assert list(second.context["articles"]) == articles[PAGE_SIZE:]
    assert 'rel="prev" href="?page=1"' in second.content.decode()


@pytest.mark.parametrize("listing", ["section", "tag"])
@pytest.mark.parametrize("page", ["999", "abc", "0", "-1"])
def test_listing_pages_beyond_the_last_or_not_a_number_are_not_found(client, listing, page):
    section = make_section()
    make_articles(PAGE_SIZE + 1, section=section, tags=["Floods"])
    url = (
        section.get_absolute_url()
        if listing == "section"
        else reverse("articles:tag", args=["floods"])
    )
    assert client.get(url, {"page": page}).status_code == 404
