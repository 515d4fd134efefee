"""Importing the fixture export: every kind of item, threads, media, idempotence, dry runs."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone
from taggit.models import Tag

from articles.html import render_body
from articles.models import Article, Section
from authors.models import Author
from comments.models import Comment
from pages.models import Page
from photos.models import Photo
from wpimport.models import ImportedObject, LegacyRedirect
from wpimport.report import KINDS
from wpimport.services import wordpress_import
from wpimport.wxr import NotWXR

from .conftest import RIVERSIDE, variant

pytestmark = pytest.mark.django_db


def run(path=RIVERSIDE, **options):
    return wordpress_import(path=path, **options)


def row_counts():
    """Rows in every table of the project (the whole database as the apps see it)."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def article(wp_id):
    return ImportedObject.objects.get(kind="post", wp_id=str(wp_id)).article


def test_authors_become_profiles_without_logins_nor_emails():
    report = run()
    assert report.counts["authors"]["created"] == 3  # two listed, one only named on a post
    mara = Author.objects.get(slug="mara")
    assert mara.name == "Mara Okafor"
    assert mara.bio == "Mara covers the council and the courts."
    assert mara.user is None
    assert Author.objects.filter(slug="newcomer").exists()
    assert not Author.objects.filter(user__isnull=False).exists()


def test_create_logins_makes_users_without_password_or_staff_rights():
    run(create_logins=True)
    user = Author.objects.get(slug="mara").user
    assert user.username == "mara"
    assert user.email == "mara.okafor@ledger.example.org"
    assert not user.has_usable_password()
    assert not user.is_staff and not user.is_superuser


def test_top_level_categories_become_sections_and_nested_ones_tags():
    report = run()
    assert set(Section.objects.values_list("slug", flat=True)) == {"local", "sport", "news"}
    assert Section.objects.get(slug="local").description == "What happens in the river towns."
    assert {"council", "budget", "floods", "rowing"} <= set(
        Tag.objects.values_list("slug", flat=True)
    )
    assert report.counts["sections"]["created"] == 3


def test_a_post_gets_its_section_tags_author_dek_and_lead_photo(media_dir):
    run(media_dir=media_dir)
    story = article(10)
    assert story.headline == "Council votes for a flood barrier"
    assert story.slug == "council-votes-flood-barrier"
    assert story.section.slug == "local"  # top of its nested category "budget"
    assert sorted(story.tags.names()) == ["Budget & Tax", "Floods", "Sport"]
    assert story.dek == "A barrier along Mill Quay, at last."
    assert story.byline_authors[0].slug == "mara"
    assert story.published_at.isoformat() == "2015-01-27T18:30:00+00:00"
    assert story.get_absolute_url() == "/2015/01/27/council-votes-flood-barrier/"
    assert story.lead_photo.alt_text == "Concrete flood barrier along Mill Quay"
    assert story.comment_policy == Article.CommentPolicy.OPEN


def test_body_is_converted_with_the_caption_as_a_placed_library_photo(media_dir):
    run(media_dir=media_dir)
    story = article(10)
    photo = story.lead_photo
    assert f'<figure><img src="/photos/{photo.pk}/" alt="The barrier" data-file="{photo.pk}">' in (
        story.body
    )
    assert "<figcaption>The barrier, as the engineers drew it.</figcaption>" in story.body
    assert "<p>The council voted 7 to 2" in story.body and "<br>" in story.body
    assert '<a href="https://www.youtube.com/watch?v=riverside1"' in story.body
    assert "[until Friday]" in story.body
    assert "contact-form" not in story.body and "<!--" not in story.body


def test_statuses_and_dates_map_to_ours():
    report = run()
    assert article(10).state == Article.State.PUBLISHED
    assert article(12).state == Article.State.SCHEDULED
    assert article(12).published_at.year == 2030
    assert article(13).state == Article.State.DRAFT and article(13).published_at is None
    assert article(14).state == Article.State.IN_REVIEW
    assert article(15).state == Article.State.UNPUBLISHED  # private: a draft keeping its date
    assert report.states["articles"] == {
        "published": 3,
        "scheduled": 1,
        "draft": 1,
        "review": 1,
        "unpublished": 1,
    }


def test_draft_without_slug_gets_one_from_its_title_and_others_go_to_the_default_section():
    run(default_section="Briefs")
    assert article(13).slug == "notes-for-the-budget-story"
    assert article(18).section.name == "Briefs"


def test_a_second_post_with_the_same_slug_that_day_is_suffixed_and_reported():
    report = run()
    assert article(11).slug == "council-votes-flood-barrier-2"
    assert article(11).comment_policy == Article.CommentPolicy.CLOSED
    assert report.notes["articles"]["slug already used that day: suffixed"] == 1


