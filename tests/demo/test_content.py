"""The demo outlet: its data files and `manage.py seed_demo`."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Article, Section
from authors.models import Author
from comments.models import Comment
from demo import content


def test_article_files_are_named_after_their_headlines():
    names = sorted(path.stem for path in (content.DATA / "articles").glob("*.md"))
    assert names == sorted(slugify(article["headline"]) for article in content.ARTICLES)


def test_articles_name_sections_and_authors_that_exist():
    sections = {section["slug"] for section in content.SECTIONS}
    authors = {author["slug"] for author in content.AUTHORS}
    for article in content.ARTICLES:
        assert article["section"] in sections, article["headline"]
        assert set(article["authors"]) <= authors, article["headline"]


def test_an_article_file_missing_from_the_order_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "stray.md").write_text('+++\nheadline = "Stray"\n+++\n\nBody.\n')
    monkeypatch.setattr(content, "DATA", tmp_path)
    with pytest.raises(ValueError, match=r"not listed \['stray'\]"):
        content.read_articles([])


@pytest.mark.django_db
def test_seed_demo_loads_the_demo_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--once", stdout=StringIO())
    assert Article.objects.count() == len(content.ARTICLES)
    assert Comment.objects.count() == sum(len(a.get("comments", [])) for a in content.ARTICLES)
    assert Author.objects.count() == len(content.AUTHORS)
    assert Section.objects.count() == len(content.SECTIONS)
    assert Tag.objects.count() == len({tag for a in content.ARTICLES for tag in a["tags"]})

    out = StringIO()
    call_command("seed_demo", "--once", stdout=out)
    assert out.getvalue().strip() == "Demo content already loaded."
    assert Article.objects.count() == len(content.ARTICLES)


def test_every_demo_photo_is_used_licensed_and_small():
    photos = {path.name for path in content.PHOTOS.glob("*.jpg")}
    used = [article["photo"]["file"] for article in content.ARTICLES if "photo" in article]
    assert sorted(used) == sorted(photos)
    licences = (content.PHOTOS / "LICENSES").read_text()
    for name in photos:
        assert f"\n{name}\n  Source:" in licences, name
    assert sum(path.stat().st_size for path in content.PHOTOS.iterdir()) <= 2 * 1024 * 1024
    for article in content.ARTICLES:
        if "photo" in article:
            assert all(article["photo"][key].strip() for key in ("alt", "caption", "credit"))


@pytest.mark.django_db
def test_seed_demo_gives_stories_their_lead_photos_with_renditions(settings, media_root):
    settings.DEBUG = True
    call_command("seed_demo", "--once", stdout=StringIO())
    with_photos = {a["headline"]: a["photo"] for a in content.ARTICLES if "photo" in a}
    assert len(with_photos) >= 4
    for article in Article.objects.filter(lead_photo__isnull=False).select_related("lead_photo"):
        spec = with_photos.pop(article.headline)
        photo = article.lead_photo
        assert (photo.alt_text, photo.caption, photo.credit) == (
            spec["alt"],
            spec["caption"],
            spec["credit"],
        )
        assert photo.renditions.exists()
        assert (media_root / photo.image.name).is_file()
    assert with_photos == {}
