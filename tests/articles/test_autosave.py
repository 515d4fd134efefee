"""Autosaves of the article form: kept per user, apart from the article, and gone once saved."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles import autosave
from articles.models import Article, ArticleAutosave
from tests.factories import article_admin_data, make_article, make_author, make_user

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_article_autosave")
DISCARD_URL = reverse("admin:articles_article_autosave_discard")
ADD_URL = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def send(client, payload, url=URL, **extra):
    return client.post(url, json.dumps(payload), content_type="application/json", **extra)


@pytest.fixture
def editor(client):
    user = make_user(role="Editor")
    client.force_login(user)
    return user


def test_editor_autosave_is_stored_and_the_article_is_not_touched(client, editor):
    article = make_article(headline="As it stands", status=Article.Status.DRAFT)
    before = Article.objects.values().get(pk=article.pk)
    versions = Version.objects.count()

    response = send(
        client,
        {"article": article.pk, "fields": {"headline": "Typed, not saved", "body": "<p>Hi</p>"}},
    )

    assert response.status_code == 200
    assert "saved_at" in response.json()
    stored = ArticleAutosave.objects.get(user=editor, article=article)
    assert stored.fields == {"headline": "Typed, not saved", "body": "<p>Hi</p>"}
    assert Article.objects.values().get(pk=article.pk) == before
    assert Version.objects.count() == versions


def test_a_second_autosave_replaces_the_first(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    send(client, {"article": article.pk, "fields": {"headline": "One"}})
    send(client, {"article": str(article.pk), "fields": {"headline": "Two"}})
    assert ArticleAutosave.objects.get().fields == {"headline": "Two"}


def test_new_article_autosave_has_no_article_and_is_one_per_user(client, editor):
    send(client, {"article": None, "fields": {"headline": "First draft"}})
    send(client, {"article": "", "fields": {"headline": "Second draft"}})
    stored = ArticleAutosave.objects.get()
    assert stored.article is None
    assert stored.fields == {"headline": "Second draft"}
    assert Article.objects.count() == 0


def test_only_the_forms_fields_are_kept(client, editor):
    send(
        client,
        {
            "article": None,
            "fields": {
                "headline": "Kept",
                "published_at_0": "2026-12-07",
                "created_by": "1",
                "loaded_updated_at": "x",
            },
        },
    )
    assert ArticleAutosave.objects.get().fields == {
        "headline": "Kept",
        "published_at_0": "2026-12-07",
    }


def test_each_user_has_their_own_autosave(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    other = make_user(role="Editor")
    other_client = Client(enforce_csrf_checks=False)
    other_client.force_login(other)
    send(client, {"article": article.pk, "fields": {"headline": "Mine"}})
    send(other_client, {"article": article.pk, "fields": {"headline": "Theirs"}})
    assert ArticleAutosave.objects.get(user=editor).fields == {"headline": "Mine"}
    assert ArticleAutosave.objects.get(user=other).fields == {"headline": "Theirs"}


def test_logged_out_autosave_gets_401_json():
    response = send(Client(), {"article": None, "fields": {"headline": "Lost?"}})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "expired" in response.json()["error"]
    assert response.json()["code"] == "login"
    assert not ArticleAutosave.objects.exists()


def test_non_staff_user_gets_401():
    client = Client()
    client.force_login(make_user(is_staff=False))
    response = send(client, {"article": None, "fields": {"headline": "x"}})
    assert response.status_code == 401


def test_autosave_without_csrf_token_is_refused_as_json():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(role="Editor"))
    response = send(client, {"article": None, "fields": {"headline": "Forged"}})
    assert response.status_code == 403
    assert response.json()["code"] == "csrf"
    assert not ArticleAutosave.objects.exists()


def test_autosave_with_csrf_token_is_accepted():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(role="Editor"))
    client.get(ADD_URL)  # sets the CSRF cookie, as opening the form does
    token = client.cookies["csrftoken"].value
    response = send(
        client, {"article": None, "fields": {"headline": "Real"}}, HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200


def test_reporter_cannot_autosave_someone_elses_article(client):
    reporter = make_user(role="Reporter")
    client.force_login(reporter)
    article = make_article(status=Article.Status.DRAFT, authors=[make_author()])
    response = send(client, {"article": article.pk, "fields": {"headline": "Mine now"}})
    assert response.status_code == 403
    assert response.json()["code"] == "permission"
    assert not ArticleAutosave.objects.exists()


def test_reporter_autosaves_own_draft(client):
    reporter = make_user(role="Reporter")
    client.force_login(reporter)
    article = make_article(
        status=Article.Status.DRAFT, authors=[make_author(user=reporter)], created_by=reporter
    )
    response = send(client, {"article": article.pk, "fields": {"headline": "Better"}})
    assert response.status_code == 200


def test_staff_without_article_permissions_cannot_autosave(client):
    client.force_login(make_user(role="Moderator"))
    response = send(client, {"article": None, "fields": {"headline": "x"}})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "body, status",
    [
        ("not json", 400),
        ("[1, 2]", 400),
        (json.dumps({"article": None}), 400),
        (json.dumps({"article": None, "fields": ["headline"]}), 400),
        (json.dumps({"article": None, "fields": {"headline": 3}}), 400),
        (json.dumps({"article": "abc", "fields": {}}), 400),
        (json.dumps({"article": 999999, "fields": {}}), 404),
    ],
)
def test_bad_input_is_a_4xx_with_a_json_error(client, editor, body, status):
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == status
    assert response.json()["error"]
    assert not ArticleAutosave.objects.exists()


def test_too_large_an_autosave_is_refused(client, editor):
    huge = "x" * (autosave.MAX_BYTES + 1)
    response = send(client, {"article": None, "fields": {"body": huge}})
    assert response.status_code == 413
    assert not ArticleAutosave.objects.exists()


def test_get_is_refused(client, editor):
    response = client.get(URL)
    assert response.status_code == 405
    assert response.json()["error"]


def test_discard_deletes_only_the_users_autosave(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    other = make_user(role="Editor")
    ArticleAutosave.objects.create(user=editor, article=article, fields={"headline": "a"})
    ArticleAutosave.objects.create(user=other, article=article, fields={"headline": "b"})
    response = send(client, {"article": article.pk}, url=DISCARD_URL)
    assert response.status_code == 200
    assert list(ArticleAutosave.objects.values_list("user", flat=True)) == [other.pk]


def test_discard_needs_a_login():
    response = send(Client(), {"article": None}, url=DISCARD_URL)
    assert response.status_code == 401


def test_saving_the_article_deletes_the_users_autosave(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    other = make_user(role="Editor")
    ArticleAutosave.objects.create(user=editor, article=article, fields={"headline": "a"})
    ArticleAutosave.objects.create(user=other, article=article, fields={"headline": "b"})
    response = client.post(
        change_url(article), article_admin_data(article=article, headline="Saved for real")
    )
    assert response.status_code == 302
    assert list(ArticleAutosave.objects.values_list("user", flat=True)) == [other.pk]


def test_adding_an_article_deletes_the_users_new_article_autosave(client, editor):
    ArticleAutosave.objects.create(user=editor, article=None, fields={"headline": "Draft"})
    response = client.post(ADD_URL, article_admin_data(headline="Brand new", slug="brand-new"))
    assert response.status_code == 302
    assert not ArticleAutosave.objects.exists()


def test_a_form_with_errors_keeps_the_autosave(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    ArticleAutosave.objects.create(user=editor, article=article, fields={"headline": "a"})
    response = client.post(change_url(article), article_admin_data(article=article, headline=""))
    assert response.status_code == 200
    assert ArticleAutosave.objects.exists()


def script_data(response):
    html = response.content.decode()
    start = html.index('src="/static/js/autosave.js"')
    return html[start : html.index("</script>", start)]


def test_change_form_offers_an_autosave_newer_than_the_article(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    ArticleAutosave.objects.create(
        user=editor,
        article=article,
        fields={"headline": "Newer <b>text</b>"},
        saved_at=article.updated_at + timedelta(minutes=1),
    )
    tag = script_data(client.get(change_url(article)))
    assert "data-autosave=" in tag
    assert "Newer &lt;b&gt;text&lt;/b&gt;" in tag  # escaped in the attribute
    assert "There is an autosave of this article newer than the version below." in tag


def test_change_form_ignores_an_autosave_older_than_the_article(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    ArticleAutosave.objects.create(
        user=editor,
        article=article,
        fields={"headline": "Older"},
        saved_at=article.updated_at - timedelta(minutes=1),
    )
    tag = script_data(client.get(change_url(article)))
    assert 'data-autosave=""' in tag
    assert "Older" not in tag


def test_add_form_offers_the_new_article_autosave(client, editor):
    ArticleAutosave.objects.create(user=editor, article=None, fields={"headline": "Unsaved"})
    tag = script_data(client.get(ADD_URL))
    assert "Unsaved" in tag
    assert f'data-url="{URL}"' in tag


def test_someone_elses_autosave_is_not_offered(client, editor):
    ArticleAutosave.objects.create(
        user=make_user(role="Editor"), article=None, fields={"headline": "Theirs"}
    )
    assert "Theirs" not in script_data(client.get(ADD_URL))


def test_body_editor_and_text_fields_have_spellcheck_on(client, editor):
    html = client.get(ADD_URL).content.decode()
    assert "NoSpellCheck" not in html  # the package's extension that turns it off
    assert 'name="headline"' in html
    for name in ("headline", "dek"):
        start = html.index(f'name="{name}"')
        tag = html[html.rindex("<", 0, start) : html.index(">", start)]
        assert 'spellcheck="true"' in tag, name


def test_no_autosave_on_a_form_the_user_may_only_read(client):
    reporter = make_user(role="Reporter")
    client.force_login(reporter)
    article = make_article(authors=[make_author(user=reporter)], created_by=reporter)  # published
    response = client.get(change_url(article))
    assert response.status_code == 200
    assert "js/autosave.js" not in response.content.decode()


def test_the_byline_rows_are_kept_with_the_autosave(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    rows = [
        {"id": "7", "author": "3", "position": "0", "delete": "on"},
        {"author": "4", "position": "1", "extra": "dropped"},
    ]
    assert send(client, {"article": article.pk, "fields": {"bylines": rows}}).status_code == 200
    assert ArticleAutosave.objects.get().fields["bylines"] == [
        {"id": "7", "author": "3", "position": "0", "delete": "on"},
        {"id": "", "author": "4", "position": "1", "delete": ""},
    ]


@pytest.mark.parametrize(
    "bylines", ["Ana", [["3"]], [{"author": 3}], [{"author": "3"}] * 101], ids=repr
)
def test_byline_rows_that_are_not_rows_of_text_are_refused(client, editor, bylines):
    response = send(client, {"article": None, "fields": {"bylines": bylines}})
    assert response.status_code == 400
    assert "byline" in response.json()["error"]
    assert not ArticleAutosave.objects.exists()


def test_the_offered_autosave_names_its_byline_authors(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    ana = make_author(name="Ana <Ruiz>")
    rows = [{"id": "", "author": str(ana.pk), "position": "0", "delete": ""}]
    ArticleAutosave.objects.create(
        user=editor, article=article, fields={"bylines": rows, "headline": "Newer"}
    )
    page = client.get(change_url(article)).content.decode()
    assert "data-autosave-authors" in page
    assert "Ana &lt;Ruiz&gt;" in page
