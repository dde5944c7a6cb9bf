"""Write small WARC files by hand for tests (no network, no third-party writer)."""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8",
                  gzip_body: bool = False) -> bytes:  # fmt: skip
    headers = [b"HTTP/1.1 200 OK", b"Content-Type: " + content_type.encode()]
    if gzip_body:
        body = gzip.compress(body)
        headers.append(b"Content-Encoding: gzip")
    headers.append(b"Content-Length: " + str(len(body)).encode())
    return b"\r\n".join(headers) + b"\r\n\r\n" + body


def warc_record(url: str, payload: bytes, warc_type: str = "response") -> bytes:
    content_type = "application/http; msgtype=" + ("request" if warc_type == "request" else
                                                   "response")  # fmt: skip
    header = (
        "WARC/1.0\r\n"
        f"WARC-Type: {warc_type}\r\n"
        f"WARC-Target-URI: {url}\r\n"
        "WARC-Date: 2022-01-07T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return header + payload + b"\r\n\r\n"


def write_warc(path: Path, records: list[bytes], compress: bool = False) -> Path:
    """Each record is gzipped as its own member when `compress`, as real .warc.gz files are."""
    with open(path, "wb") as stream:
        for record in records:
            stream.write(gzip.compress(record) if compress else record)
    return path
