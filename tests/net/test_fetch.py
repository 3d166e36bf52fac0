"""The SSRF-safe fetcher against a real local HTTP server."""

import gzip
import tracemalloc
import zlib

import pytest

from newsdesk.net import FetchError, UnsafeURL, check_url, fetch
from tests.localhttp import Reply

ALLOW_LOCAL = ["127.0.0.1/32"]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/file",
        "file:///etc/passwd",
        "gopher://127.0.0.1/",
        "javascript:alert(1)",
        "http:///nohost",
        "",
    ],
)
def test_only_http_and_https_with_a_host(url):
    with pytest.raises(UnsafeURL):
        check_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://2130706433/",  # 127.0.0.1 written as one number
        "http://0.0.0.0/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://172.16.5.5/",
        "http://100.64.0.1/",  # carrier-grade NAT
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fd00:ec2::254]/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
    ],
)
def test_internal_addresses_refused_by_default(url, settings):
    settings.NEWSDESK_FETCH_ALLOW = []
    with pytest.raises(UnsafeURL):
        check_url(url)
    with pytest.raises(UnsafeURL):
        fetch(url)


def test_public_address_passes_the_check(settings):
    settings.NEWSDESK_FETCH_ALLOW = []
    checked = check_url("http://93.184.215.14:8080/x")
    assert checked.addresses == ("93.184.215.14",)
    assert checked.port == 8080


