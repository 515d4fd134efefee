"""`manage.py backup` and `restore`: the demo site survives a round trip, row for row."""

import json
import os
import re
import sqlite3
import tarfile
import uuid

import psycopg
import pytest
from django.conf import settings

from .throwaway import clean_environment, manage

# Run inside `manage.py shell`: give the most-discussed published article a lead photo.
ADD_PHOTO = """
import io
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from PIL import Image
from articles.models import Article
from photos.services import photo_create

buffer = io.BytesIO()
Image.new("RGB", (1200, 800), (30, 90, 160)).save(buffer, "JPEG")
photo = photo_create(
    image_file=SimpleUploadedFile("river.jpg", buffer.getvalue(), content_type="image/jpeg"),
    alt_text="The river at dawn",
    credit="Test desk",
)
article = (
    Article.objects.published().annotate(n=Count("comments")).order_by("-n", "pk").first()
)
article.lead_photo = photo
article.save(update_fields=["lead_photo"])
"""

# Run inside `manage.py shell`: what the site holds and shows, as JSON on the last line.
SNAPSHOT = """
import hashlib, json
from django.conf import settings
from django.test import Client
from django.db.models import Count
from articles.models import Article
from ops.backups import live_state, media_root

counts, migrations = live_state()
# The story the setup gave a new photo (the demo's own stories have photos of their own too).
article = (
    Article.objects.published().annotate(n=Count("comments")).order_by("-n", "pk").first()
)
assert article.lead_photo.alt_text == "The river at dawn"
response = Client().get(article.get_absolute_url())
root = media_root()
media = {
    str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
    for path in sorted(root.rglob("*")) if path.is_file()
}
print(json.dumps({
    "counts": counts, "migrations": migrations, "status": response.status_code,
    "html": response.content.decode(), "media": media,
}))
"""

# What differs between two renders of the same page by design: per-request tokens.
PER_REQUEST = re.compile(r'((?:name="csrfmiddlewaretoken"|name="issued") value="|nonce=")[^"]*')


def snapshot(environment, before=""):
    result = manage("shell", "-c", before + SNAPSHOT, environment=environment)
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout.strip().splitlines()[-1])
    state["html"] = PER_REQUEST.sub(r"\1…", state["html"])
    return state


@pytest.fixture
def server_url():
    database = settings.DATABASES["default"]
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    )


@pytest.fixture
def databases(server_url):
    """Two new, empty databases on the test server: the site's and the one restored into."""
    names = [f"newsroom_ops_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("site", "restored")]
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    yield [f"{server_url}/{name}" for name in names]
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_backup_and_restore_round_trip_the_demo_site(databases, tmp_path):
    site_url, restored_url = databases
    site = clean_environment(
        DJANGO_DEBUG="1", DATABASE_URL=site_url, DJANGO_MEDIA_ROOT=str(tmp_path / "site-media")
    )
    restored = clean_environment(
        DJANGO_DEBUG="1",
        DATABASE_URL=restored_url,
        DJANGO_MEDIA_ROOT=str(tmp_path / "restored-media"),
    )
    for step in (("migrate", "--noinput", "-v0"), ("seed_demo",)):
        result = manage(*step, environment=site)
        assert result.returncode == 0, result.stderr
    before = snapshot(site, before=ADD_PHOTO)
    assert before["status"] == 200
    assert before["counts"]["articles.Article"] > 0 and before["counts"]["comments.Comment"] > 0
    # The demo's four photographs and the one the setup added, each an original and renditions.
    photos = before["counts"]["photos.Photo"]
    assert photos == 5 and before["counts"]["photos.Rendition"] > photos
    assert len(before["media"]) == photos + before["counts"]["photos.Rendition"]

    result = manage("backup", "--output-dir", str(tmp_path / "backups"), environment=site)
    assert result.returncode == 0, result.stderr
    [archive] = (tmp_path / "backups").glob("newsroom-*Z.tar.gz")
    assert re.fullmatch(r"newsroom-\d{8}T\d{6}Z\.tar\.gz", archive.name)
    with tarfile.open(archive) as contents:
        names = contents.getnames()
        manifest = json.load(contents.extractfile("manifest.json"))
    assert {"manifest.json", "database.dump"} <= set(names)
    assert manifest["counts"] == before["counts"]
    assert manifest["migrations"] == before["migrations"]

    result = manage("restore", str(archive), environment=restored)
    assert result.returncode == 0, result.stderr
    after = snapshot(restored)
    assert after["counts"] == before["counts"]
    assert after["migrations"] == before["migrations"]
    assert after["media"] == before["media"]
    assert after["html"] == before["html"]
    # The page shows the photo, from the restored files.
    assert 'alt="The river at dawn"' in after["html"]
    assert sum(name in after["html"] for name in after["media"]) >= 2  # renditions in srcset

    # A second restore finds the database full and touches nothing.
    again = manage("restore", str(archive), environment=restored)
    assert again.returncode != 0
    assert "is not empty" in again.stderr


def sqlite_site(tmp_path):
    return clean_environment(
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )


def test_restore_refuses_an_archive_that_is_not_ours(tmp_path):
    stranger = tmp_path / "holiday-photos.tar.gz"
    (tmp_path / "manifest.json").write_text(json.dumps({"format": "something-else"}))
    with tarfile.open(stranger, "w:gz") as archive:
        archive.add(tmp_path / "manifest.json", arcname="manifest.json")
    result = manage("restore", str(stranger), environment=sqlite_site(tmp_path))
    assert result.returncode != 0
    assert "is not a Newsroom backup" in result.stderr


def test_restore_of_a_damaged_archive_changes_nothing(tmp_path):
    (tmp_path / "manifest.json").write_text(
        json.dumps(
            {
                "format": "newsroom-backup",
                "version": 1,
                "database": {"vendor": "sqlite", "file": "database.sqlite3"},
                "counts": {},
                "migrations": {},
            }
        )
    )
    (tmp_path / "database.sqlite3").write_bytes(os.urandom(200_000))
    whole = tmp_path / "whole.tar.gz"
    with tarfile.open(whole, "w:gz") as archive:
        archive.add(tmp_path / "manifest.json", arcname="manifest.json")
        archive.add(tmp_path / "database.sqlite3", arcname="database.sqlite3")
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(whole.read_bytes()[:100_000])
    result = manage("restore", str(damaged), environment=sqlite_site(tmp_path))
    assert result.returncode != 0
    assert "is damaged" in result.stderr
    site = sqlite3.connect(tmp_path / "site.sqlite3")
    assert site.execute("SELECT COUNT(*) FROM sqlite_master").fetchone() == (0,)
    site.close()
