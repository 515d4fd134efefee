import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from photos.models import Photo, Rendition
from photos.services import photo_create, photo_delete, photo_update
from tests.factories import make_user

from . import images

pytestmark = pytest.mark.django_db


def create(data, name="photo.jpg", **fields):
    fields.setdefault("alt_text", "A flooded street")
    return photo_create(image_file=images.upload(data, name), **fields)


def renditions(photo, ratio=""):
    return sorted(
        (r.format, r.width, r.height) for r in Rendition.objects.filter(photo=photo, ratio=ratio)
    )


def test_a_large_jpeg_gets_three_widths_in_webp_and_jpeg():
    photo = create(images.jpeg_with_gps(size=(2000, 1500), orientation=None))
    assert (photo.width, photo.height) == (2000, 1500)
    assert renditions(photo) == [
        ("JPEG", 480, 360),
        ("JPEG", 960, 720),
        ("JPEG", 1600, 1200),
        ("WEBP", 480, 360),
        ("WEBP", 960, 720),
        ("WEBP", 1600, 1200),
    ]
    assert renditions(photo, "16:9") == [
        ("JPEG", 480, 270),
        ("JPEG", 960, 540),
        ("JPEG", 1600, 900),
        ("WEBP", 480, 270),
        ("WEBP", 960, 540),
        ("WEBP", 1600, 900),
    ]
    assert [(f, w, h) for f, w, h in renditions(photo, "1:1") if f == "WEBP"] == [
        ("WEBP", 480, 480),
        ("WEBP", 960, 960),
        ("WEBP", 1500, 1500),
    ]


def test_renditions_are_never_upscaled():
    photo = create(images.png_bytes(size=(300, 200)), "small.png")
    assert renditions(photo) == [("PNG", 300, 200), ("WEBP", 300, 200)]
    assert max(r.width for r in photo.renditions.all()) == 300


def test_the_saved_files_match_their_records(media_root):
    photo = create(images.png_bytes(size=(1200, 800)), "wide.png")
    for rendition in photo.renditions.all():
        with Image.open(media_root / rendition.file.name) as image:
            assert image.format == rendition.format
            assert image.size == (rendition.width, rendition.height)
        assert (media_root / rendition.file.name).stat().st_size == rendition.size


def test_gps_and_exif_are_gone_from_the_original_and_every_rendition(media_root):
    data = images.jpeg_with_gps(size=(1200, 900))
    assert images.has_metadata(images.upload(data))  # the upload really carries them
    photo = create(data)
    saved = [photo.image.name, *photo.renditions.values_list("file", flat=True)]
    assert len(saved) == 1 + 12  # upright 900x1200: 2 widths x 3 ratios x (WebP, JPEG)
    for name in saved:
        assert not images.has_metadata(media_root / name), name
        with Image.open(media_root / name) as image:
            assert len(image.getexif()) == 0
            assert "exif" not in image.info


def test_exif_in_a_png_is_gone_too(media_root):
    photo = create(images.png_with_exif(), "exif.png")
    for name in [photo.image.name, *photo.renditions.values_list("file", flat=True)]:
        assert not images.has_metadata(media_root / name), name


def test_the_orientation_tag_is_applied(media_root):
    photo = create(images.jpeg_with_gps(size=(200, 100), orientation=6))
    assert (photo.width, photo.height) == (100, 200)
    with Image.open(media_root / photo.image.name) as original:
        assert original.size == (100, 200)


def test_the_original_is_stored_under_a_name_of_our_making():
    photo = create(images.png_bytes(), "../../etc/passwd.jpg")
    assert photo.image.name.startswith("photos/")
    assert photo.image.name.endswith(".png")
    assert "passwd" not in photo.image.name


def test_a_square_crop_keeps_the_focal_point(media_root):
    photo = create(images.red_square_png(), "square.png", focal_x=0.9, focal_y=0.5)
    square = photo.renditions.get(ratio="1:1", format="PNG")
    with Image.open(media_root / square.file.name) as image:
        assert image.size == (200, 200)
        # The crop is x 200..400 of the original, so the square (340..380) is at 140..180.
        assert image.convert("RGB").getpixel((160, 100)) == (255, 0, 0)


