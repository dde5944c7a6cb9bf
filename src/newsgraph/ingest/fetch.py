"""Fetch a URL the user asked for, safely: http(s) only, public addresses only (unless allowed),
a size cap, a timeout, and every redirect checked the same way."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsgraph.errors import Reason, Rejected
from newsgraph.ingest.options import IngestOptions


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # "text/html", lower case, without parameters
    charset: str | None


def fetch_url(url: str, options: IngestOptions) -> Fetched:
    """GET `url`. Raises `Rejected` with BAD_URL, PRIVATE_ADDRESS, FETCH_FAILED or TOO_LARGE."""
    check_url_allowed(url, options.allow_private)
    opener = urllib.request.build_opener(_CheckedRedirects(options.allow_private))
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent})
    try:
        with opener.open(request, timeout=options.timeout) as response:
            data = response.read(options.max_bytes + 1)
            final_url = response.geturl()
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        raise Rejected(Reason.FETCH_FAILED, f"{url}: HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise Rejected(Reason.FETCH_FAILED, f"{url}: {reason}") from None
    if len(data) > options.max_bytes:
        raise Rejected(Reason.TOO_LARGE, f"{url}: more than {options.max_bytes} bytes")
    return Fetched(final_url, data, content_type, charset)


def check_url_allowed(url: str, allow_private: bool) -> None:
    """Refuse non-http(s) URLs and hosts that resolve to private, loopback or reserved addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Rejected(Reason.BAD_URL, url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise Rejected(Reason.FETCH_FAILED, f"{url}: cannot resolve host ({error})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            detail = f"{url} -> {address} (use --allow-private to fetch it)"
            raise Rejected(Reason.PRIVATE_ADDRESS, detail)


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Apply the same address check to every redirect target."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, D102
        check_url_allowed(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
