"""SSRF-safe HTTP fetching with httpx.

Every hop (the first URL and each redirect) is checked by `check_url`, and the connection
goes to the address that was checked (the URL's host is replaced by the IP; the Host header
and TLS SNI/certificate check keep the real name), so DNS rebinding cannot slip a private
address in between the check and the connect. Bodies are streamed and cut off at
`max_bytes` (after decompression, which is done here step by step with a bound and refuses
layered encodings, so a gzip bomb stops too: see `decoding`); the whole fetch has one
deadline; proxies from the environment are ignored so the policy cannot be bypassed.

httpx (≈ 10 MB) is imported on the first fetch: web workers import this module through
the wire's views but seldom fetch anything.
"""

from __future__ import annotations

import functools
import ssl
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from newsdesk.net.addresses import CheckedURL, FetchError, UnsafeURL, check_url
from newsdesk.net.decoding import ACCEPT_ENCODING, content_coding, decoded_chunks

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
REDIRECT_CODES = {301, 302, 303, 307, 308}
USER_AGENT = "Newsdesk/0.1 (+wire desk fetcher)"

if TYPE_CHECKING:
    import httpx


@dataclass
class FetchResult:
    status: int
    headers: httpx.Headers
    content: bytes
    final_url: str
    elapsed: float
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def etag(self) -> str:
        return self.headers.get("etag", "")

    @property
    def last_modified(self) -> str:
        return self.headers.get("last-modified", "")

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def text(self) -> str:
        charset = "utf-8"
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip('"')
        try:
            return self.content.decode(charset, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle costs ~15 ms; do it once per process, not per fetch.
    return ssl.create_default_context()


def _pinned_url(checked: CheckedURL, address: str) -> httpx.URL:
    import httpx

    return httpx.URL(checked.url).copy_with(host=address)


def _host_header(checked: CheckedURL) -> str:
    default = 443 if checked.scheme == "https" else 80
    name = f"[{checked.host}]" if ":" in checked.host else checked.host
    return name if checked.port == default else f"{name}:{checked.port}"


def _read_limited(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"response is {declared} bytes, over the limit of {max_bytes}")
    coding = content_coding(response.headers.get("content-encoding", ""))
    chunks: list[bytes] = []
    size = 0
    # iter_raw: httpx's own decoders inflate a whole network chunk at once, unbounded.
    for chunk in decoded_chunks(response.iter_raw(), coding):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response is over the limit of {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchError("response took longer than the time limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _type_allowed(content_type: str, accept) -> bool:
    if not accept:
        return True
    wanted = [accept] if isinstance(accept, str) else list(accept)
    for item in wanted:
        item = item.lower()
        if item.endswith("/*") and content_type.startswith(item[:-1]):
            return True
        if content_type == item:
            return True
    return False


def _one_hop(client, checked, method, headers, content, max_bytes, deadline):
    import httpx

    """Send one request to the checked address(es); returns (response, body)."""
    last_error: Exception | None = None
    for address in checked.addresses:
        request_headers = {**headers, "Host": _host_header(checked)}
        extensions = {"sni_hostname": checked.host} if checked.scheme == "https" else {}
        remaining = max(0.1, deadline - time.monotonic())
        try:
            request = client.build_request(
                method,
                _pinned_url(checked, address),
                headers=request_headers,
                content=content,
                extensions={**extensions, "timeout": httpx.Timeout(remaining).as_dict()},
            )
        except httpx.InvalidURL as exc:  # e.g. a redirect to "http:\\host\path"
            raise UnsafeURL(f"malformed URL {checked.url!r}: {exc}") from exc
        try:
            response = client.send(request, stream=True)
        except httpx.ConnectError as exc:
            last_error = exc  # try the host's next address
            continue
        except httpx.InvalidURL as exc:
            # httpx parses a redirect's Location while sending (e.g. "http:\\host\path").
            raise UnsafeURL(f"{checked.url} redirects to a malformed URL: {exc}") from exc
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out fetching {checked.url}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"could not fetch {checked.url}: {exc}") from exc
        try:
            if response.status_code in REDIRECT_CODES:
                return response, b""
            return response, _read_limited(response, max_bytes, deadline)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out reading {checked.url}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"could not read {checked.url}: {exc}") from exc
        finally:
            response.close()
    raise FetchError(f"could not connect to {checked.host}: {last_error}")


def fetch(
    url: str,
    *,
    method: str = "GET",
    headers: dict | None = None,
    content: bytes | None = None,
    timeout: float = 10,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = 5,
    accept=None,
) -> FetchResult:
    """Fetch `url` safely. Raises UnsafeURL (policy) or FetchError (failure).

    `accept`: a content type or list of them ("text/html", "image/*") the final response
    must have; 304 Not Modified and error statuses are returned as they are, for the caller
    to judge. Pass If-None-Match / If-Modified-Since in `headers` for a conditional GET.
    """
    import httpx

    started = time.monotonic()
    deadline = started + timeout
    method = method.upper()
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING, **(headers or {})}
    redirects: list[str] = []
    current = url
    with httpx.Client(trust_env=False, follow_redirects=False, verify=_ssl_context()) as client:
        while True:
            checked = check_url(current)
            response, body = _one_hop(
                client, checked, method, headers, content, max_bytes, deadline
            )
            location = response.headers.get("location")
            if response.status_code in REDIRECT_CODES and location:
                if len(redirects) >= max_redirects:
                    raise FetchError(f"more than {max_redirects} redirects from {url}")
                following = urljoin(checked.url, location)
                if urlsplit(following).netloc != urlsplit(checked.url).netloc:
                    # Never hand credentials to another host.
                    headers = {
                        k: v
                        for k, v in headers.items()
                        if k.lower() not in ("authorization", "cookie")
                    }
                if response.status_code == 303 or (
                    response.status_code in (301, 302) and method == "POST"
                ):
                    method, content = "GET", None
                redirects.append(following)
                current = following
                continue
            result = FetchResult(
                status=response.status_code,
                headers=response.headers,
                content=body,
                final_url=checked.url,
                elapsed=time.monotonic() - started,
                redirects=redirects,
            )
            if 200 <= result.status < 300 and not _type_allowed(result.content_type, accept):
                raise FetchError(
                    f"{checked.url} is {result.content_type or 'untyped'}, "
                    f"not {accept if isinstance(accept, str) else ', '.join(accept)}"
                )
            return result
