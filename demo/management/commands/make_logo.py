"""Draw static/img/logo.png (the site name on white, 600x60, as Google News wants logos) and
static/img/social.png (the 1200x630 card link previews show for pages without a photo)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

from seo.structured_data import LOGO_PATH, LOGO_SIZE, SOCIAL_IMAGE_SIZE

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
TAGLINE_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
INK, PAPER, ACCENT, MUTED = "#1d1d1b", "#fdfcf8", "#8a1c1c", "#5b5b57"  # static/css/site.css
SOCIAL_PATH = "img/social.png"


def fitted_font(draw, text, path, size, width):
    """The font at `size`, shrunk until `text` fits in `width` pixels."""
    if not Path(path).exists():
        return ImageFont.load_default()
    font = ImageFont.truetype(path, size)
    while size > 10 and draw.textlength(text, font=font) > width:
        size -= 2
        font = ImageFont.truetype(path, size)
    return font


def centred(draw, y, text, font, fill, width):
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - right - left) / 2, y - (bottom + top) / 2), text, font=font, fill=fill)


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Draw the publisher logo (600x60 PNG) and the default social image (1200x630 PNG) from "
        "the site name; replace them with real ones."
    )

    def handle(self, *args, **options):
        static = Path(settings.BASE_DIR) / "static"
        name = settings.NEWSROOM_SITE_NAME

        image = Image.new("RGB", LOGO_SIZE, "white")
        draw = ImageDraw.Draw(image)
        font = fitted_font(draw, name, FONT, 40, LOGO_SIZE[0] - 20)
        centred(draw, LOGO_SIZE[1] / 2, name, font, INK, LOGO_SIZE[0])
        image.save(static / LOGO_PATH, "PNG", optimize=True)
        self.stdout.write(f"Wrote {static / LOGO_PATH}")

        width, height = SOCIAL_IMAGE_SIZE
        image = Image.new("RGB", SOCIAL_IMAGE_SIZE, PAPER)
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, width, 24), fill=ACCENT)
        font = fitted_font(draw, name, FONT, 96, width - 160)
        centred(draw, height / 2 - 40, name, font, INK, width)
        draw.line((width / 2 - 120, height / 2 + 40, width / 2 + 120, height / 2 + 40), INK, 3)
        tagline = settings.NEWSROOM_SITE_TAGLINE
        font = fitted_font(draw, tagline, TAGLINE_FONT, 44, width - 200)
        centred(draw, height / 2 + 110, tagline, font, MUTED, width)
        image.save(static / SOCIAL_PATH, "PNG", optimize=True)
        self.stdout.write(f"Wrote {static / SOCIAL_PATH}")
