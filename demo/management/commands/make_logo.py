"""Draw static/img/logo.png: the site name on white, 600x60, as Google News wants logos."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

from seo.structured_data import LOGO_PATH, LOGO_SIZE

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


class Command(BaseCommand):
    requires_system_checks = []
    help = "Draw the publisher logo (600x60 PNG) from the site name; replace it with a real one."

    def handle(self, *args, **options):
        target = Path(settings.BASE_DIR) / "static" / LOGO_PATH
        image = Image.new("RGB", LOGO_SIZE, "white")
        draw = ImageDraw.Draw(image)
        name = settings.NEWSROOM_SITE_NAME
        size = 40
        font = ImageFont.truetype(FONT, size) if Path(FONT).exists() else ImageFont.load_default()
        # Shrink the text until it fits with a margin.
        while size > 10 and draw.textlength(name, font=font) > LOGO_SIZE[0] - 20:
            size -= 2
            font = ImageFont.truetype(FONT, size)
        _left, top, right, bottom = draw.textbbox((0, 0), name, font=font)
        position = ((LOGO_SIZE[0] - right) / 2, (LOGO_SIZE[1] - bottom - top) / 2)
        draw.text(position, name, font=font, fill="#1d1d1b")
        image.save(target, "PNG", optimize=True)
        self.stdout.write(f"Wrote {target}")
