import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every photo test writes to its own MEDIA_ROOT, so leftover files can be counted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stored_files(media_root):
    def files():
        return (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        )

    return files
