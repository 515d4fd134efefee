"""The article admin as editors use it, through real requests to the admin views."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from taggit.models import Tag

from articles.models import Article
from tests.factories import (
    article_admin_data,
    make_article,
    make_author,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")
SLUG_TAKEN = "Another article published that day already uses this slug."


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def editor(client):
    user = make_user(role="Editor")
    client.force_login(user)
    return user


def form_errors(response):
    """Every error the admin form and its byline inline show, as plain strings."""
    errors = list(response.context["adminform"].form.non_field_errors())
    for field_errors in response.context["adminform"].form.errors.values():
        errors.extend(field_errors)
    for inline in response.context["inline_admin_formsets"]:
        errors.extend(inline.formset.non_form_errors())
        for form_errors in inline.formset.errors:
            for field_errors in form_errors.values():
                errors.extend(field_errors)
    return errors


# Creating and publishing


def test_editor_can_create_and_publish_an_article_that_then_leads_the_front_page(client, editor):
    ana, tom = make_author(name="Ana Ruiz"), make_author(name="Tom Berg")
    data = article_admin_data(
        headline="Council approves river bridge",
        slug="council-approves-river-bridge",
        authors=[ana, tom],
        tags="Bridges, Council",
        status=Article.Status.PUBLISHED,
    )

    response = client.post(ADD_URL, data)

    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get(slug="council-approves-river-bridge")
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at <= timezone.now()  # stamped now, as none was given
    assert article.created_by == editor
    assert article.byline_authors == [ana, tom]
    assert sorted(tag.name for tag in article.tags.all()) == ["Bridges", "Council"]

    client.logout()
    front = client.get(reverse("articles:front-page"))
    assert front.context["lead"] == article
    assert "Council approves river bridge" in front.content.decode()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "By Ana Ruiz and Tom Berg" in strip_tags(page.content.decode())


def test_editor_can_schedule_an_article_that_stays_hidden_until_its_time(client, editor):
    when = timezone.now() + timedelta(days=1)
    data = article_admin_data(
        authors=[make_author()], status=Article.Status.PUBLISHED, published_at=when
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert article.is_scheduled
    client.logout()
    assert client.get(reverse("articles:front-page")).context["lead"] is None
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editor_can_publish_an_existing_draft(client, editor):
    draft = make_article(status=Article.Status.DRAFT)
    response = client.post(
        change_url(draft), article_admin_data(article=draft, status=Article.Status.PUBLISHED)
    )
    assert response.status_code == 302, form_errors(response)
    draft.refresh_from_db()
    assert draft.is_published


def test_editor_can_replace_and_reorder_the_byline(client, editor):
    ana, tom, lea = make_author(), make_author(), make_author()
    article = make_article(authors=[ana])
    response = client.post(
        change_url(article), article_admin_data(article=article, authors=[lea, tom])
    )
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.for_listing().get(pk=article.pk)
    assert article.byline_authors == [lea, tom]


def test_an_author_listed_twice_in_a_byline_is_refused_with_a_message(client, editor):
    ana = make_author()
    response = client.post(ADD_URL, article_admin_data(authors=[ana, ana]))
    assert response.status_code == 200
    assert any("duplicate" in error.lower() for error in form_errors(response))
    assert not Article.objects.exists()


def test_tags_typed_in_another_case_reuse_the_existing_tag(client, editor):
    make_article(tags=["Elections"])
    response = client.post(ADD_URL, article_admin_data(authors=[make_author()], tags="elections"))
    assert response.status_code == 302, form_errors(response)
    assert list(Tag.objects.values_list("name", flat=True)) == ["Elections"]


# One slug per publication day


def test_a_slug_taken_that_day_gets_a_clear_form_error_not_a_500(client, editor):
    morning = datetime(2025, 3, 14, 8, 30, tzinfo=UTC)
    make_article(slug="flood-warning", published_at=morning)
    data = article_admin_data(
        authors=[make_author()],
        slug="flood-warning",
        status=Article.Status.PUBLISHED,
        published_at=morning + timedelta(hours=10),
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert SLUG_TAKEN in form_errors(response)
    assert SLUG_TAKEN in response.content.decode()
    assert Article.objects.filter(slug="flood-warning").count() == 1


def test_moving_an_article_onto_a_day_whose_slug_is_taken_is_refused(client, editor):
    morning = datetime(2025, 3, 14, 8, 30, tzinfo=UTC)
    make_article(slug="flood-warning", published_at=morning)
    other = make_article(slug="flood-warning", published_at=morning + timedelta(days=1))
    response = client.post(
        change_url(other), article_admin_data(article=other, published_at=morning)
    )
    assert response.status_code == 200
    assert SLUG_TAKEN in form_errors(response)
    other.refresh_from_db()
    assert other.published_at == morning + timedelta(days=1)


def test_the_same_slug_on_another_day_is_accepted(client, editor):
    morning = datetime(2025, 3, 14, 8, 30, tzinfo=UTC)
    make_article(slug="flood-warning", published_at=morning)
    data = article_admin_data(
        authors=[make_author()],
        slug="flood-warning",
        status=Article.Status.PUBLISHED,
        published_at=morning + timedelta(days=1),
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, form_errors(response)
    assert Article.objects.filter(slug="flood-warning").count() == 2


def test_saving_an_article_again_does_not_trip_over_its_own_slug(client, editor):
    article = make_article(slug="flood-warning")
    response = client.post(change_url(article), article_admin_data(article=article, dek="New"))
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.dek == "New"


# The body is sanitised when saved


@pytest.mark.parametrize(
    ("dirty", "gone"),
    [
        ("<p>Hi</p><script>alert('x')</script>", "<script"),
        ('<p><img src="https://example.org/a.png" onerror="alert(1)"></p>', "onerror"),
        ('<p><a href="javascript:alert(1)">Click</a></p>', "javascript:"),
        ('<p>Hi</p><iframe src="https://evil.example/"></iframe>', "<iframe"),
        ("<style>p { color: red }</style><p>Hi</p>", "<style"),
        ('<p style="color: red">Hi</p>', "style="),
    ],
)
def test_body_posted_to_the_admin_is_stored_sanitised(client, editor, dirty, gone):
    response = client.post(ADD_URL, article_admin_data(authors=[make_author()], body=dirty))
    assert response.status_code == 302, form_errors(response)
    body = Article.objects.get().body
    assert gone not in body
    assert "Hi" in body or "Click" in body or "<img" in body


def test_links_in_a_posted_body_get_rel_noopener(client, editor):
    body = '<p>See <a href="https://example.org/report">the report</a>.</p>'
    response = client.post(ADD_URL, article_admin_data(authors=[make_author()], body=body))
    assert response.status_code == 302, form_errors(response)
    assert Article.objects.get().body == (
        '<p>See <a href="https://example.org/report" rel="noopener">the report</a>.</p>'
    )


# The list and the form


def test_article_list_shows_status_section_authors_and_publication_time(client, editor):
    section = make_section(name="Environment")
    published = make_article(
        headline="Wetlands restored",
        section=section,
        authors=[make_author(name="Ana Ruiz"), make_author(name="Tom Berg")],
    )
    scheduled_at = datetime(2031, 5, 1, 7, 45, tzinfo=UTC)
    make_article(headline="Budget embargo", published_at=scheduled_at)
    make_article(headline="Half-written", status=Article.Status.DRAFT)

    response = client.get(CHANGELIST_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Wetlands restored" in content
    assert "Environment" in content
    assert "Ana Ruiz, Tom Berg" in content
    assert "Published" in content
    assert "Draft" in content
    # The one admin time format (articles/times.py), as Django writes the date columns.
    when = date_format(timezone.localtime(scheduled_at), "DATETIME_FORMAT")
    assert f"Scheduled for {when}" in content
    assert change_url(published) in content


def test_article_list_filters_by_status_and_section(client, editor):
    section = make_section()
    make_article(headline="Published here", section=section)
    make_article(headline="Draft here", section=section, status=Article.Status.DRAFT)
    make_article(headline="Draft elsewhere", status=Article.Status.DRAFT)
    response = client.get(
        CHANGELIST_URL, {"status__exact": "draft", "section__id__exact": section.pk}
    )
    assert [article.headline for article in response.context["cl"].result_list] == ["Draft here"]


def test_article_list_searches_headlines_and_author_names(client, editor):
    make_article(headline="Wetlands restored", authors=[make_author(name="Ana Ruiz")])
    make_article(headline="Bridge reopens", authors=[make_author(name="Tom Berg")])
    by_author = client.get(CHANGELIST_URL, {"q": "Ruiz"})
    assert [a.headline for a in by_author.context["cl"].result_list] == ["Wetlands restored"]
    by_headline = client.get(CHANGELIST_URL, {"q": "bridge"})
    assert [a.headline for a in by_headline.context["cl"].result_list] == ["Bridge reopens"]


def test_article_list_drills_down_by_publication_date(client, editor):
    make_article(headline="Old story", published_at=datetime(2024, 6, 1, 12, tzinfo=UTC))
    make_article(headline="New story", published_at=datetime(2025, 6, 1, 12, tzinfo=UTC))
    response = client.get(CHANGELIST_URL, {"published_at__year": "2024"})
    assert response.status_code == 200
    assert [a.headline for a in response.context["cl"].result_list] == ["Old story"]
    assert "published_at__year=2025" in client.get(CHANGELIST_URL).content.decode()


def test_add_form_prepopulates_the_slug_and_offers_author_and_section_autocomplete(client, editor):
    response = client.get(ADD_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-prepopulated-fields="[{&quot;id&quot;: &quot;#id_slug&quot;' in content
    assert "&quot;dependency_list&quot;: [&quot;headline&quot;]" in content
    assert 'name="bylines-TOTAL_FORMS"' in content
    assert 'data-model-name="byline"' in content and 'data-field-name="author"' in content
    assert 'data-field-name="section"' in content
    assert 'name="tags"' in content


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_author_autocomplete_finds_authors_by_name(client, role):
    client.force_login(make_user(role=role))
    ana = make_author(name="Ana Ruiz")
    make_author(name="Tom Berg")
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "ruiz", "app_label": "articles", "model_name": "byline", "field_name": "author"},
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(ana.pk), "text": "Ana Ruiz"}]


def test_change_form_links_to_the_article_on_the_site(client, editor):
    article = make_article()
    content_type = ContentType.objects.get_for_model(Article)
    view_on_site = reverse("admin:view_on_site", args=[content_type.pk, article.pk])
    assert view_on_site in client.get(change_url(article)).content.decode()
    response = client.get(view_on_site)
    assert response.status_code == 302
    assert response["Location"].endswith(article.get_absolute_url())


def test_change_form_of_a_draft_without_time_links_to_its_preview(client, editor):
    draft = make_article(status=Article.Status.DRAFT)
    content_type = ContentType.objects.get_for_model(Article)
    response = client.get(reverse("admin:view_on_site", args=[content_type.pk, draft.pk]))
    assert response["Location"].endswith(reverse("articles:preview", args=[draft.pk]))
