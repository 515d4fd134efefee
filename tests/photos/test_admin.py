import pytest
from django.urls import reverse

from photos.models import Photo, Rendition
from tests.factories import make_user

from . import images

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:photos_photo_add")
CHANGELIST_URL = reverse("admin:photos_photo_changelist")


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(is_superuser=True))
    return client


def photo_data(data, name="photo.jpg", **fields):
    return {
        "image": images.upload(data, name),
        "alt_text": "Boats on the river",
        "caption": "",
        "credit": "Ana Ruiz",
        "focal_x": "",
        "focal_y": "",
        **fields,
    }


def test_a_superuser_uploads_a_photo_through_the_admin(admin_client, media_root):
    response = admin_client.post(
        ADD_URL, photo_data(images.jpeg_with_gps(size=(1000, 800), orientation=None))
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.alt_text == "Boats on the river"
    assert photo.uploaded_by.is_superuser
    assert response["Location"] == reverse("admin:photos_photo_changelist")
    assert photo.renditions.count() == 16
    assert not images.has_metadata(media_root / photo.image.name)


def test_the_photo_list_shows_thumbnails_and_searches_words(admin_client):
    admin_client.post(ADD_URL, photo_data(images.png_bytes(), "a.png", alt_text="Boats"))
    admin_client.post(ADD_URL, photo_data(images.png_bytes(), "b.png", alt_text="Bridge"))
    response = admin_client.get(CHANGELIST_URL, {"q": "boats"})
    assert response.status_code == 200
    assert [p.alt_text for p in response.context["cl"].result_list] == ["Boats"]
    assert '<img src="/media/photos/' in response.content.decode()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (images.text_named_jpg(), "photo.jpg", "This file is not a JPEG, PNG, WebP or GIF image."),
        (images.truncated_jpeg(), "photo.jpg", "This image file is damaged or incomplete."),
        (
            images.png_declaring(30_000, 30_000),
            "bomb.png",
            "This image is 900 megapixels; the limit is 40.",
        ),
    ],
)
def test_a_bad_upload_is_a_form_error_and_saves_nothing(
    admin_client, stored_files, data, name, message
):
    response = admin_client.post(ADD_URL, photo_data(data, name))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["adminform"].form.errors["image"]
    assert Photo.objects.count() == Rendition.objects.count() == 0
    assert stored_files() == []


def test_an_upload_over_the_byte_limit_is_a_form_error(admin_client, settings, stored_files):
    settings.NEWSROOM_PHOTO_MAX_BYTES = 2000
    data = images.noisy_jpeg()
    response = admin_client.post(ADD_URL, photo_data(data))
    assert response.status_code == 200
    assert "the limit is 2.0 KB." in response.content.decode()
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_alt_text_is_required_in_the_admin(admin_client, stored_files):
    response = admin_client.post(ADD_URL, photo_data(images.png_bytes(), alt_text=""))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["alt_text"]
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_setting_a_focal_point_in_the_admin_remakes_the_crops(
    admin_client, django_capture_on_commit_callbacks
):
    admin_client.post(ADD_URL, photo_data(images.red_square_png(), "square.png"))
    photo = Photo.objects.get()
    old_square = photo.renditions.get(ratio="1:1", format="PNG").file.name
    change_url = reverse("admin:photos_photo_change", args=[photo.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            change_url,
            {
                "alt_text": photo.alt_text,
                "caption": "",
                "credit": "",
                "focal_x": "0.9",
                "focal_y": "0.5",
            },
        )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.9, 0.5)
    assert photo.renditions.get(ratio="1:1", format="PNG").file.name != old_square


def test_the_change_form_shows_a_preview(admin_client):
    admin_client.post(ADD_URL, photo_data(images.png_bytes(), "a.png"))
    photo = Photo.objects.get()
    response = admin_client.get(reverse("admin:photos_photo_change", args=[photo.pk]))
    assert response.status_code == 200
    assert "1200 x 800 pixels" in response.content.decode()
