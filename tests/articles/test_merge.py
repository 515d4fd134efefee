"""Edit conflicts that keep both saves: fields only one person changed are merged; fields both
changed are shown side by side and the editor picks."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.conflicts import fingerprint, three_way
from articles.models import Article
from tests.factories import article_admin_data, make_article, make_author, make_user

CONFLICT = "after you opened it. Your changes are not saved yet"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def logged_in(name):
    client = Client()
    client.force_login(make_user(name, role="Editor"))
    return client


def hidden(response, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no hidden {name}"
    return match.group(1)


def opened(client, article):
    """What the change form carries when opened: its conflict token and field fingerprints."""
    page = client.get(change_url(article))
    return {
        "loaded_updated_at": hidden(page, "loaded_updated_at"),
        "loaded_fields": hidden(page, "loaded_fields"),
    }


def save(client, article, opened_with, **fields):
    return client.post(
        change_url(article), article_admin_data(article=article, **opened_with, **fields)
    )


@pytest.mark.django_db
def test_two_editors_changing_different_fields_both_keep_their_change():
    article = make_article(headline="Old headline", dek="Old standfirst", body="<p>Body.</p>")
    alice, bruno = logged_in("alice"), logged_in("bruno")
    alice_opened, bruno_opened = opened(alice, article), opened(bruno, article)

    assert save(alice, article, alice_opened, dek="Alice's standfirst").status_code == 302
    second = save(bruno, article, bruno_opened, headline="Bruno's headline")

    assert second.status_code == 302
    article.refresh_from_db()
    assert article.dek == "Alice's standfirst"
    assert article.headline == "Bruno's headline"
    assert article.body == "<p>Body.</p>"
    messages = [str(m) for m in second.wsgi_request._messages]
    assert any("both changes are kept" in m and "Standfirst" in m for m in messages)


@pytest.mark.django_db
def test_the_same_field_changed_by_both_is_shown_and_saved_with_the_editors_choice():
    article = make_article(headline="Old", dek="Old standfirst", body="<p>Original.</p>")
    alice, bruno = logged_in("alice"), logged_in("bruno")
    alice_opened, bruno_opened = opened(alice, article), opened(bruno, article)
    assert save(alice, article, alice_opened, body="<p>Alice wrote this.</p>").status_code == 302

    second = save(
        bruno, article, bruno_opened, body="<p>Bruno wrote this.</p>", dek="Bruno's standfirst"
    )
    assert second.status_code == 200
    [message] = second.context["adminform"].form.non_field_errors()
    assert CONFLICT in message
    assert "(by alice)" in message
    assert "You both changed Body" in message
    page = second.content.decode()
    assert 'name="_merge_body" value="theirs"' in page
    assert "Alice wrote this." in page
    assert "Bruno wrote this." in page
    article.refresh_from_db()
    assert article.body == "<p>Alice wrote this.</p>"
    # The re-shown form still merges against what Bruno opened: the token is unchanged.
    assert hidden(second, "loaded_updated_at") == bruno_opened["loaded_updated_at"]

    # Without a choice it stops again; with "mine" Bruno's body wins and his standfirst too.
    again = {**bruno_opened, "loaded_updated_at": hidden(second, "loaded_updated_at")}
    assert save(bruno, article, again, body="<p>Bruno wrote this.</p>").status_code == 200
    third = save(
        bruno,
        article,
        again,
        body="<p>Bruno wrote this.</p>",
        dek="Bruno's standfirst",
        _merge_body="mine",
    )
    assert third.status_code == 302
    article.refresh_from_db()
    assert (article.body, article.dek) == ("<p>Bruno wrote this.</p>", "Bruno's standfirst")


@pytest.mark.django_db
def test_choosing_theirs_keeps_the_other_editors_value():
    article = make_article(headline="Old")
    alice, bruno = logged_in("alice"), logged_in("bruno")
    alice_opened, bruno_opened = opened(alice, article), opened(bruno, article)
    assert save(alice, article, alice_opened, headline="Alice's").status_code == 302
    response = save(bruno, article, bruno_opened, headline="Bruno's", _merge_headline="theirs")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Alice's"


@pytest.mark.django_db
def test_a_publish_meanwhile_is_kept_when_the_editor_only_changed_the_text():
    article = make_article(status=Article.Status.DRAFT, body="<p>Draft.</p>")
    chief, editor = logged_in("chief"), logged_in("editor")
    chief_opened, editor_opened = opened(chief, article), opened(editor, article)
    assert save(chief, article, chief_opened, _article_action="publish").status_code == 302
    assert save(editor, article, editor_opened, body="<p>Edited.</p>").status_code == 302
    article.refresh_from_db()
    assert article.is_published
    assert article.body == "<p>Edited.</p>"


@pytest.mark.django_db
def test_tampered_fingerprints_fall_back_to_stopping_the_save():
    article = make_article(body="<p>Kept.</p>")
    alice, bruno = logged_in("alice"), logged_in("bruno")
    alice_opened, bruno_opened = opened(alice, article), opened(bruno, article)
    assert save(alice, article, alice_opened, dek="Alice").status_code == 302
    bruno_opened["loaded_fields"] = bruno_opened["loaded_fields"] + "x"
    response = save(bruno, article, bruno_opened, headline="Bruno")
    assert response.status_code == 200
    assert "saving again will replace it" in response.context["adminform"].form.errors["__all__"][0]


def test_three_way_rule():
    opened = {name: fingerprint(value) for name, value in {"a": 1, "b": 1, "c": 1, "d": 1}.items()}
    theirs = {"a": 2, "b": 1, "c": 2, "d": 3}
    mine = {"a": 1, "b": 2, "c": 2, "d": 4}
    assert three_way(opened, theirs, mine, {}) == (["a"], ["d"])
    assert three_way(opened, theirs, mine, {"d": "theirs"}) == (["a", "d"], [])
    assert three_way(opened, theirs, mine, {"d": "mine"}) == (["a"], [])


def byline_of(article):
    return list(article.bylines.order_by("position").values_list("author__name", flat=True))


@pytest.mark.django_db
def test_a_byline_changed_meanwhile_survives_an_editor_who_changed_only_the_text():
    ana, ben = make_author(name="Ana"), make_author(name="Ben")
    article = make_article(dek="Old standfirst", authors=[ana])
    alice, bruno = logged_in("alice"), logged_in("bruno")
    alice_opened, bruno_opened = opened(alice, article), opened(bruno, article)
    # Bruno's form as he opened it, sent after Alice's save.
    bruno_form = article_admin_data(article=article, **bruno_opened, dek="Bruno's standfirst")
    alice_form = article_admin_data(article=article, **alice_opened, authors=[ana, ben])
    assert alice.post(change_url(article), alice_form).status_code == 302

    response = bruno.post(change_url(article), bruno_form)
    assert response.status_code == 302
    article.refresh_from_db()
    assert byline_of(article) == ["Ana", "Ben"]
    assert article.dek == "Bruno's standfirst"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("both changes are kept" in m and "Byline" in m for m in messages)


@pytest.mark.django_db
@pytest.mark.parametrize(("choice", "kept"), [("mine", ["Ana", "Cy"]), ("theirs", ["Ana", "Ben"])])
def test_a_byline_changed_by_both_is_shown_and_saved_with_the_editors_choice(choice, kept):
    ana, ben, cy = make_author(name="Ana"), make_author(name="Ben"), make_author(name="Cy")
    article = make_article(authors=[ana])
    alice, bruno = logged_in("alice"), logged_in("bruno")
    alice_opened, bruno_opened = opened(alice, article), opened(bruno, article)
    bruno_form = article_admin_data(article=article, **bruno_opened, authors=[ana, cy])
    alice_form = article_admin_data(article=article, **alice_opened, authors=[ana, ben])
    assert alice.post(change_url(article), alice_form).status_code == 302

    second = bruno.post(change_url(article), bruno_form)
    assert second.status_code == 200
    [message] = second.context["adminform"].form.non_field_errors()
    assert "You both changed Byline" in message
    page = second.content.decode()
    assert 'name="_merge_bylines" value="theirs"' in page
    assert "Ana, Ben" in page and "Ana, Cy" in page
    article.refresh_from_db()
    assert byline_of(article) == ["Ana", "Ben"]

    third = bruno.post(change_url(article), {**bruno_form, "_merge_bylines": choice})
    assert third.status_code == 302, third.context["adminform"].form.errors
    article.refresh_from_db()
    assert byline_of(article) == kept
