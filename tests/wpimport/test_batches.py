"""Posts written a batch at a time: queries, re-runs, failures, versions, the cache, search."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

import wpimport.batch
from articles.models import Article
from articles.revisions import latest_version, snapshot
from articles.search import clean_query, search_articles
from comments.models import Comment
from photos.models import Photo
from wpimport.batch import PostBatches
from wpimport.management.commands.make_test_export import write_test_export
from wpimport.media import PhotoMaker
from wpimport.models import ImportedObject
from wpimport.posts import PostsAndPages
from wpimport.services import wordpress_import

from .conftest import RIVERSIDE, variant

pytestmark = pytest.mark.django_db

STATES = {"1": "approved", "0": "pending", "spam": "spam", "trash": "rejected"}
WRITES = ("INSERT", "UPDATE", "DELETE")


def queries_per_batch(monkeypatch, path, batch_size):
    """Import path in batches of batch_size; the queries of each full batch's write."""
    monkeypatch.setattr(PostBatches, "batch_size", batch_size)
    original = PostBatches.write_posts
    counts = []

    def counted(self, prepared):
        with CaptureQueriesContext(connection) as queries:
            original(self, prepared)
        if len(prepared) == batch_size:
            counts.append(len(queries))

    monkeypatch.setattr(PostBatches, "write_posts", counted)
    wordpress_import(path=path)
    wordpress_import(path=path)  # the re-run: unchanged
    monkeypatch.setattr(PostBatches, "write_posts", original)
    return counts


def test_the_queries_of_a_batch_do_not_grow_with_its_size(monkeypatch, tmp_path):
    path = tmp_path / "export.xml"
    write_test_export(path, posts=40, comments=3)
    results = {}
    for size in (10, 20):
        # Each size on the same empty database: the import is rolled back after.
        with transaction.atomic():
            ContentType.objects.clear_cache()  # its first lookups, in the first batch of each
            results[size] = queries_per_batch(monkeypatch, path, size)
            transaction.set_rollback(True)
    small, large = results[10], results[20]
    assert len(small) == 8 and len(large) == 4  # 4 and 2 batches, first run and re-run
    first_small, again_small = small[:4], small[4:]
    first_large, again_large = large[:2], large[2:]
    # The same number of queries for 10 or 20 posts (with 30 or 60 comments) a batch.
    assert first_small[0] == first_large[0], (first_small, first_large)
    assert set(first_small[1:]) == set(first_large[1:]), (first_small, first_large)
    assert set(again_small) == set(again_large), (again_small, again_large)
    assert max(small + large) <= 25


def test_a_re_run_writes_nothing(tmp_path):
    path = tmp_path / "export.xml"
    write_test_export(path, posts=30, comments=3)
    wordpress_import(path=path)
    with CaptureQueriesContext(connection) as queries:
        report = wordpress_import(path=path)
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []
    assert report.counts["articles"] == Counter(unchanged=30)
    assert report.counts["comments"] == Counter(unchanged=90)


def test_a_changed_post_among_unchanged_ones_is_the_only_one_written(tmp_path):
    path = tmp_path / "export.xml"
    write_test_export(path, posts=30, comments=3)
    wordpress_import(path=path)
    stamps = dict(Article.objects.values_list("pk", "updated_at"))
    text = path.read_text().replace(
        "<wp:post_name>story-7</wp:post_name>", "<wp:post_name>seven</wp:post_name>"
    )
    changed = tmp_path / "changed.xml"
    changed.write_text(text)
    report = wordpress_import(path=changed)
    assert report.counts["articles"] == Counter(unchanged=29, updated=1)
    seven = ImportedObject.objects.get(kind="post", wp_id="7").article
    assert seven.slug == "seven"
    after = dict(Article.objects.values_list("pk", "updated_at"))
    assert [pk for pk in after if after[pk] != stamps[pk]] == [seven.pk]
    # Bylines and tags rewritten in place, not doubled; a second version in its history.
    assert seven.bylines.count() == 1
    assert Version.objects.get_for_object(seven).count() == 2


def test_bulk_written_articles_are_rendered_versioned_and_searchable():
    wordpress_import(path=RIVERSIDE)
    for article in Article.objects.all():
        assert article.body_html is not None
        version = latest_version(article)
        assert version.revision.comment == "Imported from WordPress"
        assert version.field_dict["headline"] == article.headline
        shown = snapshot(version)
        assert shown["bylines"] == [a.name for a in article.byline_authors]
        assert sorted(shown["tags"], key=str.lower) == sorted(
            (t.name for t in article.tags.all()), key=str.lower
        )
    # The search index (a trigger) has every bulk-written article.
    found = search_articles(Article.objects.published(), clean_query("flood barrier"))
    assert "Council votes for a flood barrier" in [a.headline for a in found]
    # Restoring a version brings back its bylines and tags.
    article = ImportedObject.objects.get(kind="post", wp_id="10").article
    tags = set(article.tags.names())
    article.tags.clear()
    latest_version(article).revision.revert()
    assert set(article.tags.names()) == tags


