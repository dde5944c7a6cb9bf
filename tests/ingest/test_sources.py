import gzip
import json

import pytest
from helpers.pages import ARTICLE_TEXT, article_html, rss_feed
from helpers.warc import http_response, warc_record, write_warc

from newsgraph.errors import Reason, Rejected
from newsgraph.ingest.options import IngestOptions
from newsgraph.ingest.sources import Expansion, iter_inputs

OPTIONS = IngestOptions()


def load_all(sources, options=OPTIONS):
    """(source, payload or Reason) for every input."""
    results = []
    for raw in iter_inputs([str(s) for s in sources], options):
        try:
            results.append((raw, raw.load()))
        except Rejected as rejection:
            results.append((raw, rejection.reason))
    return results


def test_folder_is_walked_recursively_in_order_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second article text here.")
    (tmp_path / "a.html").write_text(article_html())
    (tmp_path / ".hidden.txt").write_text("not an article")
    results = load_all([tmp_path])
    assert [raw.source.rsplit("/", 2)[-2:] for raw, _ in results] == [
        [tmp_path.name, "a.html"],
        ["b", "two.txt"],
    ]
    assert [payload.is_html for _, payload in results] == [True, False]


def test_missing_path_is_a_not_found_failure(tmp_path):
    [(raw, outcome)] = load_all([tmp_path / "nope.txt"])
    assert outcome is Reason.NOT_FOUND


def test_jsonl_lines_become_inputs_with_hints(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {
                "text": ARTICLE_TEXT,
                "url": "https://example.org/a",
                "title": "A",
                "published": "2024-06-25",
                "outlet": "Courier",
            }
        ),  # fmt: skip
        "",
        "{not json",
        json.dumps({"html": article_html(), "url": "https://example.org/b"}),
        json.dumps({"title": "no body"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    results = load_all([path])
    assert [raw.source.rsplit("#", 1)[1] for raw, _ in results] == [
        "line=1", "line=3", "line=4", "line=5"
    ]  # fmt: skip
    first, bad_json, html_line, no_body = results
    assert first[0].hints.outlet == "Courier" and first[1].content == ARTICLE_TEXT
    assert bad_json[1] is Reason.MALFORMED and no_body[1] is Reason.MALFORMED
    assert html_line[1].is_html


def test_jsonl_line_over_the_limit_is_refused_and_the_rest_read(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    results = load_all([path], IngestOptions(max_bytes=1000))
    assert [outcome if isinstance(outcome, Reason) else outcome.content for _, outcome in results] \
        == [Reason.TOO_LARGE, "ok"]  # fmt: skip


def test_warc_yields_html_responses_only(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", [
        warc_record("http://example.org/", b"GET / HTTP/1.1\r\n\r\n", "request"),
        warc_record("http://example.org/story", http_response(article_html().encode())),
        warc_record("http://example.org/style.css", http_response(b"body{}", "text/css")),
    ], compress=True)  # fmt: skip
    [(raw, payload)] = load_all([path])
    assert raw.kind == "warc" and "#offset=" in raw.source
    assert raw.hints.url == "http://example.org/story"
    assert b"Nairobi" in payload.content and payload.is_html


def test_warc_gzip_bomb_is_refused(tmp_path):
    bomb = http_response(b"a" * 2_000_000, gzip_body=True)
    path = write_warc(tmp_path / "bomb.warc", [warc_record("http://example.org/b", bomb)])
    [(_raw, outcome)] = load_all([path], IngestOptions(max_bytes=100_000))
    assert outcome is Reason.COMPRESSION_BOMB


def test_html_gz_bomb_is_refused(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * 3_000_000))
    [(_raw, outcome)] = load_all([path], IngestOptions(max_bytes=100_000))
    assert outcome is Reason.COMPRESSION_BOMB


def test_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 10_000)
    [(_raw, outcome)] = load_all([path], IngestOptions(max_bytes=1000))
    assert outcome is Reason.TOO_LARGE


def test_local_feed_file_expands_to_its_links(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(rss_feed(["https://example.org/1", "https://example.org/2"]))
    [(_raw, expansion)] = load_all([path])
    assert isinstance(expansion, Expansion)
    assert [child.source for child in expansion.children] == [
        "https://example.org/1", "https://example.org/2"
    ]  # fmt: skip
    assert expansion.children[0].hints.title == "Story 1"


@pytest.mark.parametrize("name", ["notes.txt", "page.html"])
def test_empty_file_loads_as_empty_payload(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    [(_raw, payload)] = load_all([tmp_path / name])
    assert payload.content == b""
