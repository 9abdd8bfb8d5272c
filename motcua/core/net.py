"""Who is asking, and how often: the client's address behind trusted proxies, and fixed-window rate limits.

The client address is ``REMOTE_ADDR`` unless the peer is one of the configured ``TRUSTED_PROXIES`` (addresses or
networks); then ``X-Forwarded-For`` is read from right to left and the first address that is not a trusted proxy is
the client. A client cannot forge its address by sending its own ``X-Forwarded-For``: the entries it wrote are to
the left of those the trusted proxies appended, and reading stops at the first untrusted hop.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest | None) -> str | None:
    """The address of the client that sent ``request`` (see the module's docstring)."""
    if request is None:
        return None
    peer = request.META.get("REMOTE_ADDR") or None
    if peer is None or not _trusted(peer):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _valid(hop):
            return peer  # a malformed entry: trust nothing the proxies did not vouch for
        if not _trusted(hop):
            return hop
    return hops[0] if hops else peer


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one event under ``key`` in the current window; ``True`` while at most ``limit`` were counted.

    The count is kept in the cache: Redis in production, whose increment is atomic, so parallel requests are each
    counted once; the embedded setup's database cache may undercount a burst of parallel requests (one process
    serves it). Limits that must hold exactly under concurrency (login failures, tracking factors) count in their
    own rows instead.
    """
    cache_key = f"rate:{key}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit


def hit_ip(request: HttpRequest, scope: str, *, limit: int, window_seconds: int = 60) -> bool:
    """:func:`hit` keyed by ``scope`` and the client's address."""
    return hit(f"{scope}:{client_ip(request) or '-'}", limit=limit, window_seconds=window_seconds)
