"""The Spanish catalog: every entry translated, and the committed .mo compiled from this .po."""

import gettext
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
