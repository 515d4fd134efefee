"""Corrections: added by editors, printed under the article, listed site-wide at /corrections/."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article, Correction
from tests.factories import (
    article_admin_data,
    make_article,
    make_author,
    make_correction,
    make_user,
)

pytestmark = pytest.mark.django_db

CORRECTIONS_URL = reverse("articles:corrections")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def imported(**fields):
    """A published article whose own edits never count as updates (imported, old)."""
    return make_article(published_at=timezone.now() - timedelta(days=30), **fields)


# On the article page


def test_a_correction_is_printed_at_the_end_of_the_article_with_its_date(client):
    article = imported()
    when = timezone.now() - timedelta(days=1)
    make_correction(article=article, text="The bridge is 40 m long, not 400 m.", published_at=when)
    content = client.get(article.get_absolute_url()).content.decode()
    corrections = content.split('id="corrections-heading"')[1]
    assert corrections.startswith(">Correction</h2>")
    assert "The bridge is 40 m long, not 400 m." in corrections
    assert f'<time datetime="{timezone.localtime(when):%Y-%m-%dT%H:%M:%S%z}">' in corrections
    assert content.index("corrections-heading") > content.index("story__body")


def test_several_corrections_are_headed_corrections_and_listed_newest_first(client):
    article = imported()
    now = timezone.now()
    make_correction(article=article, text="Older fix.", published_at=now - timedelta(days=2))
    make_correction(article=article, text="Newer fix.", published_at=now - timedelta(hours=1))
    content = client.get(article.get_absolute_url()).content.decode()
    assert ">Corrections</h2>" in content
    assert content.index("Newer fix.") < content.index("Older fix.")


def test_a_correction_makes_the_article_show_updated_with_the_corrections_time(client):
    article = imported()
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Updated" not in content
    when = timezone.now() - timedelta(hours=3)
    make_correction(article=article, published_at=when)
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Updated" in strip_tags(content)
    assert f'Updated <time datetime="{timezone.localtime(when):%Y-%m-%dT%H:%M:%S%z}">' in content


def test_the_updated_time_is_the_latest_of_an_edit_and_a_correction():
    published = timezone.now() - timedelta(days=5)
    article = make_article(published_at=published)
    edited = published + timedelta(days=1)
    Article.objects.filter(pk=article.pk).update(created_at=published, updated_at=edited)
    corrected = published + timedelta(days=2)
    make_correction(article=article, published_at=corrected)
    article.refresh_from_db()
    assert article.updated_time == corrected
    Article.objects.filter(pk=article.pk).update(updated_at=published + timedelta(days=3))
    article.refresh_from_db()
    assert article.updated_time == published + timedelta(days=3)
    assert article.was_updated


def test_a_correction_timed_in_the_future_is_not_shown_yet(client):
    article = imported()
    make_correction(article=article, text="Not yet.", published_at=timezone.now() + timedelta(1))
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Not yet." not in content
    assert "Updated" not in content


def test_correction_text_is_shown_as_plain_text(client):
    article = imported()
    make_correction(article=article, text='<script>alert("x")</script> Fixed.')
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in content
    assert "&lt;script&gt;" in content


def test_an_article_without_corrections_has_no_corrections_heading(client):
    content = client.get(imported().get_absolute_url()).content.decode()
    assert "corrections-heading" not in content


# The corrections page


def test_corrections_page_lists_corrections_newest_first_linking_to_their_articles(client):
    now = timezone.now()
    first = imported(headline="Bridge story")
    second = imported(headline="Budget story")
    make_correction(article=first, text="Bridge fix.", published_at=now - timedelta(days=2))
    make_correction(article=second, text="Budget fix.", published_at=now - timedelta(hours=1))
    response = client.get(CORRECTIONS_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("Budget fix.") < content.index("Bridge fix.")
    assert f'href="{first.get_absolute_url()}"' in content
    assert f'href="{second.get_absolute_url()}"' in content


def test_corrections_page_leaves_out_articles_readers_cannot_see(client):
    make_correction(article=make_article(status=Article.Status.DRAFT), text="Draft fix.")
    make_correction(
        article=make_article(published_at=timezone.now() + timedelta(days=1)), text="Early fix."
    )
    make_correction(
        article=imported(), text="Future fix.", published_at=timezone.now() + timedelta(1)
    )
    make_correction(article=imported(), text="Visible fix.")
    response = client.get(CORRECTIONS_URL)
    content = response.content.decode()
    assert "Visible fix." in content
    for hidden in ("Draft fix.", "Early fix.", "Future fix."):
        assert hidden not in content
    assert len(response.context["corrections"]) == 1


def test_corrections_page_is_paginated(client):
    article = imported()
    now = timezone.now()
    for n in range(settings.NEWSROOM_PAGE_SIZE + 1):
        make_correction(article=article, text=f"Fix {n}.", published_at=now - timedelta(hours=n))
    first = client.get(CORRECTIONS_URL)
    assert len(first.context["corrections"]) == settings.NEWSROOM_PAGE_SIZE
    assert 'rel="next"' in first.content.decode()
    last = client.get(CORRECTIONS_URL, {"page": 2})
    assert [c.text for c in last.context["corrections"]] == [f"Fix {settings.NEWSROOM_PAGE_SIZE}."]


def test_corrections_page_says_so_when_there_are_none(client):
    response = client.get(CORRECTIONS_URL)
    assert response.status_code == 200
    assert "No corrections have been published." in response.content.decode()


# In the admin


def test_editor_adds_a_correction_from_the_article_form_stamped_with_their_name(client):
    editor = make_user(role="Editor")
    client.force_login(editor)
    article = imported()
    data = article_admin_data(article=article, corrections=["We misnamed the mayor."])
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.article == article
    assert correction.text == "We misnamed the mayor."
    assert correction.created_by == editor
    assert "We misnamed the mayor." in client.get(article.get_absolute_url()).content.decode()


def test_editor_can_edit_an_existing_correction_and_the_article_saves_with_it(client):
    client.force_login(make_user(role="Editor"))
    article = imported()
    make_correction(article=article, text="Typo")
    data = article_admin_data(article=article, dek="New standfirst")
    data["corrections-0-text"] = "Typo fixed"
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    assert Correction.objects.get().text == "Typo fixed"


def test_reporter_cannot_add_a_correction_even_to_their_own_draft(client):
    reporter = make_user(role="Reporter")
    author = make_author(user=reporter)
    client.force_login(reporter)
    draft = make_article(status=Article.Status.DRAFT, created_by=reporter, authors=[author])
    response = client.get(change_url(draft))
    assert response.status_code == 200
    assert 'name="corrections-0-text"' not in response.content.decode()
    assert 'name="corrections-__prefix__-text"' not in response.content.decode()
    client.post(change_url(draft), article_admin_data(article=draft, corrections=["Sneaky"]))
    assert not Correction.objects.exists()


def test_reporter_sees_an_existing_correction_read_only(client):
    reporter = make_user(role="Reporter")
    author = make_author(user=reporter)
    client.force_login(reporter)
    draft = make_article(status=Article.Status.DRAFT, created_by=reporter, authors=[author])
    make_correction(article=draft, text="Earlier fix")
    content = client.get(change_url(draft)).content.decode()
    assert "Earlier fix" in content
    assert 'name="corrections-0-text"' not in content


def test_add_form_has_no_corrections_inline(client):
    client.force_login(make_user(role="Editor"))
    content = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "corrections-TOTAL_FORMS" not in content