def test_refused_server_is_never_contacted(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = []
    local_http.routes["/"] = Reply(200, b"secret", {"Content-Type": "text/plain"})
    with pytest.raises(UnsafeURL):
        fetch(local_http.url("/"))
    assert local_http.requests == []


def test_allow_list_opens_a_cidr(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    local_http.routes["/hello"] = Reply(200, b"hi there", {"Content-Type": "text/plain"})
    result = fetch(local_http.url("/hello"))
    assert result.status == 200
    assert result.content == b"hi there"
    assert result.final_url == local_http.url("/hello")
    assert result.elapsed > 0


def test_allow_list_by_host_name(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["localhost"]
    local_http.routes["/"] = Reply(200, b"ok", {"Content-Type": "text/plain"})
    # localhost may resolve to ::1 first, where nothing listens: the fetcher tries the next
    # checked address.
    result = fetch(f"http://localhost:{local_http.port}/")
    assert result.content == b"ok"
    # The Host header names the host, though the connection went to the checked IP.
    assert local_http.requests[-1][2]["Host"] == f"localhost:{local_http.port}"


def test_redirect_to_internal_address_refused(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    local_http.routes["/go"] = Reply(302, b"", {"Location": "http://169.254.169.254/latest/"})
    with pytest.raises(UnsafeURL, match="169.254.169.254"):
        fetch(local_http.url("/go"))


def test_redirect_to_other_scheme_refused(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    local_http.routes["/go"] = Reply(301, b"", {"Location": "file:///etc/passwd"})
    with pytest.raises(UnsafeURL):
        fetch(local_http.url("/go"))


def test_redirects_followed_up_to_the_limit(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    local_http.routes["/a"] = Reply(301, b"", {"Location": "/b"})
    local_http.routes["/b"] = Reply(302, b"", {"Location": local_http.url("/c")})
    local_http.routes["/c"] = Reply(200, b"end", {"Content-Type": "text/html"})
    result = fetch(local_http.url("/a"))
    assert result.content == b"end"
    assert result.final_url == local_http.url("/c")
    assert result.redirects == [local_http.url("/b"), local_http.url("/c")]
    with pytest.raises(FetchError, match="redirects"):
        fetch(local_http.url("/a"), max_redirects=1)


def test_loop_of_redirects_stops(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    local_http.routes["/loop"] = Reply(302, b"", {"Location": "/loop"})
    with pytest.raises(FetchError):
        fetch(local_http.url("/loop"))


def test_size_limit_by_header_and_by_stream(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    local_http.routes["/big"] = Reply(200, b"x" * 5000, {"Content-Type": "text/plain"})
    local_http.routes["/stream"] = Reply(
        200, headers={"Content-Type": "text/plain"}, chunks=[b"y" * 1000] * 5
    )
    with pytest.raises(FetchError, match="limit"):
        fetch(local_http.url("/big"), max_bytes=1000)
    with pytest.raises(FetchError, match="limit"):
        fetch(local_http.url("/stream"), max_bytes=1000)
    assert len(fetch(local_http.url("/big"), max_bytes=5000).content) == 5000


def test_timeout(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    local_http.routes["/slow"] = Reply(200, b"late", {"Content-Type": "text/plain"}, delay=1.5)
    with pytest.raises(FetchError, match="timed out"):
        fetch(local_http.url("/slow"), timeout=0.3)


def test_content_type_check(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    local_http.routes["/img"] = Reply(200, b"\x89PNG", {"Content-Type": "image/png"})
    local_http.routes["/page"] = Reply(
        200, b"<p>hi</p>", {"Content-Type": "text/html; charset=utf-8"}
    )
    with pytest.raises(FetchError, match="image/png"):
        fetch(local_http.url("/img"), accept=["text/html", "application/xhtml+xml"])
    assert fetch(local_http.url("/img"), accept="image/*").content == b"\x89PNG"
    page = fetch(local_http.url("/page"), accept="text/html")
    assert page.content_type == "text/html"
    assert page.text == "<p>hi</p>"


def test_conditional_get(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL

    def feed(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return Reply(304, b"", {"ETag": '"v1"'})
        return Reply(200, b"<rss/>", {"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024"})

    local_http.routes["/feed"] = feed
    first = fetch(local_http.url("/feed"))
    assert first.status == 200 and first.etag == '"v1"'
    assert first.last_modified == "Mon, 01 Jan 2024"
    second = fetch(local_http.url("/feed"), headers={"If-None-Match": first.etag})
    assert second.not_modified and second.content == b""


def test_post_with_body_and_error_status_returned(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    local_http.routes["/hook"] = Reply(500, b"boom", {"Content-Type": "text/plain"})
    result = fetch(
        local_http.url("/hook"),
        method="POST",
        content=b'{"a":1}',
        headers={"Content-Type": "application/json"},
    )
    assert result.status == 500
    method, path, headers, body = local_http.requests[-1]
    assert (method, path, body) == ("POST", "/hook", b'{"a":1}')


def test_unresolvable_host_is_a_fetch_error(settings):
    settings.NEWSDESK_FETCH_ALLOW = []
    with pytest.raises(FetchError, match="resolve"):
        fetch("http://no-such-host.invalid/")


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9)


def _gzipped_zeros(megabytes: int) -> bytes:
    """gzip of `megabytes` MB of zeros, built without holding them in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * (1024 * 1024)
    return b"".join(packer.compress(zeros) for _ in range(megabytes)) + packer.flush()


def _peak_memory_of(call) -> int:
    """Peak bytes Python allocated while `call` ran (bodies and buffers are Python bytes)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        call()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_layered_encoding_refused_within_the_memory_bound(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    # 256 MB of zeros behind two gzip layers: about a kilobyte on the wire.
    bomb = _gzip(_gzipped_zeros(256))
    local_http.routes["/bomb"] = Reply(
        200, bomb, {"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"}
    )

    def attempt():
        with pytest.raises(FetchError, match="layered"):
            fetch(local_http.url("/bomb"), max_bytes=1024 * 1024)

    assert _peak_memory_of(attempt) < 8 * 1024 * 1024


def test_single_gzip_layer_inflated_step_by_step_within_the_limit(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    page = b"<p>hello</p>" * 1000
    local_http.routes["/page"] = Reply(
        200, _gzip(page), {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    assert fetch(local_http.url("/page")).content == page

    # About 64 KB on the wire inflating to 64 MB: stopped at the 1 MB limit.
    local_http.routes["/bomb"] = Reply(
        200, _gzipped_zeros(64), {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )

    def attempt():
        with pytest.raises(FetchError, match="limit"):
            fetch(local_http.url("/bomb"), max_bytes=1024 * 1024)

    assert _peak_memory_of(attempt) < 8 * 1024 * 1024


def test_deflate_zlib_wrapped_and_raw(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    page = b"<p>deflated</p>" * 100
    raw = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    local_http.routes["/zlib"] = Reply(200, zlib.compress(page), {"Content-Encoding": "deflate"})
    local_http.routes["/raw"] = Reply(
        200, raw.compress(page) + raw.flush(), {"Content-Encoding": "deflate"}
    )
    assert fetch(local_http.url("/zlib")).content == page
    assert fetch(local_http.url("/raw")).content == page


def test_unknown_encoding_and_corrupt_body_are_fetch_errors(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    local_http.routes["/br"] = Reply(200, b"\x1b\x00", {"Content-Encoding": "br"})
    local_http.routes["/bad"] = Reply(200, b"not gzip at all", {"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="encoding"):
        fetch(local_http.url("/br"))
    with pytest.raises(FetchError, match="corrupt"):
        fetch(local_http.url("/bad"))


def test_redirect_to_backslash_url_is_refused_not_a_crash(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ALLOW_LOCAL
    local_http.routes["/go"] = Reply(302, b"", {"Location": "http:\\\\evil.example\\path"})
    with pytest.raises((UnsafeURL, FetchError)):
        fetch(local_http.url("/go"))
