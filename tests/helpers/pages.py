"""Small articles written for these tests."""

ARTICLE_TEXT = (
    "NAIROBI, Kenya — Police fired tear gas at thousands of protesters in central Nairobi on "
    "Tuesday, and at least 12 people were injured, the Kenya Red Cross said. “We only want bread "
    "at a fair price,” one trader said. The interior ministry said 40 people had been arrested."
)


def article_html(title: str = "Police disperse protest in Nairobi", body: str = ARTICLE_TEXT,
                 extra: str = "") -> str:  # fmt: skip
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in body.split(". ") if sentence)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta name="author" content="Jane Wanjiru">
<meta property="article:published_time" content="2024-06-25T09:00:00Z">
<meta property="og:site_name" content="The Test Courier"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{paragraphs}{extra}</article>
<footer>Copyright 2024 The Test Courier. All rights reserved.</footer></body></html>"""


def rss_feed(links: list[str]) -> str:
    items = "".join(
        f"<item><title>Story {n}</title><link>{link}</link>"
        f"<pubDate>Tue, 25 Jun 2024 09:00:00 GMT</pubDate></item>"
        for n, link in enumerate(links, start=1)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>'
        f"<link>http://example.org/</link>{items}</channel></rss>"
    )
