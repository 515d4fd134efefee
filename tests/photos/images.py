"""Real image files made with Pillow, and a few that only pretend to be images."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

ORANGE = (230, 120, 20)


def encode(image, image_format, **params):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **params)
    return buffer.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def camera_exif(orientation=None):
    """EXIF as a phone writes it: camera, date, GPS position, and an orientation tag if given."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.DateTime] = "2025:05:01 10:00:00"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 30.0, 12.5),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.9),
    }
    return exif


def jpeg_with_gps(size=(200, 100), orientation=6, color=ORANGE):
    """A JPEG carrying camera EXIF, a GPS position, an orientation tag and a comment."""
    image = Image.new("RGB", size, color)
    return encode(image, "JPEG", exif=camera_exif(orientation), comment=b"secret comment")


def png_bytes(size=(1200, 800), mode="RGB", color=ORANGE, **params):
    return encode(Image.new(mode, size, color), "PNG", **params)


def png_with_exif(size=(640, 480)):
    image = Image.new("RGB", size, ORANGE)
    return encode(image, "PNG", exif=camera_exif())


def webp_bytes(size=(800, 600), color=ORANGE, **params):
    return encode(Image.new("RGB", size, color), "WEBP", **params)


def animated_gif(size=(300, 200)):
    frames = [Image.new("RGB", size, color) for color in ((255, 0, 0), (0, 0, 255))]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:], comment=b"hi")


def red_square_png(size=(400, 200), square=(340, 80, 380, 120)):
    """White, with a red square near the right edge: at focal point (0.9, 0.5)."""
    image = Image.new("RGB", size, (255, 255, 255))
    image.paste((255, 0, 0), square)
    return encode(image, "PNG")


def text_named_jpg():
    return b"Just some text pretending to be a picture.\n" * 20


def truncated_jpeg():
    # Noise, so the compressed data is long and cutting it leaves a real hole.
    image = Image.effect_noise((400, 300), 60).convert("RGB")
    data = encode(image, "JPEG", quality=90)
    return data[: len(data) // 2]


def png_declaring(width, height):
    """A tiny PNG whose header claims width x height: a decompression bomb's calling card."""
    data = bytearray(png_bytes(size=(1, 1)))
    # Signature (8 bytes), then the IHDR chunk: length (4), type (4), width (4), height (4), ...
    ihdr_start = 8 + 4
    struct.pack_into(">II", data, ihdr_start + 4, width, height)
    crc = zlib.crc32(bytes(data[ihdr_start : ihdr_start + 4 + 13]))
    struct.pack_into(">I", data, ihdr_start + 4 + 13, crc)
    return bytes(data)


def has_metadata(path_or_file):
    """Whether a saved image still carries EXIF, GPS, XMP, ICC or comments."""
    with Image.open(path_or_file) as image:
        exif = image.getexif()
        leftovers = {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(image.info)
        return bool(len(exif) or exif.get_ifd(ExifTags.IFD.GPSInfo) or leftovers)


def noisy_jpeg(size=(400, 400)):
    """A JPEG that compresses badly, for byte limits."""
    return encode(Image.effect_noise(size, 80).convert("RGB"), "JPEG", quality=95)