def test_cached_pages_are_dropped_once_a_batch_not_once_an_article(monkeypatch):
    monkeypatch.setattr(PostBatches, "batch_size", 3)
    calls = []
    monkeypatch.setattr(wpimport.batch.pagecache, "changed", lambda *tags: calls.append(tags))
    wordpress_import(path=RIVERSIDE)
    imported = set(ImportedObject.objects.filter(kind="post").values_list("article", flat=True))
    assert len(imported) == 7
    # 7 posts in batches of 3: one call a batch, and the whole site once at the end.
    assert len(calls) == 4
    assert calls[-1] == ("site",)
    dropped = {tag for tags in calls[:-1] for tag in tags}
    # A draft never published shows nowhere (articles/invalidation.py): nothing to drop for it.
    shown = Article.objects.filter(pk__in=imported).filter(
        Q(status="published") | Q(published_at__isnull=False)
    )
    assert 0 < shown.count() < 7
    assert {tag for tag in dropped if tag.startswith("article:")} == {
        f"article:{pk}" for pk in shown.values_list("pk", flat=True)
    }
    assert {"listings", "article-set"} <= dropped
    calls.clear()
    wordpress_import(path=RIVERSIDE)
    assert calls == []  # nothing changed: nothing dropped


def test_a_post_failing_in_its_batch_is_skipped_and_the_rest_of_the_batch_imported(monkeypatch):
    original = PostBatches._article

    def failing(self, article, values, now):
        if values["headline"] == "Council votes for a flood barrier":
            raise RuntimeError("disk on fire")
        return original(self, article, values, now)

    monkeypatch.setattr(PostBatches, "_article", failing)
    report = wordpress_import(path=RIVERSIDE)
    assert report.counts["articles"]["created"] == 6
    assert report.reasons["articles"]["error: RuntimeError: disk on fire"] == 1
    assert not Article.objects.filter(headline="Council votes for a flood barrier").exists()
    assert report.reasons["comments"]["its post was not imported"] >= 1
    monkeypatch.setattr(PostBatches, "_article", original)
    again = wordpress_import(path=RIVERSIDE)
    assert again.counts["articles"]["created"] == 1
    assert again.counts["articles"]["unchanged"] == 6


def test_a_post_whose_comments_fail_is_imported_without_them(monkeypatch, tmp_path):
    path = tmp_path / "export.xml"
    write_test_export(path, posts=10, comments=3)
    original = wpimport.batch.comment_values

    def failing(row, status, article, label, report):
        if article.slug == "story-3":
            raise RuntimeError("bad comment")
        return original(row, status, article, label, report)

    monkeypatch.setattr(wpimport.batch, "comment_values", failing)
    report = wordpress_import(path=path)
    assert report.counts["articles"]["created"] == 10
    article = Article.objects.get(slug="story-3")
    assert not Comment.objects.filter(article=article).exists()
    assert report.reasons["comments"]["error: RuntimeError: bad comment"] == 3
    assert report.counts["comments"]["created"] == 27
    assert Comment.objects.count() == 27


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or "5432"
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "Ctrl-C"])
def test_an_import_killed_mid_way_is_finished_by_the_next_run(tmp_path, stop):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the killed import runs in another process")
    path = tmp_path / "export.xml"
    expected = write_test_export(path, posts=2000, comments=3)
    environment = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url(),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    manage = Path(settings.BASE_DIR) / "manage.py"
    process = subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, str(manage), "import_wordpress", str(path)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while ImportedObject.objects.filter(kind="post").count() < 500:
            assert process.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        process.send_signal(stop)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    if stop == signal.SIGINT:
        assert process.returncode == 1
        assert "Interrupted. What was written so far is complete" in err
        assert "Traceback" not in err
    posts = ImportedObject.objects.filter(kind="post").count()
    assert 500 <= posts < 2000
    # Finished batches are complete: whole batches of posts, each with its comments.
    assert posts % PostBatches.batch_size == 0
    assert Article.objects.count() == posts
    assert Comment.objects.count() == 3 * posts

    report = wordpress_import(path=path)
    assert report.counts["articles"]["unchanged"] == posts
    assert report.counts["articles"]["created"] == 2000 - posts
    assert Article.objects.count() == 2000
    assert ImportedObject.objects.filter(kind="post").count() == 2000
    assert Comment.objects.count() == expected["comments"] == 6000
    assert Comment.objects.exclude(parent=None).count() == expected["replies"]
    by_state = Counter(Comment.objects.values_list("status", flat=True))
    assert by_state == Counter(
        {STATES[code]: count for code, count in expected["approved"].items()}
    )
    # No duplicates: one article per post, one comment per WordPress comment.
    assert ImportedObject.objects.filter(kind="comment").count() == 6000
    assert Article.objects.values("slug", "published_at").distinct().count() == 2000


