"""Media on S3-compatible storage, configured by the environment; no code assumes a local disk.

No S3 service answers here (and no fake one is installed), so nothing is uploaded: these tests
check the storage the settings build and the URLs it gives (made without a network call), and
run the photo library on a storage that has no local files at all.
"""

import re

import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from django.urls import reverse

from photos.models import Photo
from photos.services import photo_delete, photo_update
from tests.factories import make_article, make_photo, make_user
from tests.scale.probe import settings_probe

S3_VARIABLES = ("DJANGO_MEDIA_S3_", "AWS_")


def storage_in_a_subprocess(**environ):
    """What newsroom.settings builds for media with this environment, and a file's URL."""
    code = """
import json
from django.conf import settings
from django.core.files.storage import InMemoryStorage, default_storage
url = default_storage.url("photos/2026/05/x.jpg")
storage = type(default_storage._wrapped)
print(json.dumps({
    "storages": settings.STORAGES,
    "media_url": settings.MEDIA_URL,
    "class": f"{storage.__module__}.{storage.__name__}",
    "url": url,
}))
"""
    # No credentials anywhere and an unreachable metadata service: a network call would fail.
    return settings_probe(
        code,
        dropped=lambda key: key.startswith(S3_VARIABLES),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_CONFIG_FILE="/nonexistent",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
        **environ,
    )


def test_without_a_bucket_media_stays_on_the_local_disk():
    result = storage_in_a_subprocess()
    assert result["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert result["media_url"] == "/media/"


def test_a_bucket_with_a_custom_domain_gives_public_urls_on_that_domain():
    result = storage_in_a_subprocess(
        DJANGO_MEDIA_S3_BUCKET="ledger-media",
        DJANGO_MEDIA_S3_REGION="eu-west-1",
        DJANGO_MEDIA_S3_ACCESS_KEY_ID="AKIAEXAMPLE",
        DJANGO_MEDIA_S3_SECRET_ACCESS_KEY="example-secret",
        DJANGO_MEDIA_S3_CUSTOM_DOMAIN="media.example.org",
        DJANGO_MEDIA_S3_LOCATION="/media/",
    )

    assert result["class"] == "storages.backends.s3.S3Storage"
    default = result["storages"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"] == {
        "bucket_name": "ledger-media",
        "region_name": "eu-west-1",
        "access_key": "AKIAEXAMPLE",
        "secret_key": "example-secret",
        "custom_domain": "media.example.org",
        "location": "media",
        # Public media: plain URLs, no per-object ACL, never overwritten, so cached for good.
        "querystring_auth": False,
        "default_acl": None,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    assert result["url"] == "https://media.example.org/media/photos/2026/05/x.jpg"
    assert result["media_url"] == "https://media.example.org/media/"


def test_an_s3_compatible_service_is_reached_at_its_endpoint_with_path_style_urls():
    """MinIO, Backblaze B2 and the like: the bucket is the first part of the path."""
    result = storage_in_a_subprocess(
        DJANGO_MEDIA_S3_BUCKET="ledger-media",
        DJANGO_MEDIA_S3_ENDPOINT_URL="http://127.0.0.1:9000/",
    )
    options = result["storages"]["default"]["OPTIONS"]
    assert options["endpoint_url"] == "http://127.0.0.1:9000"
    assert "access_key" not in options  # left to boto3: AWS_ACCESS_KEY_ID or a machine role
    assert result["url"] == "http://127.0.0.1:9000/ledger-media/photos/2026/05/x.jpg"
    assert result["media_url"] == "http://127.0.0.1:9000/ledger-media/"


@pytest.mark.parametrize(
    ("environ", "origin"),
    [
        ({}, "https://ledger-media.s3.amazonaws.com/"),
        (
            {
                "DJANGO_MEDIA_S3_ENDPOINT_URL": "https://acct.r2.cloudflarestorage.com",
                "DJANGO_MEDIA_S3_ADDRESSING_STYLE": "virtual",
            },
            "https://ledger-media.acct.r2.cloudflarestorage.com/",
        ),
    ],
)
def test_media_url_names_the_origin_the_files_are_served_from(environ, origin):
    """The content security policy allows images from MEDIA_URL's origin: it must be right."""
    result = storage_in_a_subprocess(DJANGO_MEDIA_S3_BUCKET="ledger-media", **environ)
    assert result["url"].startswith(origin)
    assert result["media_url"] == origin


# The photo library on a storage without local files --------------------------------------


@pytest.fixture
def remote_storage(settings, tmp_path):
    """Media in memory, at a URL on another host: anything that wanted a local path would fail."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.InMemoryStorage",
            "OPTIONS": {"base_url": "https://media.example.org/"},
        },
    }
    yield default_storage
    assert not settings.MEDIA_ROOT.exists(), "something wrote to the local media directory"


def image_urls(html):
    return re.findall(r'(?:src|srcset|content)="([^"]*\.(?:jpg|png|webp)[^"]*)"', html)


@pytest.mark.django_db
def test_photos_are_stored_renditioned_and_shown_without_a_local_file(remote_storage, client):
    photo = make_photo(size=(1200, 800))
    body = f'<figure><img src="/photos/{photo.pk}/" alt="" data-file="{photo.pk}"></figure>'
    article = make_article(lead_photo=photo, body=body)

    assert remote_storage.exists(photo.image.name)
    for rendition in photo.renditions.all():
        assert remote_storage.size(rendition.file.name) == rendition.size

    html = client.get(article.get_absolute_url()).content.decode()
    urls = [url for found in image_urls(html) for url in re.split(r",\s*", found)]
    assert urls
    assert all(url.startswith("https://media.example.org/photos/") for url in urls), urls

    feed = client.get(reverse("feeds:latest-rss")).content.decode()
    assert "https://media.example.org/photos/" in feed


@pytest.mark.django_db
def test_photos_are_remade_and_deleted_through_the_storage(
    remote_storage, client, django_capture_on_commit_callbacks
):
    photo = make_photo(size=(1200, 800))
    old_files = [photo.image.name, *photo.renditions.values_list("file", flat=True)]

    with django_capture_on_commit_callbacks(execute=True):
        photo_update(photo=photo, focal_x=0.2, focal_y=0.3)  # reads the original back
    assert not any(remote_storage.exists(name) for name in old_files[1:])
    assert remote_storage.exists(photo.image.name)

    client.force_login(make_user(is_superuser=True))
    response = client.get(reverse("photos:placeholder", args=[photo.pk]))
    assert response["Location"].startswith("https://media.example.org/photos/")
    assert client.get(reverse("admin:photos_photo_changelist")).status_code == 200

    files = [photo.image.name, *photo.renditions.values_list("file", flat=True)]
    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(photo=photo)
    assert not Photo.objects.exists()
    assert not any(remote_storage.exists(name) for name in files)


class DeleteFailsStorage(InMemoryStorage):
    """A storage whose deletes fail with an error that is not an OSError, as boto3's are."""

    def delete(self, name):
        raise RuntimeError("Could not connect to the endpoint URL")


@pytest.mark.django_db
def test_a_storage_error_while_deleting_files_does_not_fail_the_committed_change(
    settings, django_capture_on_commit_callbacks, caplog
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.DeleteFailsStorage"},
    }
    photo = make_photo()

    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(photo=photo)

    assert not Photo.objects.exists()
    assert "Could not delete" in caplog.text
