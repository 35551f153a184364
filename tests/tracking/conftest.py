import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Photos written by a test go to a directory of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
