import pytest

from tests.portal.helpers import TenantWizard


@pytest.fixture
def wizard(client, household) -> TenantWizard:
    return TenantWizard(client, household).start()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
