"""The byline inline: pre-filled with the user's author profile, rows numbered in order, and a
missing byline shown at the field and in the summary at the top of the form."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.factories import article_admin_data, make_author, make_user

ADD = reverse("admin:articles_article_add")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def formset(response, prefix="bylines"):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return inline.formset
    raise AssertionError(prefix)


@pytest.mark.django_db
def test_the_add_form_starts_with_the_users_own_byline():
    user = make_user(role="Reporter")
    author = make_author(name="Ana Ruiz", user=user)
    response = logged_in(user).get(ADD)
    first = formset(response).forms[0]
    assert first["author"].value() == author.pk
    assert first["position"].value() == 0


@pytest.mark.django_db
def test_an_editor_without_an_author_profile_gets_a_blank_row():
    response = logged_in(make_user(role="Editor")).get(ADD)
    assert formset(response).forms[0]["author"].value() is None


@pytest.mark.django_db
def test_blank_rows_are_numbered_in_order():
    response = logged_in(make_user(role="Editor")).get(ADD)
    positions = [form["position"].value() for form in formset(response).forms]
    assert positions == list(range(len(positions)))


@pytest.mark.django_db
def test_bylines_typed_at_the_same_position_are_stored_in_order():
    client = logged_in(make_user(role="Editor"))
    first, second, third = make_author(), make_author(), make_author()
    data = article_admin_data(authors=[first, second, third])
    for index in range(3):
        data[f"bylines-{index}-position"] = "0"
    assert client.post(ADD, data).status_code == 302
    article = Article.objects.get(slug=data["slug"])
    stored = list(article.bylines.values_list("author_id", "position"))
    assert stored == [(first.pk, 0), (second.pk, 1), (third.pk, 2)]


@pytest.mark.django_db
def test_a_missing_byline_is_shown_at_the_field_and_in_the_summary():
    client = logged_in(make_user(role="Editor"))
    data = article_admin_data(authors=[])
    # As the browser sends it: the first byline row, left blank.
    data.update({"bylines-TOTAL_FORMS": "1", "bylines-0-author": "", "bylines-0-position": "0"})
    response = client.post(ADD, data)
    assert response.status_code == 200
    summary = response.context["error_summary"]
    assert summary, "no error summary"
    page = response.content.decode()
    assert 'class="article-error-summary"' in page
    hrefs = re.findall(r'<li><a href="(#[^"]+)">', page)
    assert hrefs
    for href in hrefs:
        assert f'id="{href[1:]}"' in page, href
    assert any("byline" in str(label).lower() for _, label, _ in summary)
    assert not Article.objects.filter(slug=data["slug"]).exists()


@pytest.mark.django_db
def test_a_field_error_is_summarised_with_a_link_to_its_field():
    client = logged_in(make_user(role="Editor"))
    response = client.post(ADD, article_admin_data(authors=[make_author()], headline=""))
    assert ("#id_headline", "Headline", "This field is required.") in [
        (href, str(label), str(message))
        for href, label, message in response.context["error_summary"]
    ]
    assert '<a href="#id_headline">Headline</a>' in response.content.decode()
