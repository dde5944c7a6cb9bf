"""Clean article text: normalise line breaks, drop page-chrome lines, find the dateline.

Characters inside lines are kept exactly (curly quotes, dashes, non-breaking spaces): every span
of the analysis points into the text this module returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.ontology import boilerplate_line_pattern
from newsgraph.records import Dateline, QualityFlag

# A boilerplate line is short; a longer line matching the lexicon is prose and stays.
MAX_BOILERPLATE_WORDS = 8
# A first line this short with no closing punctuation, followed by more text, is a headline.
MAX_TITLE_WORDS = 20

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3})"  # ALMATY, NEW YORK, ST. LOUIS
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,2}))?"  # Kazakhstan, N.Y.
    rf"(?:,?\s*(?P<date>{_MONTH}))?"  # Jan 5
    r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\))?"  # (Reuters)
    r"\s*[.,]?\s*(?:[—–]|--?)\s+"  # the dash, then the story
)
_SENTENCE_END = tuple('.!?:;"”’)')


@dataclass
class CleanText:
    text: str
    title: str | None = None
    dateline: Dateline | None = None
    flags: list[QualityFlag] = field(default_factory=list)


def clean_text(
    raw: str,
    *,
    language: str = "en",
    find_title: bool = False,
    known_title: str | None = None,
    line_per_paragraph: bool = False,
) -> CleanText:
    """Clean `raw` article text.

    find_title: a leading headline line becomes the title (plain text).
    known_title: a first paragraph repeating this title is dropped (the page's <h1>).
    line_per_paragraph: every line is a paragraph (extractor output), else blank lines separate.
    """
    normalized = normalize_newlines(raw)
    repaired = repair_mojibake(normalized)
    lines = [line.strip() for line in repaired.split("\n")]
    lines, flags = drop_boilerplate_lines(lines, language)
    if repaired != normalized:  # garbled before it reached us: say so
        repairs = len(_MOJIBAKE.findall(normalized))
        flags.insert(0, QualityFlag("mojibake_repaired", f"{repairs} garbled characters"))
    paragraphs = [line for line in lines if line] if line_per_paragraph else join_paragraphs(lines)
    title = None
    if paragraphs and known_title and _same_words(paragraphs[0], known_title):
        paragraphs.pop(0)
    elif find_title and len(paragraphs) > 1 and looks_like_title(paragraphs[0]):
        title = paragraphs.pop(0)
        flags.append(QualityFlag("title_from_text", title))
    text = "\n\n".join(paragraphs)
    return CleanText(text=text, title=title, dateline=find_dateline(text), flags=flags)


# UTF-8 read as Windows-1252 ("â€™" for "’", "Â\xa0" for a no-break space): a lead byte of a
# two- or three-byte sequence, then its continuation bytes as cp1252 shows them (U+FFFD for
# 0x9d, which cp1252 leaves undefined: "â€�" is "”")
_CONTINUATION = (
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122\ufffd]"
)
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}")
# what is left of "Â\xa0" once the no-break space became a plain one: "storiesÂ board"
_STRAY_A = re.compile(r"(?<=[a-z0-9.,;:!?'\")])\u00c2(?=\s)")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text decoded as Windows-1252: "didnâ€™t" -> "didn’t", "â€œnobody" ->
    "“nobody". A sequence that does not decode as UTF-8 ("naïve") is kept."""
    return _STRAY_A.sub("", _MOJIBAKE.sub(_decoded, text))


def _decoded(match: re.Match[str]) -> str:
    try:
        return b"".join(_cp1252_byte(c) for c in match.group()).decode("utf-8")
    except UnicodeError:
        return match.group()


def _cp1252_byte(char: str) -> bytes:
    if char == "\ufffd":
        return b"\x9d"
    if "\u0080" <= char <= "\u009f":
        return bytes([ord(char)])
    return char.encode("cp1252")


def normalize_newlines(raw: str) -> str:
    """CRLF and CR become LF; a BOM and other zero-width no-break spaces are dropped."""
    return raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def drop_boilerplate_lines(lines: list[str], language: str) -> tuple[list[str], list[QualityFlag]]:
    """Remove short lines that match the boilerplate lexicon; flag each one removed."""
    pattern = boilerplate_line_pattern(language)
    kept, flags = [], []
    for line in lines:
        if line and len(line.split()) <= MAX_BOILERPLATE_WORDS and pattern.match(line):
            flags.append(QualityFlag("boilerplate_line", line))
        else:
            kept.append(line)
    return kept, flags


def join_paragraphs(lines: list[str]) -> list[str]:
    """Group lines into paragraphs at blank lines; lines inside a paragraph keep their breaks."""
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split() or " ".join(a.split()).lower() == " ".join(b.split()).lower()


def looks_like_title(paragraph: str) -> bool:
    """A single short line with no closing punctuation and no dateline."""
    return (
        "\n" not in paragraph
        and len(paragraph.split()) <= MAX_TITLE_WORDS
        and not paragraph.endswith(_SENTENCE_END)
        and find_dateline(paragraph + " ") is None
    )


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of `text`, e.g. "ALMATY, Kazakhstan. —" or "LONDON (Reuters) -"."""
    match = _DATELINE.match(text)
    if match is None or len(match.group("place").replace(".", "")) < 2:
        return None
    region = match.group("region")
    head_end = match.end("agency") + 1 if match.group("agency") else _last_group_end(match)
    if region and region.count(".") == 1 and text[head_end - 1] == ".":
        # "Kazakhstan." ends the dateline, it is not an abbreviation like "N.Y."
        region, head_end = region[:-1], head_end - 1
    return Dateline(
        text=text[:head_end],
        place=match.group("place").title(),
        region=region,
        agency=match.group("agency"),
        span=(0, head_end),
    )


def _last_group_end(match: re.Match[str]) -> int:
    return max(match.end(name) for name in ("place", "region", "date") if match.group(name))
