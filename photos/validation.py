"""Upload safety: decide whether an uploaded file is an image we accept, and clean it.

Only the decoded content counts, never the file name or the browser's content type. A file is
accepted when Pillow identifies it as JPEG, PNG, WebP or GIF, its header declares no more pixels
than the limit (checked before any pixel is decoded, so a decompression bomb costs nothing), and it
verifies and decodes completely. The result is a metadata-free RGB or RGBA image with the EXIF
orientation applied: EXIF, GPS, XMP, comments and ICC profiles never reach storage.
"""

import io
import re
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")

NOT_AN_IMAGE = _("This file is not a JPEG, PNG, WebP or GIF image.")
DAMAGED = _("This image file is damaged or incomplete. Export it again and upload the new file.")
EMPTY = _("This file is empty.")


@dataclass(frozen=True)
class PreparedImage:
    """A decoded, upright, metadata-free image and the format it was uploaded in."""

    image: Image.Image
    format: str  # one of ACCEPTED_FORMATS
    is_animated: bool = False

    @property
    def size(self):
        return self.image.size


def max_bytes():
    return getattr(settings, "NEWSROOM_PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_pixels():
    return getattr(settings, "NEWSROOM_PHOTO_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def _size(n):
    return filesizeformat(n).replace("\xa0", " ")


def _megapixels(pixels):
    value = pixels / 1_000_000
    return f"{round(value, 1):g}" if value >= 1 else f"{value:.2g}"


def too_many_bytes_message(size, limit):
    return gettext("This file is %(size)s; the limit is %(limit)s.") % {
        "size": _size(size),
        "limit": _size(limit),
    }


def too_many_pixels_message(pixels, limit):
    return gettext("This image is %(pixels)s megapixels; the limit is %(limit)s.") % {
        "pixels": _megapixels(pixels),
        "limit": _megapixels(limit),
    }


def read_upload(file, *, limit=None):
    """Return the file's bytes, refusing it without reading it all when it is over the limit."""
    limit = max_bytes() if limit is None else limit
    declared = getattr(file, "size", None)
    if declared is not None and declared > limit:
        raise ValidationError(too_many_bytes_message(declared, limit), code="too_many_bytes")
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(too_many_bytes_message(len(data), limit), code="too_many_bytes")
    if not data:
        raise ValidationError(EMPTY, code="empty")
    return data


def _declared_pixels(error):
    match = re.search(r"\((\d+) pixels\)", str(error))
    return int(match.group(1)) if match else None


def _open(data, pixel_limit):
    """Open data with Pillow, refusing other formats and oversized headers before decoding."""
    try:
        with warnings.catch_warnings():
            # Pillow warns, then errors, past its own limit (89 and 179 megapixels); either way
            # it is a decompression bomb for us.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        pixels = _declared_pixels(error) or pixel_limit + 1
        raise ValidationError(
            too_many_pixels_message(pixels, pixel_limit), code="too_many_pixels"
        ) from error
    except Exception as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
    width, height = image.size
    if width < 1 or height < 1:
        raise ValidationError(DAMAGED, code="damaged")
    if width * height > pixel_limit:
        raise ValidationError(
            too_many_pixels_message(width * height, pixel_limit), code="too_many_pixels"
        )
    return image


def _to_srgb(image, mode):
    """Return image converted to sRGB in mode, or None when it carries no usable ICC profile."""
    icc = image.info.get("icc_profile")
    if not icc:
        return None
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def clean_image(image):
    """Return image upright, in sRGB RGB or RGBA, with no metadata at all.

    Colours are converted to sRGB (what browsers assume for untagged images), so the ICC profile
    can go with the rest of the metadata. A fresh image is built from the pixels alone: Pillow's
    encoders copy some keys of Image.info (comments, ICC, EXIF) into the files they write.
    """
    upright = ImageOps.exif_transpose(image)
    mode = "RGBA" if _has_alpha(upright) else "RGB"
    converted = _to_srgb(upright, mode) or upright.convert(mode)
    return Image.frombytes(converted.mode, converted.size, converted.tobytes())


def prepare_image(file, *, byte_limit=None, pixel_limit=None):
    """Validate an uploaded file and return it as a PreparedImage, or raise ValidationError."""
    pixel_limit = max_pixels() if pixel_limit is None else pixel_limit
    data = read_upload(file, limit=byte_limit)
    image = _open(data, pixel_limit)
    image_format = image.format
    try:
        image.verify()
    except Exception as error:
        raise ValidationError(DAMAGED, code="damaged") from error
    # verify() leaves the image unusable; decode a fresh one, checked again the same way.
    image = _open(data, pixel_limit)
    try:
        is_animated = getattr(image, "n_frames", 1) > 1
        image.seek(0)  # animated GIF and WebP: the first frame stands for the photo
        image.load()
        cleaned = clean_image(image)
    except Exception as error:
        raise ValidationError(DAMAGED, code="damaged") from error
    return PreparedImage(image=cleaned, format=image_format, is_animated=is_animated)


def prepare_stored_image(file):
    """Open an original we stored ourselves (already checked and cleaned) for new renditions."""
    file.seek(0)
    with Image.open(file) as image:
        image.load()
        return PreparedImage(image=clean_image(image), format=image.format)
