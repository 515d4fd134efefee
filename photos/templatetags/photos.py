from django import template

from photos.models import Rendition

register = template.Library()

DEFAULT_SIZES = "(min-width: 60rem) 40rem, 100vw"
# The <img src> for browsers that ignore srcset: the widest rendition up to this width.
SRC_WIDTH = 960


def _srcset(renditions):
    return ", ".join(f"{rendition.file.url} {rendition.width}w" for rendition in renditions)


@register.inclusion_tag("photos/includes/responsive_image.html")
def responsive_image(photo, sizes=DEFAULT_SIZES, lazy=True, ratio=None, css_class=""):
    """A <picture> with WebP and fallback srcsets; lazy=False for the photo at the top of a page.

    ratio is "16:9" or "1:1" for the focal-point crops; None for the photo's own proportions.
    Reads renditions from Photo.objects.with_renditions()'s cache: no query, no file access.
    """
    if photo is None:
        return {"photo": None}
    ratio = ratio or ""
    webp = photo.renditions_for(ratio, Rendition.Format.WEBP)
    fallback = [r for r in photo.renditions_for(ratio) if r.format != Rendition.Format.WEBP]
    if not fallback:  # no renditions of this kind: the stored original is still a clean image
        return {
            "photo": photo,
            "src": photo.image.url,
            "width": photo.width,
            "height": photo.height,
            "sizes": sizes,
            "lazy": lazy,
            "css_class": css_class,
        }
    src = ([r for r in fallback if r.width <= SRC_WIDTH] or fallback)[-1]
    return {
        "photo": photo,
        "src": src.file.url,
        "srcset": _srcset(fallback),
        "webp_srcset": _srcset(webp),
        "width": src.width,
        "height": src.height,
        "sizes": sizes,
        "lazy": lazy,
        "css_class": css_class,
    }
