"""Photos of unconfirmed wizards wait in storage; abandoned ones are removed after a while."""

from datetime import timedelta

from django.core.files.storage import default_storage

from agir.portal.wizard import drafts


def test_a_kept_draft_can_be_read_back_and_removed(db):
    photo = drafts.keep("5f0c6e8e-8a4b-4c1e-9a57-1c2d3e4f5a6b", b"jpeg-bytes", "fuite.jpg")

    assert drafts.read(photo) == b"jpeg-bytes"
    drafts.remove(photo)
    assert drafts.read(photo) is None


def test_stale_drafts_are_discarded_and_fresh_ones_kept(db):
    photo = drafts.keep("5f0c6e8e-8a4b-4c1e-9a57-1c2d3e4f5a6b", b"jpeg-bytes", "fuite.jpg")

    assert drafts.discard_stale(older_than=timedelta(hours=1)) == 0
    assert drafts.discard_stale(older_than=timedelta(seconds=-1)) == 1
    assert not default_storage.exists(photo["name"])
