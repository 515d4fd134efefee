"""The Spanish catalog: every entry translated, and the committed .mo compiled from this .po."""

import gettext
import re
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import make_article, make_comment
from tests.i18n.po import entries, translations

CATALOG = Path(__file__).resolve().parents[2] / "locale" / "es" / "LC_MESSAGES"


def test_every_entry_is_translated_and_none_is_fuzzy():
    found = entries(CATALOG / "django.po")[1:]  # after the header
    assert len(found) > 100
    untranslated = [
        entry["msgid"]
        for entry in found
        if "fuzzy" in entry.get("flags", ())
        or not all(value for key, value in entry.items() if key.startswith("msgstr"))
    ]
    assert untranslated == []


def test_the_committed_mo_is_compiled_from_the_po():
    """A .po edited without `make messages` (compilemessages) fails here."""
    with (CATALOG / "django.mo").open("rb") as compiled:
        catalog = dict(gettext.GNUTranslations(compiled)._catalog)
    catalog.pop("", None)  # the header
    assert catalog == translations(CATALOG / "django.po")


@pytest.mark.django_db
def test_the_front_page_and_an_article_speak_spanish(settings):
    # The site's language is the setting: no middleware picks one per request.
    settings.LANGUAGE_CODE = "es"
    for number in range(4):
        article = make_article(headline=f"Noticia {number}")
    make_comment(article=article, body="Por fin.")
    front = Client().get("/").content.decode()
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Lo último" in front and ">Latest<" not in front
    assert '<html lang="es">' in page
    assert "Responder" in page and ">Reply<" not in page
    # The byline, the story's time and the comments' times as a Spanish paper prints them.
    assert "Por " in page and "By " not in page
    assert "Publicado <time" in page and "Published <time" not in page
    assert re.search(r">\d{1,2} de \w+ de \d{4}, \d\d:\d\d</time>", page)
    assert re.search(r">\d{1,2} de \w+ de \d{4} a las \d\d:\d\d</a></time>", page)
    assert " at " not in page


@pytest.mark.django_db
def test_the_comment_form_and_its_errors_speak_spanish(settings):
    settings.LANGUAGE_CODE = "es"
    article = make_article(headline="El puente reabre")
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Deja un comentario" in page
    assert "Tu dirección de correo electrónico no será publicada." in page
    assert "Leave a Reply" not in page and "will not be published" not in page
    # The texts comments.js adds come with the form, in the site's language.
    assert 'data-save-details="Guardar mi nombre' in page
    assert 'data-cancel-reply="Cancelar' in page
    # Sent empty: the errors are Spanish too, and the form comes back (400).
    response = Client().post(
        f"/comments/post/{article.pk}/", {"body": "", "name": "", "email": "no"}
    )
    errors = response.content.decode()
    assert response.status_code == 400
    assert "Tu comentario no se ha enviado." in errors
    assert "Escribe un comentario." in errors and "Please write a comment." not in errors


@pytest.mark.django_db
def test_a_missing_page_and_the_page_chrome_speak_spanish(settings):
    settings.LANGUAGE_CODE = "es"
    response = Client().get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "No encontramos esa página" in page and "Ir a la portada" in page
    assert "Ir al contenido" in page and "Buscar noticias" in page
    assert "Skip to content" not in page and "front page" not in page


@pytest.mark.django_db
def test_search_and_a_section_speak_spanish(settings):
    settings.LANGUAGE_CODE = "es"
    article = make_article(headline="El puente reabre")
    search = Client().get("/search/?q=zzzz").content.decode()
    assert "No hay noticias para «zzzz»." in search and "No stories found" not in search
    section = Client().get(article.section.get_absolute_url()).content.decode()
    assert "Buscar noticias" in section and "Search stories" not in section


@pytest.mark.django_db
def test_a_feed_speaks_spanish(settings):
    from django.urls import reverse

    from tests.factories import make_author

    settings.LANGUAGE_CODE = "es"
    author = make_author(name="Ana Ruiz")
    make_article(headline="El puente reabre", authors=[author])
    feed = Client().get(reverse("feeds:author-rss", args=[author.slug])).content.decode()
    assert "<title>Noticias de Ana Ruiz — " in feed
    assert "Las últimas noticias de Ana Ruiz." in feed
    assert "<language>es</language>" in feed
    assert "Stories by" not in feed
