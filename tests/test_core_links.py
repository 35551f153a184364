"""agir.core.links: one reverse for a list's links, the same URLs as reverse itself."""

import uuid

import pytest
from django.urls import reverse

from agir.core.links import code_links


@pytest.mark.parametrize("name", ["backoffice:request", "portal:request", "rounds:request"])
def test_a_code_link_is_the_url_reverse_gives(name):
    code = uuid.uuid4()
    assert code_links(name)(code) == reverse(name, args=[code])


def test_a_code_that_is_not_a_uuid_is_refused():
    with pytest.raises(ValueError):
        code_links("portal:request")("../../admin")
