"""HTML to main text and metadata: trafilatura first, readability-lxml as a second opinion.

Text selection (measured on the dev sides of scrapinghub-aeb and trafilatura-eval):
trafilatura runs twice, in its standard mode and with `favor_precision`. The precision run is
kept unless it dropped much of the standard text; then readability-lxml referees, and the
precision run is kept only when it agrees clearly better with readability than the standard run.
When trafilatura finds nothing, readability's text is used on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from readability import Document

from newsgraph.errors import Reason, Rejected
from newsgraph.ingest.metadata import outlet_from_url
from newsgraph.shingles import shingle_agreement

# Keep the precision run when it is at least this share of the standard run's length.
# Tuned on scrapinghub-aeb + trafilatura-eval dev (0.8-0.95 all within 0.002 F1 on both).
PRECISION_LENGTH_SHARE = 0.9
# The precision run must agree with readability by this much more (shingle F1) to win.
# Tuned on the same dev data (0.0-0.1 within 0.001 F1 on AEB; 0.1 best on trafilatura-eval).
REFEREE_MARGIN = 0.1
# Fewer characters than this is not main text (a stray "Home" link); no dev page's gold is
# this short (scrapinghub-aeb, trafilatura-eval).
MIN_TEXT_CHARS = 25

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|›|»|·|::)\s+")
_AUTHOR_PREFIX = re.compile(
    r"^(?:view all posts by|posted by|written by|by|von|par|por|door|di)\s+", re.IGNORECASE
)
_BLOCK_TAGS = (
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "pre",
    "blockquote",
    "tr",
    "br",
)
_AUTHOR_LABEL = re.compile(r"^[^:：]{1,12}[:：]\s*")


@dataclass
class HtmlExtraction:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_precision: str | None = None
    outlet: str | None = None
    extractor: str = "trafilatura"


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Main text, title, authors, date and outlet of one page. Raises `Rejected(NO_MAIN_TEXT)`."""
    document = _run_trafilatura(html, url)
    standard = (document.text or "") if document is not None else ""
    precise = _run_trafilatura_precise(html, url) if standard.strip() else ""
    text, extractor = choose_text(standard, precise, lambda: extract_readability(html))
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise Rejected(Reason.NO_MAIN_TEXT, url or "")
    sitename = document.sitename if document is not None else None
    published = document.date if document is not None else None
    return HtmlExtraction(
        text=text.strip(),
        title=clean_title(document.title if document is not None else None, sitename, url),
        authors=split_authors(document.author if document is not None else None, sitename),
        published=published,
        published_precision="day" if published else None,
        outlet=sitename or outlet_from_url(url),
        extractor=extractor,
    )


def _run_trafilatura(html: str, url: str | None) -> trafilatura.settings.Document | None:
    """Standard trafilatura run with metadata (original publication date, extensive search)."""
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"original_date": True, "extensive_search": True, "url": url},
    )


def _run_trafilatura_precise(html: str, url: str | None) -> str:
    """Text-only trafilatura run with `favor_precision`."""
    text = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=True, favor_precision=True
    )
    return text or ""


def extract_readability(html: str) -> str:
    """Main text according to readability-lxml, paragraphs on their own lines ("" on failure)."""
    try:
        summary = Document(html).summary(html_partial=True)
        root = lxml.html.fromstring(summary)
    except Exception:  # readability raises bare Exceptions on odd markup
        return ""
    for block in root.iter(*_BLOCK_TAGS):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def choose_text(standard: str, precise: str, referee: Callable[[], str]) -> tuple[str, str]:
    """Pick the body text and name its extractor; `referee` (readability) runs only if needed."""
    if not standard.strip():
        fallback = referee()
        if len(fallback.strip()) >= MIN_TEXT_CHARS:
            return fallback, "readability"
        return "", "trafilatura"
    if precise.strip() and len(precise) >= PRECISION_LENGTH_SHARE * len(standard):
        return precise, "trafilatura-precision"
    if not precise.strip():
        return standard, "trafilatura"
    second_opinion = referee()
    if (
        shingle_agreement(precise, second_opinion)
        > shingle_agreement(standard, second_opinion) + REFEREE_MARGIN
    ):
        return precise, "trafilatura-precision+readability"
    return standard, "trafilatura"


def clean_title(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """Drop a trailing or leading site-name part ("Story | Site") from a page title."""
    if not title:
        return None
    title = " ".join(title.split())
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_keys = {_squash(sitename or ""), _squash(outlet_from_url(url) or "").split(".")[0]}
    site_keys.discard("")
    kept = [p for p in parts if not _is_site_part(p, site_keys)]
    if kept and len(kept) < len(parts):
        return " - ".join(kept)
    return title


def _is_site_part(part: str, site_keys: set[str]) -> bool:
    squashed = _squash(part)
    return bool(squashed) and any(squashed in k or k in squashed for k in site_keys)


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def split_authors(author: str | None, sitename: str | None = None) -> list[str]:
    """Trafilatura's ";"-joined author string as a clean list, without bylines or the outlet."""
    names: list[str] = []
    for raw in (author or "").split(";"):
        name = _AUTHOR_LABEL.sub("", _AUTHOR_PREFIX.sub("", raw.strip())).strip()
        if not name or (sitename and _squash(name) == _squash(sitename)):
            continue
        if name not in names:
            names.append(name)
    return names
