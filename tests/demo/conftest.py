import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """seed_demo stores its photos: in a folder of each test's own, not the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