def test_trash_and_a_bad_item_are_skipped_with_reasons_and_the_rest_imported():
    report = run()
    assert report.counts["articles"]["created"] == 7
    assert report.counts["articles"]["skipped"] == 2
    assert report.reasons["articles"]["post in the trash"] == 1
    assert any(reason.startswith("error: ValueError") for reason in report.reasons["articles"])
    assert not Article.objects.filter(slug__in=["deleted-story", "broken-date"]).exists()
    assert report.reasons["other items"] == {"nav_menu_item (not imported)": 1}


def test_comments_keep_state_dates_names_emails_and_threads():
    report = run()
    story = article(10)
    comments = {c.name: c for c in Comment.objects.filter(article=story)}
    assert set(comments) == {
        "Sam Quay", "Jo Reader", "Ali Bank", "Deep Diver", "Waiting Wanda", "Cheap Pills",
        "Removed Ron",
    }  # fmt: skip
    sam, jo, ali, deep = (comments[n] for n in ("Sam Quay", "Jo Reader", "Ali Bank", "Deep Diver"))
    assert (sam.parent, sam.depth) == (None, 1)
    assert (jo.parent, jo.depth) == (sam, 2)  # came before its parent in the file
    assert (ali.parent, ali.depth) == (jo, 3)
    assert (deep.parent, deep.depth) == (jo, 3)  # fourth level, moved up to the third
    assert jo.email == "jo.private@readers.example.net"
    assert jo.email_key and jo.email_key != sam.email_key
    assert jo.url == "https://jo.example.net/"
    assert jo.created_at.isoformat() == "2015-01-28T10:00:00+00:00"
    assert jo.body == "Replying to Sam: the old wall was never enough."
    assert (
        sam.body
        == "About time. My cellar flooded twice last winter.\n\nSee my photos (https://example.net/photos)."
    )
    assert jo.ip_address is None  # not needed, not kept
    assert comments["Waiting Wanda"].status == Comment.Status.PENDING
    assert comments["Cheap Pills"].status == Comment.Status.SPAM
    assert comments["Removed Ron"].status == Comment.Status.REJECTED
    assert report.reasons["comments"]["pingback"] == 1
    assert report.reasons["comments"]["trackback"] == 1
    assert report.reasons["comments"]["on a page (pages have no comments)"] == 1
    assert report.notes["comments"]["nested deeper than 3: moved up"] == 1


def test_pages_become_simple_pages_without_taking_an_existing_address():
    report = run()
    about = ImportedObject.objects.get(kind="page", wp_id="30").page
    assert about.slug == "about-2"  # "about" is the site's own About page
    assert Page.objects.get(slug="about").title == "About us"
    assert about.title == "About the Ledger"
    assert about.summary == "Who we are."
    assert (
        about.body
        == "<p>We have covered the river towns since 1998.</p>\n<p>Write to us at the office.</p>"
    )
    assert not about.in_footer
    assert report.counts["pages"]["created"] == 2


def test_attachments_found_under_media_dir_become_photos_and_the_others_are_listed(media_dir):
    report = run(media_dir=media_dir)
    assert Photo.objects.count() == 2
    boathouse = ImportedObject.objects.get(kind="attachment", wp_id="21").photo
    assert boathouse.alt_text == "Rowing club boathouse"  # no alt text: the title
    assert report.notes["attachments"]["no alt text: the title was used"] == 1
    assert report.counts["attachments"]["skipped"] == 1  # the PDF
    assert any("not imported" in reason for reason in report.reasons["attachments"])


def test_without_media_the_articles_still_import_and_the_files_are_listed_missing():
    report = run()
    assert Photo.objects.count() == 0
    assert article(10).lead_photo is None
    assert report.missing_media == [
        "2015/01/barrier.jpg",
        "2015/02/boathouse.png",
        "2015/02/programme.pdf",
    ]
    assert "Media files not found (3)" in "\n".join(report.lines())


def test_media_dir_cannot_be_escaped_by_a_hostile_export(tmp_path, media_dir):
    (tmp_path / "secret.jpg").write_bytes((media_dir / "2015/01/barrier.jpg").read_bytes())
    text = (
        RIVERSIDE.read_text()
        .replace("2015/01/barrier.jpg]]", "../secret.jpg]]")
        .replace("uploads/2015/01/barrier.jpg<", "uploads/../secret.jpg<")
    )
    report = run(path=variant(tmp_path, text), media_dir=media_dir)
    assert not ImportedObject.objects.filter(kind="attachment", wp_id="20").exists()
    assert "../secret.jpg" in report.missing_media
    assert report.counts["attachments"]["created"] == 1  # the boathouse only