@pytest.mark.django_db(transaction=True)
def test_photos_are_made_in_worker_processes(tmp_path, monkeypatch):
    uploads = tmp_path / "uploads"
    path = tmp_path / "export.xml"
    write_test_export(path, posts=6, comments=1, photos=4, media_dir=uploads, photo_size=(400, 300))
    pools = []
    original = PhotoMaker.submit

    def submit(self, job, done, **kwargs):
        original(self, job, done, **kwargs)
        pools.append(self.pool)

    monkeypatch.setattr(PhotoMaker, "submit", submit)
    report = wordpress_import(path=path, media_dir=uploads, media_workers=2)
    assert pools and all(pool is not None for pool in pools)  # made by the workers
    assert report.counts["attachments"] == Counter(created=4)
    assert Photo.objects.count() == 4
    for photo in Photo.objects.all():
        assert photo.renditions.exists()
        assert Path(settings.MEDIA_ROOT, photo.image.name).is_file()
    for n in range(1, 5):
        article = ImportedObject.objects.get(kind="post", wp_id=str(n)).article
        photo = ImportedObject.objects.get(kind="attachment", wp_id=str(100_000 + n)).photo
        assert article.lead_photo == photo
    again = wordpress_import(path=path, media_dir=uploads, media_workers=2)
    assert again.counts["attachments"] == Counter(unchanged=4)
    assert Photo.objects.count() == 4


def test_without_a_terminal_progress_is_plain_lines_on_stderr():
    out, err = StringIO(), StringIO()
    call_command("import_wordpress", str(RIVERSIDE), stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert any(line.startswith("terms and media: ") for line in lines)
    assert lines[-1].startswith("posts and pages: ")
    assert " of " in lines[-1] and "items" in lines[-1]
    assert "\r" not in err.getvalue() and "\r" not in out.getvalue()
    assert "Articles by state" in out.getvalue()


def test_a_re_run_does_not_convert_unchanged_bodies_again(monkeypatch, tmp_path):
    path = tmp_path / "export.xml"
    write_test_export(path, posts=20, comments=1)
    wordpress_import(path=path)
    converted = []
    original = PostsAndPages.convert_body

    def counting(self, post):
        converted.append(post.wp_id)
        return original(self, post)

    monkeypatch.setattr(PostsAndPages, "convert_body", counting)
    wordpress_import(path=path)
    assert converted == []
    changed = tmp_path / "changed.xml"
    changed.write_text(
        path.read_text().replace("story-5</wp:post_name>", "story-five</wp:post_name>")
    )
    report = wordpress_import(path=changed)
    assert converted == ["5"]
    assert report.counts["articles"] == Counter(unchanged=19, updated=1)


def test_photos_added_later_are_placed_in_bodies_by_the_next_run(media_dir):
    wordpress_import(path=RIVERSIDE)
    article = ImportedObject.objects.get(kind="post", wp_id="10").article
    assert "data-file" not in article.body
    report = wordpress_import(path=RIVERSIDE, media_dir=media_dir)
    article.refresh_from_db()
    assert "data-file" in article.body
    assert report.counts["articles"]["updated"] >= 1
    again = wordpress_import(path=RIVERSIDE, media_dir=media_dir)
    assert again.counts["articles"]["updated"] == 0


def test_readers_cached_pages_show_what_a_later_import_changed(tmp_path):
    wordpress_import(path=RIVERSIDE)
    article = ImportedObject.objects.get(kind="post", wp_id="10").article
    url = article.get_absolute_url()
    for page in ("/", url):
        Client().get(page)
        assert Client().get(page)["X-Page-Cache"] == "hit"
    text = RIVERSIDE.read_text().replace(
        "Council votes for a flood barrier</title>", "Council backs the flood barrier</title>"
    )
    wordpress_import(path=variant(tmp_path, text))
    for page in ("/", url):
        response = Client().get(page)
        assert response["X-Page-Cache"] == "miss", page
        assert "Council backs the flood barrier" in response.content.decode(), page


def test_a_re_run_with_more_photos_takes_no_more_queries(tmp_path):
    counts = {}
    for photos in (2, 6):
        uploads, path = tmp_path / f"uploads-{photos}", tmp_path / f"export-{photos}.xml"
        write_test_export(
            path, posts=8, comments=1, photos=photos, media_dir=uploads, photo_size=(200, 150)
        )
        with transaction.atomic():
            wordpress_import(path=path, media_dir=uploads)
            with CaptureQueriesContext(connection) as queries:
                report = wordpress_import(path=path, media_dir=uploads)
            transaction.set_rollback(True)
        assert report.counts["attachments"] == Counter(unchanged=photos)
        counts[photos] = len(queries)
    assert counts[2] == counts[6], counts