def test_a_square_crop_without_focal_point_is_centred(media_root):
    photo = create(images.red_square_png(), "square.png")
    square = photo.renditions.get(ratio="1:1", format="PNG")
    with Image.open(media_root / square.file.name) as image:
        colors = {color for _, color in image.convert("RGB").getcolors(maxcolors=100_000)}
        assert (255, 0, 0) not in colors


def test_a_webp_original_gets_jpeg_fallbacks():
    photo = create(images.webp_bytes(size=(800, 600)), "photo.webp")
    assert {r.format for r in photo.renditions.all()} == {"WEBP", "JPEG"}
    assert photo.image.name.endswith(".webp")


def test_an_animated_gif_is_stored_as_its_first_frame_with_png_fallbacks(media_root):
    photo = create(images.animated_gif(), "anim.gif")
    assert {r.format for r in photo.renditions.all()} == {"WEBP", "PNG"}
    with Image.open(media_root / photo.image.name) as original:
        assert original.format == "GIF"
        assert getattr(original, "n_frames", 1) == 1


def test_a_refused_file_saves_nothing(stored_files):
    with pytest.raises(ValidationError):
        create(images.truncated_jpeg())
    assert Photo.objects.count() == Rendition.objects.count() == 0
    assert stored_files() == []


def test_missing_alt_text_is_refused_before_any_work(stored_files):
    with pytest.raises(ValidationError) as caught:
        create(images.png_bytes(), alt_text="   ")
    assert "alt_text" in caught.value.message_dict
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_half_a_focal_point_is_refused():
    with pytest.raises(ValidationError):
        create(images.png_bytes(), focal_x=0.5)
    with pytest.raises(ValidationError):
        create(images.png_bytes(), focal_x=1.5, focal_y=0.5)


def test_a_failure_while_saving_renditions_leaves_no_files(monkeypatch, stored_files):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Rendition.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        create(images.png_bytes())
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_the_uploader_is_recorded():
    user = make_user()
    assert create(images.png_bytes(), uploaded_by=user).uploaded_by == user


def test_moving_the_focal_point_remakes_the_crops_and_deletes_the_old_files(
    media_root, stored_files, django_capture_on_commit_callbacks
):
    photo = create(images.red_square_png(), "square.png")
    before = set(stored_files())
    with django_capture_on_commit_callbacks(execute=True):
        photo_update(photo=photo, focal_x=0.9, focal_y=0.5)
    square = photo.renditions.get(ratio="1:1", format="PNG")
    with Image.open(media_root / square.file.name) as image:
        assert image.convert("RGB").getpixel((160, 100)) == (255, 0, 0)
    after = set(stored_files())
    assert len(after) == len(before)
    assert (before & after) == {media_root / photo.image.name}  # only the original stays


def test_changing_only_the_words_keeps_the_renditions():
    photo = create(images.png_bytes())
    files = set(photo.renditions.values_list("file", flat=True))
    photo_update(photo=photo, caption="New caption", credit="Wire")
    photo.refresh_from_db()
    assert photo.caption == "New caption"
    assert set(photo.renditions.values_list("file", flat=True)) == files


def test_replacing_the_image_replaces_original_and_renditions(
    stored_files, django_capture_on_commit_callbacks
):
    photo = create(images.png_bytes(size=(600, 400)), "a.png")
    with django_capture_on_commit_callbacks(execute=True):
        photo_update(photo=photo, image_file=images.upload(images.webp_bytes(size=(1000, 500))))
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (1000, 500)
    assert photo.image.name.endswith(".webp")
    assert len(stored_files()) == 1 + photo.renditions.count()


def test_deleting_a_photo_deletes_its_files(stored_files, django_capture_on_commit_callbacks):
    photo = create(images.png_bytes())
    assert stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(photo=photo)
    assert Photo.objects.count() == Rendition.objects.count() == 0
    assert stored_files() == []
