"""Character-level structure of a clean text that several stages need: paragraphs and quoted
stretches. Pure functions over the text, so they are computed once per document."""

from __future__ import annotations

from bisect import bisect_right

Range = tuple[int, int]

_OPENING = {"“": "”", "«": "»", '"': '"'}


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
    """Stretches inside quotation marks (the marks excluded). A quote left open ends with its
    paragraph, so one unbalanced mark never swallows the rest of the article."""
    ranges: list[Range] = []
    closing, opened_at = None, 0
    for offset, char in enumerate(text):
        if closing is None and char in _OPENING:
            closing, opened_at = _OPENING[char], offset + 1
        elif closing is not None and (char == closing or text.startswith("\n\n", offset)):
            ranges.append((opened_at, offset))
            closing = None
    if closing is not None:
        ranges.append((opened_at, len(text)))
    return ranges


def inside_any(ranges: list[Range], start: int, end: int) -> bool:
    """True when [start, end) lies within one of the sorted, non-overlapping `ranges`."""
    index = bisect_right(ranges, (start, len_max())) - 1
    return index >= 0 and ranges[index][0] <= start and end <= ranges[index][1]


def len_max() -> int:
    return 1 << 62
