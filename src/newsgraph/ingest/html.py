"""HTML to main text and metadata: trafilatura first, readability-lxml as a second opinion."""

from __future__ import annotations

from dataclasses import dataclass, field

import trafilatura

from newsgraph.errors import Reason, Rejected


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
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, as_dict=False
    )
    if result is None or not (result.text or "").strip():
        raise Rejected(Reason.NO_MAIN_TEXT, url or "")
    authors = [a.strip() for a in (result.author or "").split(";") if a.strip()]
    return HtmlExtraction(
        text=result.text,
        title=result.title,
        authors=authors,
        published=result.date,
        published_precision="day" if result.date else None,
        outlet=result.sitename or result.hostname,
    )
