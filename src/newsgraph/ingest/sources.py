"""Source readers: turn what the user names (files, folders, URLs, feeds, WARC, JSONL) into a
stream of `RawInput`s.

Reading is lazy: an input's bytes are loaded only when the ingest loop asks, so a resumed run
skips finished sources without reading them. A feed loads as an `Expansion` into its items.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import feedparser
from fastwarc.warc import ArchiveIterator, WarcRecordType

from newsgraph.errors import Reason, Rejected
from newsgraph.ingest.fetch import fetch_url
from newsgraph.ingest.options import IngestOptions

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_CONTENT_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
}
TEXT_CONTENT_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}


@dataclass
class Hints:
    """Metadata known before parsing (JSONL fields, feed entries, WARC headers)."""

    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    crawled: str | None = None  # when a crawler fetched it (WARC-Date): a last resort for dates


@dataclass
class Payload:
    """The content of one input: raw bytes, or text already decoded (a JSONL `text` field)."""

    content: bytes | str
    is_html: bool
    charset: str | None = None
    url: str | None = None  # the final URL after redirects


@dataclass
class Expansion:
    """A container (a feed) that loads as further inputs."""

    children: list[RawInput]


@dataclass
class RawInput:
    source: str  # a unique key: path, URL, "path#line=3", "path#offset=1024"
    kind: str  # text | html | jsonl | warc | url | feed
    load: Callable[[], Payload | Expansion]
    fingerprint: str = ""  # changes when the source changes; a re-run re-reads it then
    hints: Hints = field(default_factory=Hints)


def iter_inputs(sources: list[str], options: IngestOptions) -> Iterator[RawInput]:
    """Every input under the user's sources, in a stable order."""
    for source in sources:
        if source.startswith(("http://", "https://")):
            yield url_input(source, options)
        elif os.path.isdir(source):
            yield from iter_folder_inputs(Path(source).resolve(), options)
        elif os.path.isfile(source):
            yield from iter_file_inputs(Path(source).resolve(), options)
        else:
            yield failed_input(source, "file", Rejected(Reason.NOT_FOUND, source))


def failed_input(source: str, kind: str, error: Rejected) -> RawInput:
    """An input that fails when loaded, so the ingest loop records it like any other failure."""

    def fail() -> Payload:
        raise error

    return RawInput(source, kind, fail)


def iter_folder_inputs(folder: Path, options: IngestOptions) -> Iterator[RawInput]:
    """Inputs of the files under `folder` (see `folder_files`)."""
    for path in folder_files(folder, options):
        yield from iter_file_inputs(path, options)


def folder_files(folder: Path, options: IngestOptions) -> Iterator[Path]:
    """Files under `folder`, recursively, sorted, hidden files and folders skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and str(path) not in options.exclude_paths:
                yield path


def iter_file_inputs(path: Path, options: IngestOptions) -> Iterator[RawInput]:
    """One input per article in the file: one for HTML/text, one per line or record otherwise."""
    suffix = _content_suffix(path)
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl_inputs(path, options)
    elif suffix in WARC_SUFFIXES:
        yield from iter_warc_inputs(path, options)
    else:
        kind = "html" if suffix in HTML_SUFFIXES else "text"
        yield RawInput(
            str(path), kind, lambda: load_file(path, options), fingerprint=file_fingerprint(path)
        )


def _content_suffix(path: Path) -> str:
    """The suffix that names the content: "a.html.gz" -> ".html"."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def file_fingerprint(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, gunzipped when it ends in .gz; refuses more than `max_bytes` either way."""
    if path.stat().st_size > max_bytes:
        raise Rejected(Reason.TOO_LARGE, f"{path.stat().st_size} bytes > {max_bytes}")
    if path.suffix.lower() != ".gz":
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except (OSError, EOFError) as error:
        raise Rejected(Reason.MALFORMED, f"bad gzip data: {error}") from None
    if len(data) > max_bytes:
        raise Rejected(Reason.COMPRESSION_BOMB, f"more than {max_bytes} bytes once gunzipped")
    return data


def load_file(path: Path, options: IngestOptions) -> Payload | Expansion:
    data = read_limited(path, options.max_bytes)
    if looks_like_feed(data):
        return expand_feed(data, str(path), options)
    is_html = _content_suffix(path) in HTML_SUFFIXES or looks_like_html(data)
    return Payload(data, is_html=is_html)


def looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or (
        b"<p>" in head or b"<div" in head
    )


def looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def iter_jsonl_inputs(path: Path, options: IngestOptions) -> Iterator[RawInput]:
    """One input per line: an object with `text` or `html`, optional url/title/published/outlet."""
    fingerprint = file_fingerprint(path)
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as stream:
        for number, line in enumerate(iter_limited_lines(stream, options.max_bytes), start=1):
            if line is None:
                error = Rejected(Reason.TOO_LARGE, f"line {number} exceeds {options.max_bytes}")
                yield failed_input(f"{path}#line={number}", "jsonl", error)
            elif line.strip():
                yield jsonl_record_input(line, f"{path}#line={number}", fingerprint)


