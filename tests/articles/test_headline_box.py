"""The headline box wraps, so a long headline is seen whole; what is stored stays one line."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.admin import ACTION_FIELD
from articles.models import Article
from tests.factories import article_admin_data, make_author, make_user

ADD = reverse("admin:articles_article_add")


def editor_client():
    user = make_user(role="Editor")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_headline_is_a_box_that_wraps():
    content = editor_client().get(ADD).content.decode()
    assert '<textarea name="headline"' in content
    assert 'class="article-headline"' in content


@pytest.mark.django_db
def test_a_line_break_typed_into_the_headline_is_stored_as_a_space():
    client = editor_client()
    data = article_admin_data(
        authors=[make_author()],
        headline="Council backs budget\r\nafter a   long night",
        **{ACTION_FIELD: "draft"},
    )
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get().headline == "Council backs budget after a long night"
