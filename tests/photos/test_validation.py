import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from photos.validation import prepare_image, too_many_bytes_message, too_many_pixels_message

from . import images


def refusal(data, name="photo.jpg"):
    with pytest.raises(ValidationError) as caught:
        prepare_image(images.upload(data, name))
    return caught.value.messages


def test_a_jpeg_is_accepted_and_comes_back_upright_without_metadata():
    prepared = prepare_image(images.upload(images.jpeg_with_gps(size=(200, 100), orientation=6)))
    assert prepared.format == "JPEG"
    assert prepared.size == (100, 200)
    assert prepared.image.info == {}
    assert len(prepared.image.getexif()) == 0


@pytest.mark.parametrize(
    ("data", "expected_format"),
    [
        (images.png_bytes(), "PNG"),
        (images.webp_bytes(), "WEBP"),
        (images.animated_gif(), "GIF"),
    ],
)
def test_png_webp_and_gif_are_accepted(data, expected_format):
    assert prepare_image(images.upload(data, "whatever.bin")).format == expected_format


def test_the_file_name_does_not_matter_only_the_content():
    assert prepare_image(images.upload(images.png_bytes(), "holiday.jpg")).format == "PNG"
    assert refusal(images.text_named_jpg(), "holiday.jpg") == [
        "This file is not a JPEG, PNG, WebP or GIF image."
    ]


def test_an_image_in_another_format_is_refused():
    bmp = images.encode(Image.new("RGB", (20, 20)), "BMP")
    assert refusal(bmp) == ["This file is not a JPEG, PNG, WebP or GIF image."]


def test_a_truncated_jpeg_is_refused_as_damaged():
    assert refusal(images.truncated_jpeg()) == [
        "This image file is damaged or incomplete. Export it again and upload the new file."
    ]


def test_an_empty_file_is_refused():
    assert refusal(b"") == ["This file is empty."]


def test_a_decompression_bomb_is_refused_from_its_header():
    assert refusal(images.png_declaring(30_000, 30_000), "bomb.png") == [
        "This image is 900 megapixels; the limit is 40."
    ]


def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded():
    # 50 megapixels: under Pillow's own bomb limit, over ours. The pixel data is missing, so
    # decoding would fail with "damaged": the pixel message proves the check comes first.
    assert refusal(images.png_declaring(10_000, 5_000), "big.png") == [
        "This image is 50 megapixels; the limit is 40."
    ]


def test_the_pixel_limit_is_a_setting(settings):
    settings.NEWSROOM_PHOTO_MAX_PIXELS = 100 * 100
    assert refusal(images.png_bytes(size=(200, 100))) == [
        "This image is 0.02 megapixels; the limit is 0.01."
    ]


def test_a_file_over_the_byte_limit_is_refused(settings):
    settings.NEWSROOM_PHOTO_MAX_BYTES = 1000
    data = images.jpeg_with_gps(size=(300, 300))
    assert len(data) > 1000
    assert refusal(data) == [too_many_bytes_message(len(data), 1000)]


def test_messages_are_written_for_people():
    assert too_many_bytes_message(25 * 1024 * 1024, 20 * 1024 * 1024) == (
        "This file is 25.0 MB; the limit is 20.0 MB."
    )
    assert too_many_pixels_message(120_000_000, 40_000_000) == (
        "This image is 120 megapixels; the limit is 40."
    )


def test_an_animated_gif_keeps_its_first_frame():
    prepared = prepare_image(images.upload(images.animated_gif(), "anim.gif"))
    assert prepared.is_animated
    assert prepared.image.convert("RGB").getpixel((10, 10)) == (255, 0, 0)


def test_transparency_is_kept():
    data = images.png_bytes(size=(50, 50), mode="RGBA", color=(0, 0, 0, 0))
    assert prepare_image(images.upload(data, "clear.png")).image.mode == "RGBA"