def test_running_twice_creates_nothing_and_changes_nothing(media_dir):
    run(media_dir=media_dir)
    before = row_counts()
    stamps = dict(Article.objects.values_list("pk", "updated_at"))
    report = run(media_dir=media_dir)
    assert row_counts() == before
    assert dict(Article.objects.values_list("pk", "updated_at")) == stamps
    for kind in KINDS:
        assert report.counts[kind]["created"] == 0, kind
        assert report.counts[kind]["updated"] == 0, kind
    assert report.counts["articles"]["unchanged"] == 7
    assert report.counts["comments"]["unchanged"] == 7


def test_a_changed_post_and_comment_are_updated_in_place(tmp_path):
    run()
    text = (
        RIVERSIDE.read_text()
        .replace(
            "Council votes for a flood barrier</title>", "Council backs the flood barrier</title>"
        )
        .replace("Still waiting for a moderator.", "Still waiting, politely.")
    )
    report = run(path=variant(tmp_path, text))
    assert report.counts["articles"]["updated"] == 1
    assert report.counts["articles"]["created"] == 0
    assert report.counts["comments"]["updated"] == 1
    assert article(10).headline == "Council backs the flood barrier"
    assert Comment.objects.filter(body="Still waiting, politely.").count() == 1


def test_imported_and_updated_bodies_are_stored_rendered_for_readers(tmp_path, media_dir):
    run(media_dir=media_dir)
    assert all(a.body_html == render_body(a.body) for a in Article.objects.all())
    text = RIVERSIDE.read_text().replace("The council voted 7 to 2", "The council voted 8 to 1")
    run(path=variant(tmp_path, text), media_dir=media_dir)
    assert "voted 8 to 1" in article(10).body_html
    assert article(10).body_html == render_body(article(10).body)


def test_an_article_deleted_here_is_not_brought_back():
    run()
    article(18).delete()
    report = run()
    assert not Article.objects.filter(slug="market-day").exists()
    assert "deleted here after an earlier import (not brought back)" in report.reasons["articles"]


def test_dry_run_reports_everything_and_writes_nothing(media_dir, media_root):
    before = row_counts()
    report = run(media_dir=media_dir, dry_run=True)
    assert row_counts() == before
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))
    assert report.counts["articles"]["created"] == 7
    assert report.counts["comments"]["created"] == 7
    assert "DRY RUN" in report.lines()[0]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x89PNG\r\n\x1a\n\x00\x00binary",
        b"<!DOCTYPE html><html><head><title>x</title></head><body><p>Hi</body></html>",
        b"<?xml version='1.0'?><catalog><book>x</book></catalog>",
        b"<?xml version='1.0'?><rss version='2.0'><channel><item/></channel></rss>",
        b"<?xml version='1.0'?><rss xmlns:wp='http://wordpress.org/export/1.2/'><channel><item>",
    ],
    ids=["empty", "binary", "html", "other-xml", "plain-rss", "truncated"],
)
def test_a_file_that_is_not_wxr_is_refused_with_nothing_written(tmp_path, content):
    path = tmp_path / "export.xml"
    path.write_bytes(content)
    before = row_counts()
    with pytest.raises(NotWXR, match="not a WordPress export"):
        run(path=path)
    with pytest.raises(CommandError, match="not a WordPress export"):
        call_command("import_wordpress", str(path), stdout=StringIO())
    assert row_counts() == before


def test_entities_are_never_resolved(tmp_path):
    text = (
        RIVERSIDE.read_text()
        .replace(
            '<?xml version="1.0" encoding="UTF-8" ?>',
            '<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        )
        .replace("Half-written.", "Half-written &xxe;")
    )
    run(path=variant(tmp_path, text))
    assert "root:" not in article(13).body


@pytest.mark.parametrize(
    "namespace",
    [
        "http://wordpress.org/export/1.0/",
        "http://wordpress.org/export/1.1/",
        "https://wordpress.org/export/1.2/",
    ],
)
def test_every_wordpress_namespace_variant_gives_the_same_import(tmp_path, namespace):
    text = RIVERSIDE.read_text().replace("http://wordpress.org/export/1.2/", namespace)
    report = run(path=variant(tmp_path, text))
    assert report.counts["articles"]["created"] == 7
    assert report.counts["comments"]["created"] == 7
    assert report.counts["authors"]["created"] == 3


def test_the_command_prints_the_report_and_no_progress_bar_when_not_a_terminal(media_dir):
    out = StringIO()
    call_command("import_wordpress", str(RIVERSIDE), "--media-dir", str(media_dir), stdout=out)
    text = out.getvalue()
    assert "articles" in text and "created" in text
    assert "Articles by state" in text
    assert "[####" not in text and "\r" not in text


def test_the_command_refuses_a_missing_file():
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_wordpress", "/nonexistent/export.xml", stdout=StringIO())


def test_imported_at_is_set(media_dir):
    run(media_dir=media_dir)
    assert ImportedObject.objects.filter(imported_at__lte=timezone.now()).count() > 0
    assert LegacyRedirect.objects.count() > 0
