import pytest
from helpers.pages import article_html, rss_feed
from helpers.server import serve

from newsgraph.errors import Reason, Rejected
from newsgraph.ingest.fetch import check_url_allowed, fetch_url
from newsgraph.ingest.options import IngestOptions
from newsgraph.ingest.sources import Expansion, load_url

LOCAL = IngestOptions(allow_private=True, timeout=5)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/x", "http://localhost/x", "http://10.1.2.3/", "http://[::1]/",
            "http://192.168.0.1/", "http://169.254.169.254/latest/meta-data"],
)  # fmt: skip
def test_private_addresses_are_refused_by_default(url):
    with pytest.raises(Rejected) as caught:
        check_url_allowed(url, allow_private=False)
    assert caught.value.reason is Reason.PRIVATE_ADDRESS
    assert "--allow-private" in str(caught.value)


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "http://"])
def test_non_http_urls_are_refused(url):
    with pytest.raises(Rejected) as caught:
        check_url_allowed(url, allow_private=True)
    assert caught.value.reason is Reason.BAD_URL


def test_fetch_html_page_from_local_server():
    with serve({"/story": (200, "text/html; charset=utf-8", article_html().encode())}) as base:
        fetched = fetch_url(base + "/story", LOCAL)
    assert fetched.content_type == "text/html" and fetched.charset == "utf-8"
    assert b"Nairobi" in fetched.data


def test_fetch_reports_http_errors_and_unreachable_hosts():
    with serve({}) as base:
        with pytest.raises(Rejected) as caught:
            fetch_url(base + "/missing", LOCAL)
    assert caught.value.reason is Reason.FETCH_FAILED and "404" in str(caught.value)
    with pytest.raises(Rejected) as caught:
        fetch_url(base + "/gone", LOCAL)  # the server is closed now
    assert caught.value.reason is Reason.FETCH_FAILED


def test_redirect_to_private_address_is_refused():
    # The first hop is allowed only because allow_private is set for the local test server;
    # the check must also run on the redirect target, so use a non-http target to prove it runs.
    with serve({"/r": (302, "text/html", b"ftp://example.org/file")}) as base:
        with pytest.raises(Rejected) as caught:
            fetch_url(base + "/r", LOCAL)
    assert caught.value.reason is Reason.BAD_URL


def test_non_html_url_is_rejected():
    with serve({"/img": (200, "image/png", b"\x89PNG....")}) as base:
        with pytest.raises(Rejected) as caught:
            load_url(base + "/img", LOCAL)
    assert caught.value.reason is Reason.NOT_HTML


def test_oversized_response_is_refused():
    with serve({"/big": (200, "text/html", b"<p>" + b"a" * 5000)}) as base:
        with pytest.raises(Rejected) as caught:
            fetch_url(base + "/big", IngestOptions(allow_private=True, max_bytes=1000))
    assert caught.value.reason is Reason.TOO_LARGE


def test_feed_url_expands_to_item_links():
    with serve({"/feed": (200, "application/rss+xml", rss_feed(["http://x/1"]).encode())}) as base:
        expansion = load_url(base + "/feed", LOCAL)
    assert isinstance(expansion, Expansion)
    assert [c.source for c in expansion.children] == ["http://x/1"]
