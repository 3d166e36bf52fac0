"""Which URLs and addresses may be fetched: the SSRF policy, kept apart from the HTTP code.

A URL is safe when its scheme is http/https and *every* address its host resolves to is a
public unicast address, or is covered by the allow-list setting `NEWSDESK_FETCH_ALLOW`
(host names and IPs/CIDRs, for tests and intranets). The addresses found here are the ones
the fetcher then connects to, so a second DNS answer (rebinding) is never consulted.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

ALLOWED_SCHEMES = ("http", "https")

# Not covered by ipaddress' flags in every Python version, and worth naming: cloud
# metadata services (AWS/GCP/Azure IPv4 are link-local; AWS IPv6 is a ULA).
METADATA_NETWORKS = (
    ipaddress.ip_network("169.254.0.0/16"),
    ipaddress.ip_network("fd00:ec2::/32"),
    ipaddress.ip_network("100.100.100.200/32"),  # Alibaba Cloud
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeURL(ValueError):
    """The URL may not be fetched: bad scheme, no host, or a forbidden address."""


class FetchError(Exception):
    """The fetch was allowed but failed: DNS, connection, timeout, size, type, status."""


@dataclass(frozen=True)
class CheckedURL:
    url: str
    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...]


def _allow_entries() -> tuple[set[str], list[ipaddress.IPv4Network | ipaddress.IPv6Network]]:
    hosts: set[str] = set()
    networks = []
    for entry in getattr(settings, "NEWSDESK_FETCH_ALLOW", ()) or ():
        entry = entry.strip().lower()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            hosts.add(entry.rstrip("."))
    return hosts, networks


def forbidden_reason(address: IPAddress) -> str | None:
    """Why this address may not be contacted, or None when it is public unicast."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return forbidden_reason(address.ipv4_mapped)
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("private", address.is_private),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("unspecified", address.is_unspecified),
        (
            "cloud metadata",
            any(address in net for net in METADATA_NETWORKS if net.version == address.version),
        ),
        ("not globally routable", not address.is_global),
    )
    for reason, hit in checks:
        if hit:
            return reason
    return None


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    seen: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = sockaddr[0].split("%", 1)[0]  # drop an IPv6 zone id
        if ip not in seen:
            seen.append(ip)
    if not seen:
        raise FetchError(f"host {host!r} has no addresses")
    return seen


def check_url(url: str) -> CheckedURL:
    """Refuse anything but http(s) to public addresses (or allow-listed ones).

    Returns the resolved addresses, which the caller must connect to.
    """
    if not isinstance(url, str) or not url.strip():
        raise UnsafeURL("empty URL")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(f"malformed URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise UnsafeURL(f"only http and https URLs can be fetched, not {scheme or 'none'!r}")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise UnsafeURL("the URL has no host")
    port = port or (443 if scheme == "https" else 80)

    allowed_hosts, allowed_networks = _allow_entries()
    addresses = resolve(host, port)
    if host in allowed_hosts:
        return CheckedURL(url.strip(), scheme, host, port, tuple(addresses))
    for text in addresses:
        address = ipaddress.ip_address(text)
        if any(address in net for net in allowed_networks if net.version == address.version):
            continue
        reason = forbidden_reason(address)
        if reason:
            raise UnsafeURL(f"{host} resolves to {text}, a {reason} address; refused")
    return CheckedURL(url.strip(), scheme, host, port, tuple(addresses))
