"""Character-level structure of a clean text that several stages need: paragraphs and quoted
stretches. Pure functions over the text, so they are computed once per document."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

Range = tuple[int, int]

CLOSING_DOUBLE = {"”", "»"}
STRAIGHT = {'"', "''"}  # '' is how some wires (the NYT's) write a straight double mark
_MARK = re.compile(r"''|[“”«»„\"]")


TEXT_KEY = "newsgraph_text"  # doc.user_data key of the text, built once


def doc_text(doc: Doc) -> str:
    """doc.text, built once per Doc: spaCy joins the text of every token on each access, and
    the stages ask for it one after another. No stage changes a Doc's text (the retokenizer
    keeps it)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def overlaps(a: Range, b: Range) -> bool:
    """Two half-open character ranges share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def paragraph_starts(text: str) -> list[int]:
    """Start offsets of the paragraphs (the clean text separates them with a blank line)."""
    starts, position = [0], text.find("\n\n")
    while position != -1:
        starts.append(position + 2)
        position = text.find("\n\n", position + 2)
    return starts


def paragraph_index(starts: list[int], offset: int) -> int:
    """Which paragraph (0-based) holds `offset`."""
    return bisect_right(starts, offset) - 1


def quoted_ranges(text: str) -> list[Range]:
    """Stretches inside quotation marks (the marks excluded), sorted; see `scan_quotations`."""
    return [(quote.start, quote.end) for quote in scan_quotations(text)]


# --- quotation marks -------------------------------------------------------------------------


@dataclass
class Marked:
    """A stretch inside quotation marks (marks excluded), with how it was closed."""

    start: int
    end: int
    flags: list[str] = field(default_factory=list)


def scan_quotations(text: str) -> list[Marked]:
    """Quoted stretches of `text`. Curly and straight double marks; a quote left open at the end
    of a paragraph continues when the next paragraph opens with a mark (the news convention),
    else it is closed there and flagged "unbalanced_marks". Never raises."""
    found: list[Marked] = []
    starts = paragraph_starts(text)
    carried: Marked | None = None
    for number, start in enumerate(starts):
        end = starts[number + 1] - 2 if number + 1 < len(starts) else len(text)
        quotes, open_quote = scan_paragraph(text, start, end, carried)
        found.extend(quotes)
        carried = None
        if open_quote is not None:
            next_start = starts[number + 1] if number + 1 < len(starts) else None
            if next_start is not None and text.startswith(("“", '"', "«", "''"), next_start):
                carried = open_quote
                carried.flags.append("spans_paragraphs")
            else:
                open_quote.end = trim_end(text, open_quote.start, end)
                open_quote.flags.append("unbalanced_marks")
                found.append(open_quote)
    return [q for q in found if q.end > q.start]


def scan_paragraph(
    text: str, start: int, end: int, carried: Marked | None
) -> tuple[list[Marked], Marked | None]:
    """Quotes closed inside one paragraph, and the one still open at its end (if any)."""
    quotes: list[Marked] = []
    current = carried
    skip_first = carried is not None  # the continuing paragraph's own opening mark
    for match in _MARK.finditer(text, start, end):
        offset, mark = match.start(), match.group(0)
        if skip_first and mark not in CLOSING_DOUBLE:
            skip_first = False
            continue
        skip_first = False
        if current is None:
            if mark in CLOSING_DOUBLE:
                continue  # a stray closing mark: nothing to recover
            current = Marked(match.end(), match.end())
        elif mark in CLOSING_DOUBLE or mark in STRAIGHT:
            current.end = offset
            quotes.append(current)
            current = None
        else:  # a second opening mark while one is open: close the first before it
            current.end = trim_end(text, current.start, offset)
            current.flags.append("unbalanced_marks")
            quotes.append(current)
            current = Marked(match.end(), match.end())
    return [mark_nested(text, q) for q in quotes], current


def trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def mark_nested(text: str, quote: Marked) -> Marked:
    """Flag a quote that holds a single-quoted one (‘fakes’)."""
    inner = text[quote.start : quote.end]
    if re.search(r"(?:^|\s)[‘'][^’']+[’'](?!\w)", inner):
        quote.flags.append("nested_quote")
    return quote


def inside_any(ranges: list[Range], start: int, end: int) -> bool:
    """True when [start, end) lies within one of the sorted, non-overlapping `ranges`."""
    index = bisect_right(ranges, (start, math.inf)) - 1
    return index >= 0 and ranges[index][0] <= start and end <= ranges[index][1]
