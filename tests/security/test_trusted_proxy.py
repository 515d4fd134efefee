"""The reader's address behind our proxies: X-Forwarded-For, only as far as they wrote it."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from security.middleware import TrustedProxyMiddleware

PROXY = "127.0.0.1"


def seen_address(forwarded_for=None):
    """The REMOTE_ADDR the views see for a request from our proxy with this header."""
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers)
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    TrustedProxyMiddleware(view)(request)
    return seen["address"]


def test_without_proxies_configured_the_header_is_ignored(settings):
    settings.NEWSROOM_PROXY_COUNT = 0
    assert seen_address("203.0.113.66") == PROXY


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (1, "203.0.113.66", "203.0.113.66"),
        # The reader wrote the first entry; nginx appended what it saw.
        (1, "192.0.2.1, 203.0.113.66", "203.0.113.66"),
        (1, "192.0.2.1,203.0.113.66 ", "203.0.113.66"),
        # A load balancer, then nginx: the balancer's entry is the reader's.
        (2, "192.0.2.1, 203.0.113.66, 10.0.0.5", "203.0.113.66"),
        (1, "2001:db8::7", "2001:db8::7"),
    ],
)
def test_the_entry_our_outermost_proxy_wrote_is_the_readers(settings, count, header, expected):
    settings.NEWSROOM_PROXY_COUNT = count
    assert seen_address(header) == expected


@pytest.mark.parametrize("header", [None, "", "not-an-address", "203.0.113.66, <script>"])
def test_a_missing_or_malformed_header_leaves_the_peer_address(settings, header):
    settings.NEWSROOM_PROXY_COUNT = 1
    assert seen_address(header) == PROXY


def test_fewer_entries_than_proxies_leaves_the_peer_address(settings):
    settings.NEWSROOM_PROXY_COUNT = 2
    assert seen_address("203.0.113.66") == PROXY
