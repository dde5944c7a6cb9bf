"""A small analysed database from articles written for these tests (export, API, browser)."""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES = [
    {
        "url": "https://news.example/almaty-protest",
        "outlet": "Steppe Herald",
        "published": "2022-01-06",
        "title": "Police detain protesters in Almaty as fuel price anger spreads",
        "text": (
            "ALMATY, Kazakhstan — Police detained more than 40 protesters in Almaty on "
            "Wednesday after thousands of people marched against a rise in fuel prices.\n\n"
            "Security forces fired tear gas at the crowd outside the mayor's office. The health "
            "ministry said 12 people were killed in the clashes, while local media reported "
            "that dozens were killed.\n\n"
            '"We only want fair prices," said Aigerim Nurlanova, a teacher who joined the '
            "march.\n\n"
            "President Kassym-Jomart Tokayev threatened to impose a curfew on the city."
        ),
    },
    {
        "url": "https://news.example/nairobi-levy",
        "outlet": "Lakeside Times",
        "published": "2024-06-25",
        "title": "Police fire tear gas at Nairobi fuel levy protest",
        "text": (
            "NAIROBI, Kenya — Police fired tear gas at hundreds of protesters in Nairobi on "
            "Tuesday as crowds marched against a proposed fuel levy.\n\n"
            "Police arrested 30 people, a police spokesman said. Hospital officials said three "
            "people were injured.\n\n"
            '"We will not be silenced," said Wanjiru Kamau, one of the organisers.'
        ),
    },
]


def build_news_db(db: str, folder: Path) -> str:
    """Ingest and analyse ARTICLES (written to `folder`) into the database `db`, a SQLite path
    or a PostgreSQL URL; returns `db`."""
    import newsgraph

    source = folder / "articles.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    summary = newsgraph.ingest([source], db=db)
    assert not summary.failures, summary.failures
    return db
