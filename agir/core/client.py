"""The client's address, as every throttle and log sees it.

Behind a reverse proxy, REMOTE_ADDR is the proxy's address: counted alone, every tenant would
share it, and five typing mistakes from anyone would block everyone. X-Forwarded-For says who
the client was, but any client can send that header too, so it is read only as far as trusted
proxies wrote it:

- when REMOTE_ADDR is not a trusted proxy, it is the client (the header is ignored);
- otherwise the header is read from the right (the entry the nearest proxy appended) and the
  first address that is not a trusted proxy is the client; entries further left were written
  by the client itself and are never believed.

TRUSTED_PROXIES (one setting, addresses or networks) lists the proxies; its default is the
loopback: the nginx of the README, on the same host («Running it in production»).
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket: count it as the IPv4 address it is.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted_proxy(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str | None:
    """The address of the person making `request`, or None when nothing says it."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    if not is_trusted_proxy(remote):
        return str(remote)
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # A trusted proxy does not write garbage: what is left of it came from the client.
            break
        client = address
        if not is_trusted_proxy(address):
            break
    return str(client)
