"""The client address every throttle and log uses: X-Forwarded-For only as far as trusted
proxies wrote it (agir/core/client.py)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from agir.core.client import client_ip


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]


def ip_of(remote: str, forwarded: str | None = None) -> str | None:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


def test_without_a_proxy_the_peer_is_the_client_whatever_the_header_says(behind_nginx):
    assert ip_of("198.51.100.7", "10.9.9.9") == "198.51.100.7"


def test_behind_the_trusted_proxy_the_forwarded_address_is_the_client(behind_nginx):
    assert ip_of("127.0.0.1", "198.51.100.7") == "198.51.100.7"


def test_addresses_the_client_wrote_before_the_proxy_are_not_believed(behind_nginx):
    # nginx appends the peer it saw; what stands left of it the client sent itself.
    assert ip_of("127.0.0.1", "10.9.9.9, 198.51.100.7") == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert ip_of("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.5") == "198.51.100.7"


def test_an_ipv6_client_and_ports_are_understood(behind_nginx):
    assert ip_of("::1", "[2001:db8::7]:443") == "2001:db8::7"
    assert ip_of("127.0.0.1", "198.51.100.7:51234") == "198.51.100.7"


def test_a_garbage_header_from_a_trusted_proxy_falls_back_to_the_proxy(behind_nginx):
    assert ip_of("127.0.0.1", "not-an-address") == "127.0.0.1"


def test_no_trusted_proxy_means_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert ip_of("127.0.0.1", "198.51.100.7") == "127.0.0.1"
