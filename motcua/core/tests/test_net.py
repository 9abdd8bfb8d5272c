"""The client's address behind trusted proxies, and the rate limit helper."""

import pytest
from django.test import RequestFactory

from motcua.core import net


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        # No proxy configured: the peer is the client, whatever the header says.
        ([], "203.0.113.7", "1.2.3.4", "203.0.113.7"),
        # An untrusted peer cannot choose its address with the header.
        (["10.0.0.1"], "203.0.113.7", "1.2.3.4", "203.0.113.7"),
        # Behind one trusted proxy: the last hop it appended.
        (["10.0.0.1"], "10.0.0.1", "198.51.100.9", "198.51.100.9"),
        # A forged entry to the left of the real one is ignored (read right to left).
        (["10.0.0.1"], "10.0.0.1", "6.6.6.6, 198.51.100.9", "198.51.100.9"),
        # Two proxies in a trusted network: skip both.
        (["10.0.0.0/8"], "10.0.0.1", "198.51.100.9, 10.0.0.2", "198.51.100.9"),
        # A trusted peer that sent no header is the client itself.
        (["10.0.0.1"], "10.0.0.1", None, "10.0.0.1"),
        # Garbage in the header: the proxy is reported, not the garbage.
        (["10.0.0.1"], "10.0.0.1", "not-an-ip", "10.0.0.1"),
        # IPv6.
        (["::1"], "::1", "2001:db8::5", "2001:db8::5"),
    ],
)
def test_client_ip_reads_forwarded_for_only_from_trusted_proxies(settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    assert net.client_ip(_request(remote, forwarded)) == expected


@pytest.mark.django_db
def test_hit_counts_up_to_the_limit_then_refuses():
    results = [net.hit("t:one", limit=3, window_seconds=60) for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert net.hit("t:other", limit=3, window_seconds=60)
