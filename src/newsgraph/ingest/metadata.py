"""Document metadata that does not come from the HTML: language, outlet, publication date."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import py3langid

# Below this many letters py3langid's guess is noise (short texts default to English anyway).
MIN_LETTERS_FOR_LANGUAGE = 20
LANGUAGE_SAMPLE_CHARS = 5000  # enough for a stable guess, keeps long documents cheap


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS_FOR_LANGUAGE:
        return None
    language, _score = py3langid.classify(sample)
    return language


# Second-level labels under country TLDs that are not themselves registrable (example.co.uk).
_GENERIC_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go"}


def outlet_from_url(url: str | None) -> str | None:
    """The registered domain of a URL: "https://news.bbc.co.uk/x" -> "bbc.co.uk"."""
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return host or None
    keep = (
        3
        if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _GENERIC_SECOND_LEVEL
        else 2
    )
    return ".".join(labels[-keep:])


def normalize_published(value: str | None) -> tuple[str | None, str | None]:
    """An ISO 8601 or RFC 2822 (feeds, HTTP) date as (ISO string, precision) or (None, None).

    Precision is "day" for a bare date, "second" when a time is given.
    """
    if not value or not value.strip():
        return None, None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None, None
        return parsed.isoformat(), "second"
    if len(value) <= 10:
        return parsed.date().isoformat(), "day"
    return parsed.isoformat(), "second"
