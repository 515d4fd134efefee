import io
from pathlib import Path

import pytest
from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures"
RIVERSIDE = FIXTURES / "riverside.xml"
REAL_EXPORTS = Path("/work/shared/testdata/wordpress")


def image_bytes(image_format, size=(320, 200), color=(40, 110, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, image_format)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Imported photos go to a MEDIA_ROOT of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def media_dir(tmp_path):
    """A copy of the old site's wp-content/uploads, as the fixture export refers to it."""
    uploads = tmp_path / "uploads"
    (uploads / "2015/01").mkdir(parents=True)
    (uploads / "2015/02").mkdir(parents=True)
    (uploads / "2015/01/barrier.jpg").write_bytes(image_bytes("JPEG"))
    (uploads / "2015/02/boathouse.png").write_bytes(image_bytes("PNG", color=(200, 60, 30)))
    (uploads / "2015/02/programme.pdf").write_bytes(b"%PDF-1.4 not an image")
    return uploads


def variant(tmp_path, text, name="variant.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