def iter_limited_lines(stream, max_bytes: int) -> Iterator[bytes | None]:  # noqa: ANN001
    """Lines of a binary stream; None stands for a line longer than `max_bytes` (skipped)."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(max_bytes)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def jsonl_record_input(line: bytes, source: str, fingerprint: str) -> RawInput:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return failed_input(source, "jsonl", Rejected(Reason.MALFORMED, f"bad JSON: {error}"))
    if not isinstance(record, dict) or not isinstance(
        record.get("text") or record.get("html"), str
    ):
        error = Rejected(Reason.MALFORMED, "a JSONL line needs a string field 'text' or 'html'")
        return failed_input(source, "jsonl", error)
    authors = record.get("authors") or ([record["author"]] if record.get("author") else [])
    hints = Hints(
        url=record.get("url"),
        title=record.get("title"),
        published=record.get("published"),
        outlet=record.get("outlet"),
        authors=[str(a) for a in authors] if isinstance(authors, list) else [str(authors)],
    )
    is_html = "html" in record and not record.get("text")
    payload = Payload(record["html"] if is_html else record["text"], is_html=is_html)
    return RawInput(source, "jsonl", lambda: payload, fingerprint=fingerprint, hints=hints)


def iter_warc_inputs(path: Path, options: IngestOptions) -> Iterator[RawInput]:
    """One input per HTML response record; other records (CSS, images, requests) are skipped."""
    fingerprint = file_fingerprint(path)
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(
                stream, record_types=WarcRecordType.response, parse_http=True, auto_decode="all"
            )
            for record in records:
                content_type = (record.http_content_type or "").lower()
                if content_type not in TEXT_CONTENT_TYPES:
                    continue
                source = f"{path}#offset={record.stream_pos}"
                yield warc_record_input(record, source, fingerprint, options)
    except OSError as error:
        yield failed_input(str(path), "warc", Rejected(Reason.MALFORMED, f"bad WARC: {error}"))


def warc_record_input(record, source: str, fingerprint: str, options: IngestOptions) -> RawInput:  # noqa: ANN001
    """Read the record now (the stream moves on); decoded bodies over the limit are refused."""
    url = record.headers.get("WARC-Target-URI")
    hints = Hints(url=url, crawled=record.headers.get("WARC-Date"))
    data = record.reader.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        error = Rejected(Reason.COMPRESSION_BOMB, f"record body over {options.max_bytes} bytes")
        return failed_input(source, "warc", error)
    is_html = (record.http_content_type or "").lower() != "text/plain"
    payload = Payload(data, is_html=is_html, charset=record.http_charset, url=url)
    return RawInput(source, "warc", lambda: payload, fingerprint=fingerprint, hints=hints)


def url_input(url: str, options: IngestOptions) -> RawInput:
    return RawInput(url, "url", lambda: load_url(url, options), hints=Hints(url=url))


def load_url(url: str, options: IngestOptions) -> Payload | Expansion:
    """Fetch a page or a feed; a feed expands into one input per item link."""
    fetched = fetch_url(url, options)
    if fetched.content_type in FEED_CONTENT_TYPES or looks_like_feed(fetched.data):
        return expand_feed(fetched.data, fetched.url, options)
    if fetched.content_type not in TEXT_CONTENT_TYPES:
        raise Rejected(Reason.NOT_HTML, f"{url} is {fetched.content_type}")
    is_html = fetched.content_type != "text/plain" or looks_like_html(fetched.data)
    return Payload(fetched.data, is_html=is_html, charset=fetched.charset, url=fetched.url)


def expand_feed(data: bytes, feed_source: str, options: IngestOptions) -> Expansion:
    """RSS/Atom items as inputs: each item's link is fetched; an item with no link but with
    content uses that content."""
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise Rejected(Reason.MALFORMED, f"not a readable feed: {parsed.bozo_exception}")
    children = [
        feed_entry_input(entry, feed_source, n, options)
        for n, entry in enumerate(parsed.entries, start=1)
    ]
    return Expansion([child for child in children if child is not None])


def feed_entry_input(
    entry, feed_source: str, number: int, options: IngestOptions
) -> RawInput | None:  # noqa: ANN001
    hints = Hints(
        url=entry.get("link"),
        title=entry.get("title"),
        published=entry.get("published") or entry.get("updated"),
        authors=[entry["author"]] if entry.get("author") else [],
    )
    if hints.url:
        link = hints.url
        return RawInput(link, "feed", lambda: load_url(link, options), hints=hints)
    content = entry.get("content") or []
    if content and content[0].get("value"):
        payload = Payload(content[0]["value"], is_html=True)
        return RawInput(f"{feed_source}#item={number}", "feed", lambda: payload, hints=hints)
    return None
