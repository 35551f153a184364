import pytest


@pytest.fixture(autouse=True)
def exchange_dirs(settings, tmp_path):
    """Each test has its own exchange folder (outbox, inbox, lock)."""
    root = tmp_path / "exchange"
    settings.EXCHANGE_DIR = root
    settings.EXCHANGE_OUTBOX_DIR = root / "outbox"
    settings.EXCHANGE_INBOX_DIR = root / "inbox"
    settings.EXCHANGE_EXPORT_URL = ""
    settings.EXCHANGE_EXPORT_FORMATS = ["jsonl", "csv"]
    return root
