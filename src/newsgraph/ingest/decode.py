"""Bytes to text: BOMs, declared charsets, UTF-8, and a repair for mixed encodings.

Every input goes through `decode_bytes` so that text files, HTML and JSONL agree on what a
"wrong encoding" is. The result says how it decoded, which becomes a quality flag.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from newsgraph.errors import Reason, Rejected

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "gzip data",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
# Bytes that never occur in text: C0 controls other than tab, newline, form feed, carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    how: str  # "bom" | "declared" | "utf-8" | "mixed" | "guessed"


def reject_binary(data: bytes) -> None:
    """Raise `Rejected(BINARY)` for data that is clearly not text."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise Rejected(Reason.BINARY, what)
    head = data[:8192]
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return  # UTF-16/32 text has NULs by design
    if b"\x00" in head:
        raise Rejected(Reason.BINARY, "contains NUL bytes")
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    if head and controls / len(head) > 0.05:
        raise Rejected(Reason.BINARY, f"{controls} control bytes in the first {len(head)}")


def decode_bytes(data: bytes, declared: str | None = None, html: bool = False) -> Decoded:
    """Decode `data` to text. `declared` is a charset from HTTP headers; for HTML the page's own
    <meta charset> is read too. Raises `Rejected` for binary or undecodable data."""
    reject_binary(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding, "bom")
    if declared is None and html:
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii", "ignore") if match else None
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    if declared and _codec_exists(declared) and codecs.lookup(declared).name != "utf-8":
        try:
            return Decoded(data.decode(declared), codecs.lookup(declared).name, "declared")
        except UnicodeDecodeError:
            pass
    mixed = _repair_mixed_utf8(data)
    if mixed is not None:
        return mixed
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise Rejected(Reason.UNDECODABLE, "no candidate encoding fits")
    return Decoded(str(best), best.encoding, "guessed")


def _codec_exists(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _repair_mixed_utf8(data: bytes) -> Decoded | None:
    """Mostly UTF-8 with a few Windows-1252 lines (pasted text, merged feeds): decode line by
    line. Returns None unless some lines are real multi-byte UTF-8 and at most half fail."""
    decoded, bad, utf8_non_ascii = [], 0, 0
    lines = data.split(b"\n")
    for line in lines:
        try:
            text = line.decode("utf-8")
            utf8_non_ascii += not line.isascii()
        except UnicodeDecodeError:
            bad += 1
            text = line.decode("cp1252", errors="replace")
        decoded.append(text)
    if utf8_non_ascii == 0 or bad > len(lines) / 2:
        return None
    return Decoded("\n".join(decoded), "utf-8+cp1252", "mixed")
