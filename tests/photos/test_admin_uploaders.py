"""Reporters edit the words of the photos they uploaded (caption, credit, alt text), and nothing
else: not others' photos, not the file, not the cropping."""

import pytest
from django.urls import reverse

from photos.models import Photo
from tests.factories import make_photo, make_user

from . import images

pytestmark = pytest.mark.django_db


def change_url(photo):
    return reverse("admin:photos_photo_change", args=[photo.pk])


@pytest.fixture
def reporter(db):
    return make_user("rita", role="Reporter")


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


def words(**fields):
    return {"alt_text": "Boats at the pier", "caption": "Morning", "credit": "Rita", **fields}


def test_a_reporter_edits_the_caption_credit_and_alt_text_of_their_own_photo(
    reporter_client, reporter
):
    photo = make_photo(uploaded_by=reporter, focal_x=0.5, focal_y=0.5)
    image, renditions = photo.image.name, set(photo.renditions.values_list("file", flat=True))
    response = reporter_client.get(change_url(photo))
    content = response.content.decode()
    assert response.status_code == 200
    for name in ["alt_text", "caption", "credit"]:
        assert f'name="{name}"' in content
    for name in ["image", "focal_x", "focal_y"]:
        assert f'name="{name}"' not in content
    # Fields a reporter may not change are ignored even when posted by hand.
    response = reporter_client.post(
        change_url(photo),
        words(focal_x="0.1", focal_y="0.9", image=images.upload(images.png_bytes(), "new.png")),
    )
    assert response.status_code == 302
    photo = Photo.objects.get(pk=photo.pk)
    assert (photo.alt_text, photo.caption, photo.credit) == ("Boats at the pier", "Morning", "Rita")
    assert (photo.focal_x, photo.focal_y) == (0.5, 0.5)
    assert photo.image.name == image
    assert set(photo.renditions.values_list("file", flat=True)) == renditions


def test_a_reporter_cannot_edit_someone_elses_photo(reporter_client):
    photo = make_photo(uploaded_by=make_user("other", role="Reporter"), caption="Theirs")
    response = reporter_client.get(change_url(photo))
    assert response.status_code == 200  # the library is there to read
    assert 'name="caption"' not in response.content.decode()
    assert reporter_client.post(change_url(photo), words()).status_code == 403
    assert Photo.objects.get(pk=photo.pk).caption == "Theirs"


def test_a_reporter_cannot_edit_a_photo_nobody_is_recorded_as_uploading(reporter_client):
    photo = make_photo(caption="Imported")
    assert reporter_client.post(change_url(photo), words()).status_code == 403
    assert Photo.objects.get(pk=photo.pk).caption == "Imported"


def test_a_bad_edit_keeps_the_reporters_text_and_says_why(reporter_client, reporter):
    photo = make_photo(uploaded_by=reporter)
    response = reporter_client.post(change_url(photo), words(alt_text="", caption="Kept"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["alt_text"]
    assert "Kept" in response.content.decode()


def test_an_editor_still_changes_every_field_of_any_photo(client):
    client.force_login(make_user("eddie", role="Editor"))
    photo = make_photo(uploaded_by=make_user("rita", role="Reporter"))
    content = client.get(change_url(photo)).content.decode()
    for name in ["image", "alt_text", "caption", "credit", "focal_x", "focal_y"]:
        assert f'name="{name}"' in content
    response = client.post(change_url(photo), words(focal_x="0.2", focal_y="0.3"))
    assert response.status_code == 302
    photo = Photo.objects.get(pk=photo.pk)
    assert (photo.caption, photo.focal_x) == ("Morning", 0.2)
