"""What renditions a photo gets, and how they are cut and encoded. No database, no storage."""

import io
from dataclasses import dataclass

from PIL import Image

WIDTHS = (480, 960, 1600)
# Ratio name -> (width, height). "" is the photo's own proportions.
RATIOS = {"": None, "16:9": (16, 9), "1:1": (1, 1)}

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}


@dataclass(frozen=True)
class RenditionSpec:
    ratio: str
    width: int
    height: int
    format: str


def rendition_widths(original_width, widths=WIDTHS):
    """The widths to make for an image this wide: never wider than the image itself."""
    return sorted({min(width, original_width) for width in widths})


def fallback_format(original_format, has_alpha):
    """The format of the <img> renditions, for browsers without WebP.

    The original's own format, except GIF (a resized GIF loses colours; PNG keeps them) and WebP
    (JPEG, or PNG when the image has transparency).
    """
    if original_format in ("JPEG", "PNG"):
        return original_format
    if original_format == "WEBP" and not has_alpha:
        return "JPEG"
    return "PNG"


def rendition_formats(original_format, has_alpha):
    return ("WEBP", fallback_format(original_format, has_alpha))


def crop_box(width, height, ratio, focal_x=None, focal_y=None):
    """The largest box of the given ratio inside width x height, centred on the focal point.

    The focal point is a fraction of the width and height (0 to 1); the middle when absent. The box
    is pushed back inside the image when the focal point is near an edge.
    """
    ratio_w, ratio_h = ratio
    if width * ratio_h > height * ratio_w:  # wider than the ratio: full height
        box_h = height
        box_w = max(1, min(width, round(height * ratio_w / ratio_h)))
    else:
        box_w = width
        box_h = max(1, min(height, round(width * ratio_h / ratio_w)))
    centre_x = (0.5 if focal_x is None else focal_x) * width
    centre_y = (0.5 if focal_y is None else focal_y) * height
    left = min(max(0, round(centre_x - box_w / 2)), width - box_w)
    top = min(max(0, round(centre_y - box_h / 2)), height - box_h)
    return (left, top, left + box_w, top + box_h)


def resize_to_width(image, width):
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    # reducing_gap: shrink by whole factors first, then Lanczos; several times faster on big photos.
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def cut(image, ratio_name, focal_x=None, focal_y=None):
    """The image cropped to a named ratio (or unchanged for the photo's own proportions)."""
    ratio = RATIOS[ratio_name]
    if ratio is None:
        return image
    return image.crop(crop_box(image.width, image.height, ratio, focal_x, focal_y))


def encode(image, image_format, *, for_original=False):
    """Encode image (RGB or RGBA, no metadata) and return the bytes. Nothing else is written."""
    buffer = io.BytesIO()
    if image_format == "JPEG":
        if image.mode == "RGBA":
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        quality = 90 if for_original else 82
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif image_format == "PNG":
        image.save(buffer, "PNG", optimize=not for_original)
    elif image_format == "WEBP":
        quality = 90 if for_original else 80
        image.save(buffer, "WEBP", quality=quality, method=4)
    elif image_format == "GIF":
        image.save(buffer, "GIF")
    else:
        raise ValueError(f"Cannot encode {image_format}")
    return buffer.getvalue()


def make_renditions(image, original_format, focal_x=None, focal_y=None):
    """Yield (RenditionSpec, bytes) for every rendition of a prepared image."""
    formats = rendition_formats(original_format, image.mode == "RGBA")
    for ratio_name in RATIOS:
        resized = cut(image, ratio_name, focal_x, focal_y)
        # Widest first, each from the one before: much faster than from the full image each time.
        for width in reversed(rendition_widths(resized.width)):
            resized = resize_to_width(resized, width)
            for image_format in formats:
                spec = RenditionSpec(ratio_name, resized.width, resized.height, image_format)
                yield spec, encode(resized, image_format)
